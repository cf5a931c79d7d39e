/**
 * Privacy check of captured log output: what the server logged (request lines, error lines) and
 * whatever reached console.* while it ran. The request log is meant to hold only when, which
 * route shape, status and duration; this check proves it for a whole test run:
 *  - every log line has only the known keys, and request paths are redacted (no tokens, no ids);
 *  - no secret appears anywhere in the output: participant ids and pseudonym codes, staff e-mail
 *    addresses, text answers, submission and consent ids (from the database at the end of the
 *    run), passwords the tests typed, and anything shaped like a JWT or a long random token.
 * So no pseudonym can be paired with an answer through the logs, and no credential leaks.
 */
import type { SqlExecutor } from '../../src/store/executor.ts';
import { TEST_PASSWORD } from './fixtures.ts';

const REQUEST_KEYS = new Set(['at', 'id', 'method', 'path', 'status', 'ms']);
const ERROR_KEYS = new Set(['at', 'id', 'level', 'name', 'code', 'stack']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const JWT = /eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}/;
const LONG_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/;

/** Strings from the database that must never appear in logs. */
export async function secretsInDatabase(db: SqlExecutor): Promise<string[]> {
  const rows = await db.query<{ s: string }>(
    `select id::text as s from public.participants
     union all select code from public.participants
     union all select email from public.staff
     union all select id::text from public.responses
     union all select id::text from public.consents
     union all select value from public.responses r, jsonb_each_text(r.answers) where length(value) >= 4 and value !~ '^-?[0-9.]+$'
     union all select value from public.drafts d, jsonb_each_text(d.answers) where length(value) >= 4 and value !~ '^-?[0-9.]+$'`,
  );
  return rows.map((r) => r.s);
}

/** Problems found in the captured output (empty = clean). `lines` must not be empty: nothing captured proves nothing. */
export function logPrivacyProblems(
  logs: Record<string, unknown>[],
  consoleLines: string[],
  secrets: string[],
): string[] {
  const problems: string[] = [];
  if (logs.length === 0) problems.push('no log lines were captured');
  for (const line of logs) {
    const keys = Object.keys(line);
    const allowed = line.level === 'error' ? ERROR_KEYS : REQUEST_KEYS;
    const extra = keys.filter((k) => !allowed.has(k));
    if (extra.length) problems.push(`log line with unexpected keys ${extra.join(', ')}`);
    if (typeof line.path === 'string') {
      const path = line.path;
      if (UUID.test(path)) problems.push(`id in a logged path: ${path}`);
      if (/^\/(d|l|invite)\/(?!\[token\]$)/.test(path)) problems.push(`token in a logged path: ${path}`);
    }
    for (const [key, value] of Object.entries(line)) {
      if (key === 'stack' || key === 'id') continue;
      const text = String(value);
      if (JWT.test(text) || LONG_TOKEN.test(text))
        problems.push(`token-like value in log field ${key}: ${text.slice(0, 80)}`);
    }
  }
  for (const text of consoleLines) {
    if (JWT.test(text) || LONG_TOKEN.test(text.replace(/\bfile:\/\/\S+|\/[\w.@/-]+/g, '')))
      problems.push(`token-like value on the console: ${text.slice(0, 120)}`);
  }
  const everything = [...logs.map((l) => JSON.stringify(l)), ...consoleLines].join('\n');
  const lower = everything.toLowerCase();
  for (const secret of new Set([TEST_PASSWORD, ...secrets])) {
    if (secret && lower.includes(secret.toLowerCase()))
      problems.push(`secret in the logs: ${secret.slice(0, 3)}… (${secret.length} chars)`);
  }
  return problems;
}

/** Captures console.* output until stop() (the lines are still passed through). */
export function captureConsole(): { lines: string[]; stop(): void } {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((m) => console[m]);
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      lines.push(args.map(show).join(' '));
      originals[i]!.apply(console, args);
    };
  });
  return { lines, stop: () => methods.forEach((m, i) => (console[m] = originals[i]!)) };
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.message}\n${value.stack}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
