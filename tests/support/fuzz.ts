/**
 * Support for the property-based (fast-check) fuzz suites: a world with every kind of caller, a
 * write tracker on every table, the invariants every refused request must keep, and the
 * arbitraries for hostile input (unicode edge cases, deep nesting, huge bodies, broken JSON).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { isErrorCode } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, NO_RATE_LIMITS, TEST_SECRET } from './app.ts';
import { openScratchPostgres, openTestDatabase } from './db.ts';
import {
  createWorld,
  enrol,
  enrolWithConsent,
  TEST_ITERATIONS,
  type ParticipantPrincipal,
  type World,
} from './fixtures.ts';

/** Fixed in CI; FUZZ_SEED reproduces a failure, FUZZ_RUNS scales every property (1 = the CI size). */
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261122;
export const SCALE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;
export const runsOf = (base: number) => Math.max(1, Math.round(base * SCALE));
/** A property's time limit grows with FUZZ_RUNS: one cut short runs on and writes into the next test's checks. */
export const FUZZ_TIMEOUT = Math.max(1, SCALE) * 60_000;

/** PGlite always; PostgreSQL too when DATABASE_URL is set, in a scratch database of its own. */
export type FuzzEngine = 'pglite' | 'postgres';
export const FUZZ_ENGINES: FuzzEngine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
/** The share of each property's runs on PostgreSQL (slower per request on two cores); PGlite runs them all. */
export const POSTGRES_SHARE = 1;
/** Runs of a property on an engine. */
export const runsOn = (engine: FuzzEngine, base: number) =>
  engine === 'postgres' ? Math.max(1, Math.round(runsOf(base) * POSTGRES_SHARE)) : runsOf(base);

export type App = ReturnType<typeof createApp>;
export const CALLERS = ['anonymous', 'participant', 'participantAvslut', 'coach', 'researcher', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];

export interface FuzzWorld {
  db: SqlExecutor;
  store: RpcStore;
  app: App;
  world: World;
  tokens: ReturnType<typeof createTokenService>;
  who: ParticipantPrincipal;
  whoAvslut: ParticipantPrincipal;
  /** Extra consented participants with Pågående links, so the per-participant draft limit is not what every case meets. */
  drafters: string[];
  /** Consented participants with Avslut links (free text), for the same reason. */
  avslutDrafters: { authorization: string; participantId: string }[];
  ids: {
    projectId: string;
    otherProjectId: string;
    participantId: string;
    pagaende: string;
    avslut: string;
    consent: string;
    wai: string;
    staffId: string;
    adminStaffId: string;
  };
  headers: Record<Caller, Record<string, string>>;
}

/**
 * A database with write tracking, two projects with staff, consented participants and signed-in
 * callers: a fresh PGlite, or a scratch PostgreSQL database (the shared test database has other
 * files' writes, which the tracker and the checksums would see); db.close() drops it.
 */
