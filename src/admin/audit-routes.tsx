import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { csvCell, csvText } from '../views/csv.ts';
import { todayInSweden } from '../views/time.ts';
import type { AuditFilter, AuditRow } from '../store/store.ts';
import { AuditPage, type AuditQuery } from './views/audit.tsx';
import { auditSentence } from './audit-sentences.ts';
import { adminProjectsOf } from '../auth/guards.ts';

const blank = (v: unknown) => (v === '' ? undefined : v);
const auditQuery = z.object({
  from: z.preprocess(blank, z.iso.date().optional()),
  to: z.preprocess(blank, z.iso.date().optional()),
  action: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z_.]{1,60}$/)
      .optional(),
  ),
  actor_email: z.preprocess(
    (v) => (typeof v === 'string' ? blank(v.trim().toLowerCase()) : v),
    z.string().max(254).optional(),
  ),
  project_id: z.preprocess(blank, z.uuid().optional()),
  before: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  sep: z.enum(['comma', 'semicolon']).optional(),
});

const PAGE = 100;
const EXPORT_PAGE = 1000;

function readQuery(
  c: Context<AppEnv>,
): { ok: true; q: AuditQuery; before?: number; sep?: 'comma' | 'semicolon' } | { ok: false } {
  const parsed = auditQuery.safeParse(c.req.query());
  if (!parsed.success) return { ok: false };
  const { before, sep, ...q } = parsed.data;
  return { ok: true, q, before, sep };
}

// The codes and raw fields stay for those who parse the file; the sentence comes last.
const HEADER = ['id', 'tid', 'utford_av', 'handelse', 'projekt', 'mal_typ', 'mal_id', 'detaljer', 'beskrivning'];
const CSV_ACTOR: Record<AuditRow['actor_kind'], string> = {
  staff: 'personal (borttagen)',
  participant: 'deltagare',
  system: 'systemet',
  anonymous: 'okänd',
};

function csvLine(r: AuditRow): string[] {
  return [
    String(r.id),
    r.at,
    csvCell(r.actor_email ?? CSV_ACTOR[r.actor_kind]),
    csvCell(r.action),
    csvCell(r.project_name ?? ''),
    csvCell(r.target_type ?? ''),
    csvCell(r.target_id ?? ''),
    csvCell(Object.keys(r.details).length ? JSON.stringify(r.details) : ''),
    csvCell(auditSentence(r)),
  ];
}

/** /admin/audit: the audit log of the admin's projects, filtered and paged; CSV export (itself audited). */
export function auditRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/audit', async function auditPage(c) {
    const staff = c.get('staff');
    const projects = adminProjectsOf(staff);
    const read = readQuery(c);
    if (!read.ok) {
      return c.html(
        <AuditPage
          staff={staff}
          q={{}}
          projects={projects}
          rows={[]}
          next={null}
          error="Urvalet går inte att använda. Kontrollera datum och e-postadress."
        />,
        400,
      );
    }
    const page = await c
      .get('services')
      .store.auditLog(c.get('principal'), { ...read.q, before: read.before, limit: PAGE });
    return c.html(<AuditPage staff={staff} q={read.q} projects={projects} rows={page.rows} next={page.next} />);
  });

  app.get('/audit.csv', async function auditCsv(c) {
    const read = readQuery(c);
    if (!read.ok) throw new AppError('VALIDATION_FAILED');
    const { store } = c.get('services');
    const lines = [HEADER];
    // The first call records the export; later pages continue from the last id.
    let filter: AuditFilter = { ...read.q, limit: EXPORT_PAGE, export: true };
    for (;;) {
      const page = await store.auditLog(c.get('principal'), filter);
      lines.push(...page.rows.map(csvLine));
      if (page.next === null) break;
      filter = { ...read.q, limit: EXPORT_PAGE, before: page.next };
    }
    const day = todayInSweden();
    c.header('Content-Disposition', `attachment; filename="granskningslogg-${day}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(csvText(lines, read.sep ?? 'comma'), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  return app;
}
