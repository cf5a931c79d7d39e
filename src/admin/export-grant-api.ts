import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.ts';
import { jsonBody, parseWith } from '../http/validate.ts';

const staffRef = z.union([
  z.object({ project_id: z.uuid(), staff_id: z.uuid() }),
  z.object({ project_id: z.uuid(), staff_email: z.email().transform((e) => e.toLowerCase()) }),
]);
const grantInput = z.intersection(staffRef, z.object({ include_free_text: z.boolean().default(false) }));

/**
 * Row-level export grants (/api/admin/export-grants): which named staff may download pseudonymised
 * rows of a project. Admins of the project only (checked in SQL); CSRF is checked for every
 * POST/DELETE by the app-wide csrfGuard.
 */
export function exportGrantApi() {
  const app = new Hono<AppEnv>();

  app.get('/export-grants', async function listGrants(c) {
    const { project } = parseWith(z.object({ project: z.uuid() }), c.req.query());
    return c.json(await c.get('services').store.rowExportGrants(c.get('principal'), project));
  });
  app.post('/export-grants', async function grant(c) {
    const input = await jsonBody(c, grantInput);
    const result = await c.get('services').store.grantRowExport(c.get('principal'), input);
    return c.json({ grant: result }, result.created ? 201 : 200);
  });
  app.delete('/export-grants', async function revoke(c) {
    const input = await jsonBody(c, staffRef);
    return c.json(await c.get('services').store.revokeRowExport(c.get('principal'), input));
  });

  return app;
}