export async function openFuzzWorld(engine: FuzzEngine = 'pglite', label = 'fuzz'): Promise<FuzzWorld> {
  const { db, store } = engine === 'postgres' ? await openScratchPostgres(label) : await openTestDatabase('pglite');
  try {
    return await populateFuzzWorld(db, store);
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function populateFuzzWorld(db: SqlExecutor, store: RpcStore): Promise<FuzzWorld> {
  await installWriteTracking(db);
  const world = await createWorld(store);
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const big = { max: 1_000_000, windowMs: 60_000 };
  const app = createApp({
    store,
    tokens,
    passwordIterations: TEST_ITERATIONS,
    log: () => undefined,
    rateLimits: NO_RATE_LIMITS,
    submitLimit: big,
  });
  const who = await enrolWithConsent(store, world);
  const whoAvslut = { ...(await enrolWithConsent(store, world)), survey: 'avslut', occasion: 'avslut' as const };
  const drafters: string[] = [];
  for (let i = 0; i < 6; i++)
    drafters.push(`Bearer ${(await tokens.signParticipantLink(await enrolWithConsent(store, world))).token}`);
  const avslutDrafters: FuzzWorld['avslutDrafters'] = [];
  for (let i = 0; i < 6; i++) {
    const p = { ...(await enrolWithConsent(store, world)), survey: 'avslut', occasion: 'avslut' as const };
    avslutDrafters.push({
      authorization: `Bearer ${(await tokens.signParticipantLink(p)).token}`,
      participantId: p.participantId,
    });
  }
  const def = async (key: string) => (await store.publishedDefinition(who, key))!.id;
  const ids = {
    projectId: world.projectId,
    otherProjectId: world.otherProjectId,
    participantId: who.participantId,
    pagaende: await def('pagaende'),
    avslut: await def('avslut'),
    consent: await def('samtycke-forskning'),
    wai: await def('wai'),
    staffId: world.researcher.staffId,
    adminStaffId: world.admin.staffId,
  };
  const browser = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' };
  const headers: Record<Caller, Record<string, string>> = {
    anonymous: {},
    participant: { authorization: `Bearer ${(await tokens.signParticipantLink(who)).token}` },
    participantAvslut: { authorization: `Bearer ${(await tokens.signParticipantLink(whoAvslut)).token}` },
    coach: { ...browser, cookie: await loginCookie(app, world.emails.coach) },
    researcher: { ...browser, cookie: await loginCookie(app, world.emails.researcher) },
    admin: { ...browser, cookie: await loginCookie(app, world.emails.admin) },
  };
  return { db, store, app, world, tokens, who, whoAvslut, drafters, avslutDrafters, ids, headers };
}

export { enrol, enrolWithConsent };

/**
 * Counts every row written to every table of public and app, in a table of its own (transactional:
 * a rolled-back write is not counted, as it was not stored).
 */
export async function installWriteTracking(db: SqlExecutor): Promise<void> {
  await db.exec(`
    create schema if not exists fuzz;
    create table if not exists fuzz.writes (tbl text primary key, n bigint not null);
    create or replace function fuzz.count_write() returns trigger language plpgsql security definer set search_path = '' as $$
    begin
      insert into fuzz.writes as w values (tg_table_schema || '.' || tg_table_name, 1) on conflict (tbl) do update set n = w.n + 1;
      return null;
    end $$;
    do $$ declare t record; begin
      for t in select schemaname, tablename from pg_tables where schemaname in ('public', 'app') loop
        execute format('drop trigger if exists fuzz_count on %I.%I', t.schemaname, t.tablename);
        execute format('create trigger fuzz_count after insert or update or delete on %I.%I for each row execute function fuzz.count_write()', t.schemaname, t.tablename);
      end loop;
    end $$;`);
}

/** Rows written so far, per table. */
export async function writes(db: SqlExecutor): Promise<Record<string, number>> {
  const rows = await db.query<{ tbl: string; n: string | number }>('select tbl, n from fuzz.writes');
  return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)]));
}

/** Tables written between two snapshots, except those allowed. */
export function written(
  before: Record<string, number>,
  after: Record<string, number>,
  allowed: string[] = [],
): string[] {
  return Object.keys(after).filter((t) => after[t] !== (before[t] ?? 0) && !allowed.includes(t));
}

