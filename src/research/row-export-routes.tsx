import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { requireStaff } from '../auth/guards.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/validate.ts';
import { openRowExport } from './row-export.ts';

const surveyKey = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);
const rowsQuery = z.object({
  project: z.uuid(),
  survey: surveyKey,
  version: z.coerce.number().int().min(1).max(100_000).optional(),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
  // "0" leaves free text out even when the grant includes it.
  free_text: z.enum(['0', '1']).default('1'),
});
const staffRef = z.union([
  z.object({ project_id: z.uuid(), staff_id: z.uuid() }),
  z.object({ project_id: z.uuid(), staff_email: z.email().transform((e) => e.toLowerCase()) }),
]);
const grantInput = z.intersection(staffRef, z.object({ include_free_text: z.boolean().default(false) }));

/**
 * Row-level pseudonymised export (GET /api/research/rows.csv|jsonl) and the admin endpoints that
 * grant it. Mounted inside researchRoutes, whose /api/research/* staff check covers the downloads.
 * Whether the caller may export is decided by the database (public.begin_row_export).
 */
export function rowExportRoutes() {
  const app = new Hono<AppEnv>();

  async function download(c: Context<AppEnv>, format: 'csv' | 'jsonl') {
    const q = parseWith(rowsQuery, c.req.query());
    const { store, rowExportPageSize } = c.get('services');
    const { stream } = await openRowExport(store, c.get('principal'), {
      project_id: q.project, survey_key: q.survey, version: q.version, format, sep: q.sep, pageSize: rowExportPageSize,
      include_free_text: q.free_text === '1',
    });
    const suffix = q.version ? `-v${q.version}` : '';
    return c.body(stream, 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="rader-${q.survey}${suffix}.${format}"`,
      'Cache-Control': 'no-store',
    });
  }
  app.get('/api/research/rows.csv', function rowsCsv(c) { return download(c, 'csv'); });
  app.get('/api/research/rows.jsonl', function rowsJsonl(c) { return download(c, 'jsonl'); });

  // Grants: admins of the project only (checked in SQL). CSRF is checked for every POST/DELETE by
  // the app-wide csrfGuard.
  app.use('/api/admin/export-grants', requireStaff('api'));
  app.get('/api/admin/export-grants', async function listGrants(c) {
    const { project } = parseWith(z.object({ project: z.uuid() }), c.req.query());
    return c.json(await c.get('services').store.rowExportGrants(c.get('principal'), project));
  });
  app.post('/api/admin/export-grants', async function grant(c) {
    const input = await jsonBody(c, grantInput);
    const result = await c.get('services').store.grantRowExport(c.get('principal'), input);
    return c.json({ grant: result }, result.created ? 201 : 200);
  });
  app.delete('/api/admin/export-grants', async function revoke(c) {
    const input = await jsonBody(c, staffRef);
    return c.json(await c.get('services').store.revokeRowExport(c.get('principal'), input));
  });

  return app;
}
