import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import { openRowExport } from './row-export.ts';

const surveyKey = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);
/** The query of a row-level download: the CSV, JSON Lines and the syntax files that load the CSV. */
export const rowsQuery = z.object({
  project: z.uuid(),
  survey: surveyKey,
  version: z.coerce.number().int().min(1).max(100_000).optional(),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
  // "0" leaves free text out even when the grant includes it.
  free_text: z.enum(['0', '1']).default('1'),
});
/** The download's file name: rader-<survey>[-v<version>].<extension>. */
export const rowsFileName = (q: { survey: string; version?: number }, extension: string) =>
  `rader-${q.survey}${q.version ? `-v${q.version}` : ''}.${extension}`;

/**
 * Row-level pseudonymised export (GET /api/research/rows.csv|jsonl). Mounted inside researchApi,
 * whose staff guard covers the downloads. Whether the caller may export is decided by the database
 * (public.begin_row_export); admins grant it through admin/export-grant-api.ts.
 */
export function rowExportRoutes() {
  const app = new Hono<AppEnv>();

  async function download(c: Context<AppEnv>, format: 'csv' | 'jsonl') {
    const q = parseWith(rowsQuery, c.req.query());
    const { store, rowExportPageSize } = c.get('services');
    const { stream } = await openRowExport(store, c.get('principal'), {
      project_id: q.project,
      survey_key: q.survey,
      version: q.version,
      format,
      sep: q.sep,
      pageSize: rowExportPageSize,
      include_free_text: q.free_text === '1',
    });
    return c.body(stream, 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${rowsFileName(q, format)}"`,
      'Cache-Control': 'no-store',
    });
  }
  app.get('/rows.csv', function rowsCsv(c) {
    return download(c, 'csv');
  });
  app.get('/rows.jsonl', function rowsJsonl(c) {
    return download(c, 'jsonl');
  });

  return app;
}