/** A checksum of the contents of every table of public and app (except those named). */
export async function contentChecksum(db: SqlExecutor, except: string[] = []): Promise<string> {
  const tables = await db.query<{ t: string }>(
    "select format('%I.%I', schemaname, tablename) as t from pg_tables where schemaname in ('public', 'app') order by 1",
  );
  const parts = tables
    .map((r) => r.t)
    .filter((t) => !except.includes(t))
    .map((t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`);
  const rows = await db.query<{ t: string; h: string }>(parts.join(' union all '));
  return rows
    .map((r) => `${r.t}:${r.h}`)
    .sort()
    .join('\n');
}

// Stack frames, file positions and SQL or driver wording: none may ever reach a caller.
const LEAKS = [
  /\n\s+at [\w.<>]+ \(/,
  /\.tsx?:\d+:\d+/,
  /node_modules/,
  /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/,
  /syntax error at/,
  /violates \w+ constraint/,
  /duplicate key value/,
  /invalid input syntax/,
  /unsupported Unicode/,
  /\bERROR:/,
  /PGlite|postgres\.js|PostgresError|RangeError|TypeError|ZodError/,
  /call_as/,
];

export interface Checked {
  status: number;
  body: string;
  json?: { error: { code: string; message: string; requestId: string; issues?: { path: string; message: string }[] } };
}

/**
 * The standard error: a 4xx, JSON `{ error: { code, message, requestId, issues? } }` with a code of
 * the catalogue and the request id of the response, or an HTML page in Swedish with the message
 * as an alert. Never a stack trace or SQL.
 */
export async function expectStandardError(res: Response, where: string, statuses?: number[]): Promise<Checked> {
  const body = await res.text();
  expect(res.status, `${where}: ${body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${where}: ${body.slice(0, 300)}`).toBeLessThan(500);
  if (statuses) expect(statuses, `${where}: ${res.status} ${body.slice(0, 300)}`).toContain(res.status);
  expectNoLeak(body, where);
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('application/json')) {
    const json = JSON.parse(body) as Checked['json'] & Record<string, unknown>;
    expect(Object.keys(json), where).toEqual(['error']);
    const e = json.error;
    expect(
      Object.keys(e).filter((k) => !['code', 'message', 'requestId', 'issues'].includes(k)),
      where,
    ).toEqual([]);
    expect(isErrorCode(e.code), `${where}: code ${e.code}`).toBe(true);
    expect(typeof e.message === 'string' && e.message.length > 0, where).toBe(true);
    expect(e.requestId, where).toBe(res.headers.get('x-request-id'));
    if (e.issues !== undefined) {
      expect(Array.isArray(e.issues) && e.issues.length > 0, where).toBe(true);
      for (const i of e.issues)
        expect(
          typeof i.path === 'string' && typeof i.message === 'string',
          `${where}: issue ${JSON.stringify(i)}`,
        ).toBe(true);
    }
    return { status: res.status, body, json };
  }
  expect(type, `${where}: content type`).toMatch(/^text\/html/);
  expect(body, `${where}: a page in Swedish`).toMatch(/<html lang="sv"/);
  expect(body, `${where}: the message as an alert`).toMatch(/role="alert"/);
  return { status: res.status, body };
}

export function expectNoLeak(body: string, where: string): void {
  for (const leak of LEAKS) expect(leak.test(body), `${where}: ${leak} in ${body.slice(0, 500)}`).toBe(false);
}

// ---------- Arbitraries ----------

const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown) => typeof v === 'string' && uuidRe.test(v);

/** Unicode edge cases: NUL, lone surrogates, RTL overrides, combining marks, zero-width, emoji, long. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    'x\udc00y',
    '\ud83d',
    '\u202eevil\u202c',
    '\u200f\u05e9\u05dc\u05d5\u05dd',
    'e\u0301\u0301\u0301',
    '\u200b\u200c\u200d\ufeff',
    '💩🏳️‍🌈',
    '\uffff\ufffe',
    '%00',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "'; drop table responses; --",
    '${x}',
    '\r\n\t\v\f',
    ' ',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udc00', '\u0301', '\u202e', 'å', 'a'), maxLength: 30 }),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => 'å'.repeat(n)),
  fc.integer({ min: 1, max: 400 }).map((n) => 'a\u0301'.repeat(n)),
);

/** Any JSON-able junk, with nasty strings inside. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nastyString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1e308,
      -0,
      0.5,
      2 ** 53,
      [],
      {},
      '',
      'null',
      '[object Object]',
      '00000000-0000-0000-0000-00000000000g',
    ),
  },
  { weight: 1, arbitrary: fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
);

/** JSON text nested `depth` levels deep (arrays or objects). */
export function deepJson(depth: number, kind: 'array' | 'object', closed = true): string {
  const open = kind === 'array' ? '[' : '{"a":';
  const close = kind === 'array' ? ']' : '}';
  return open.repeat(depth) + (kind === 'array' ? '' : '1') + (closed ? close.repeat(depth) : '');
}
export const deepValue: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 500, max: 120_000 }), fc.constantFrom('array', 'object' as const), fc.boolean())
  .map(([d, k, closed]) => deepJson(k === 'object' ? Math.min(d, 60_000) : d, k as 'array' | 'object', closed));

/** Text that is not JSON (or not all of it). */
export const brokenJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '{',
    '}',
    '[',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    '{a:1}',
    'undefined',
    'NaN',
    '{"a":NaN}',
    '{"a":01}',
    '\ufeff{}',
    '{"a":"\u0000"}x',
    '{"a":1}{"b":2}',
    '{"a":"\\ud800',
    '"\\u00"',
    '[1,2',
    'nul',
    'tru',
    '-',
    '1e',
    '{"a":1e999999999999}x',
    '{"__proto__":',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc
    .json({ maxDepth: 3 })
    .chain((s) => fc.integer({ min: 0, max: Math.max(0, s.length - 1) }).map((n) => s.slice(0, n)))
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
  deepValue.filter((s) => !s.endsWith(']') && !s.endsWith('}')),
);

/** Query strings nobody should send: broken percent-encoding, repeats, empty names, unicode, long. */
export const junkQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%',
    '%zz',
    '%E0%A4%A',
    '%ED%A0%80',
    '%00',
    'a=%',
    '=',
    '&&&',
    'a&a&a',
    'project=',
    'project',
    'survey[]=x',
    'a[b][c]=1',
    '%2e%2e%2f',
    '?'.repeat(5),
    'x=' + 'y'.repeat(5000),
  ),
  fc
    .array(fc.tuple(fc.string({ maxLength: 8 }), nastyString), { maxLength: 4 })
    .map((pairs) => new URLSearchParams(pairs.map(([k, v]) => [k, v.replace(/[\ud800-\udfff]/g, '')])).toString()),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[#\s]/g, '')),
);

/** Path segments in place of an id. */
export const junkSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'x',
    '0',
    '-1',
    'null',
    '..',
    '%2F',
    '%00',
    '%',
    '%E0%A4%A',
    '%ED%A0%80',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'a'.repeat(3000),
    '%F0%9F%92%A9',
  ),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid(),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
);
