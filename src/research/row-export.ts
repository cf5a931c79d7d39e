import type { Principal, RowExportPage, Store } from '../store/store.ts';
import { csvCell, type CsvStyle } from '../views/csv.ts';
import { derivedColumns, derivedValues } from './derived-variables.ts';

export type RowExportFormat = 'csv' | 'jsonl';

export interface RowExportRequest {
  project_id: string;
  survey_key: string;
  version?: number;
  /** false leaves free text out even when the grant includes it. */
  include_free_text?: boolean;
  format: RowExportFormat;
  sep: CsvStyle;
  /** Rows fetched per database call (1–5000). */
  pageSize: number;
}

const FIXED_COLUMNS = ['pseudonym', 'version', 'occasion', 'submitted_on'] as const;
const encoder = new TextEncoder();

/**
 * A pseudonymiser for one export: HMAC-SHA256 of the participant id under a random 32-byte key
 * that exists only in this closure (never stored, logged or returned). The same participant gets
 * the same pseudonym within the export; two exports cannot be linked. 16 hex characters (64 bits)
 * keep the chance of two participants sharing a pseudonym negligible even at a million rows.
 */
export async function createPseudonymiser(): Promise<(participantId: string) => Promise<string>> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  raw.fill(0);
  return async function pseudonym(participantId: string) {
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(participantId)));
    let hex = '';
    for (let i = 0; i < 8; i++) hex += mac[i]!.toString(16).padStart(2, '0');
    return hex;
  };
}

/**
 * One answer as a CSV cell: lists (checkboxes) joined with "|", decimals per style, text made safe
 * and on one line: a line break becomes a space, since SPSS and PSPP read one case per line
 * (JSON Lines keeps the text as written).
 */
function answerCell(value: unknown, style: CsvStyle): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return style === 'semicolon' ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = Array.isArray(value)
    ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|')
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);
  return csvCell(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
}

type Row = RowExportPage['rows'][number];

function csvLine(pseudonym: string, row: Row, columns: string[], survey: string, style: CsvStyle): string {
  const sep = style === 'comma' ? ',' : ';';
  const cells = [pseudonym, String(row.version), row.occasion, row.submitted_on];
  for (const column of columns) cells.push(answerCell(row.answers[column], style));
  for (const value of derivedValues(survey, row)) cells.push(answerCell(value, style));
  return `${cells.join(sep)}\r\n`;
}

function jsonLine(pseudonym: string, row: Row, columns: string[], survey: string): string {
  const answers: Record<string, unknown> = {};
  for (const column of columns) if (row.answers[column] !== undefined) answers[column] = row.answers[column];
  const names = derivedColumns(survey);
  const values = derivedValues(survey, row);
  const derived = names.length ? { derived: Object.fromEntries(names.map((n, i) => [n, values[i]])) } : {};
  return `${JSON.stringify({ pseudonym, version: row.version, occasion: row.occasion, submitted_on: row.submitted_on, answers, ...derived })}\n`;
}

/**
 * Begins a row-level export (grant checked and audited in the database) and returns its rows as
 * a byte stream. Pages are fetched as the consumer pulls (one page ahead), so memory stays flat
 * however many rows there are. Rows carry the per-export pseudonym, never the participant's id,
 * code or the response id. The survey's derived values (WAI total, category, change: see
 * derived-variables.ts) follow the answers. Errors before the first byte (no grant, unknown
 * survey) are thrown here.
 */
export async function openRowExport(
  store: Store,
  who: Principal,
  request: RowExportRequest,
): Promise<{ stream: ReadableStream<Uint8Array>; columns: string[] }> {
  if (!Number.isInteger(request.pageSize) || request.pageSize < 1 || request.pageSize > 5000)
    throw new Error('pageSize must be an integer 1–5000');
  const started = await store.beginRowExport(who, {
    project_id: request.project_id,
    survey_key: request.survey_key,
    version: request.version,
    include_free_text: request.include_free_text,
  });
  const { columns } = started;
  const pseudonym = await createPseudonymiser();
  const fetchPage = (after: string | null) => {
    const page = store.rowExportPage(who, { export_id: started.export_id, after, limit: request.pageSize });
    page.catch(() => {}); // awaited in pull; this only keeps an abandoned prefetch from being "unhandled"
    return page;
  };
  // The next page is requested while the current one is formatted and consumed: database time and
  // formatting overlap, and at most two pages are held at once.
  let next: Promise<RowExportPage> | null = null;
  let headerSent = false;
  let done = false;

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          if (request.format === 'csv') {
            const sep = request.sep === 'comma' ? ',' : ';';
            const header = [...FIXED_COLUMNS, ...columns, ...derivedColumns(request.survey_key)];
            controller.enqueue(encoder.encode(`\uFEFF${header.map(csvCell).join(sep)}\r\n`));
            return;
          }
        }
        if (done) return controller.close();
        const page = await (next ?? fetchPage(null));
        next = page.next === null ? null : fetchPage(page.next);
        const names = await Promise.all(page.rows.map((r) => pseudonym(r.participant_id)));
        let text = '';
        for (let i = 0; i < page.rows.length; i++) {
          text +=
            request.format === 'csv'
              ? csvLine(names[i]!, page.rows[i]!, columns, request.survey_key, request.sep)
              : jsonLine(names[i]!, page.rows[i]!, columns, request.survey_key);
        }
        if (page.next === null) done = true;
        if (text) controller.enqueue(encoder.encode(text));
        else if (done) controller.close();
      },
    },
    // One chunk queued at most: the consumer's pace sets the pace of the database calls.
    { highWaterMark: 1 },
  );
  return { stream, columns };
}
