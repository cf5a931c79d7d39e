import { Hono } from 'hono';
import type { Context } from 'hono';
import { adminProjectsOf } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { countReportCsv, countReportQuery, resolvePeriod } from './count-report.ts';
import { CountReportPage, type CountReportChoice } from './views/count-report.tsx';

type Chosen = CountReportChoice & { period: NonNullable<CountReportChoice['period']> };
type Refused = { ok: false; code: 'VALIDATION_FAILED' | 'REPORT_PERIOD_INVALID'; choice: CountReportChoice };

/**
 * The query as the page and the CSV read it. `project` may repeat; none ticked means every project
 * the admin administers. Projects they do not administer are left to the database to refuse (404).
 */
function readChoice(c: Context<AppEnv>): { ok: true; choice: Chosen; sep?: 'comma' | 'semicolon' } | Refused {
  const raw = Object.fromEntries(
    Object.entries(c.req.queries()).map(([k, v]) => [k, k === 'project' ? v : v.length > 1 ? v : v[0]]),
  );
  const parsed = countReportQuery.safeParse(raw);
  const mine = adminProjectsOf(c.get('staff')).map((p) => p.id);
  if (!parsed.success) return { ok: false, code: 'VALIDATION_FAILED', choice: { projects: mine, period: null } };
  const projects = parsed.data.project?.length ? parsed.data.project : mine;
  const period = resolvePeriod(parsed.data);
  if (!period) return { ok: false, code: 'REPORT_PERIOD_INVALID', choice: { projects, period } };
  return { ok: true, choice: { projects, period }, sep: parsed.data.sep };
}

/** /admin/count-report: participants by gender per project and period; the CSV download is audited. */
export function countReportRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/count-report', async function countReportPage(c) {
    const staff = c.get('staff');
    const read = readChoice(c);
    const projects = adminProjectsOf(staff);
    if (!read.ok) {
      const error = errorMessage(read.code, 'sv');
      return c.html(<CountReportPage staff={staff} projects={projects} choice={read.choice} error={error} />, 400);
    }
    const { period } = read.choice;
    const report = await c.get('services').store.countReport(c.get('principal'), {
      project_ids: read.choice.projects,
      from: period.from,
      to: period.to,
    });
    c.header('Cache-Control', 'no-store');
    return c.html(<CountReportPage staff={staff} projects={projects} choice={read.choice} report={report} />);
  });

  app.get('/count-report.csv', async function countReportCsvDownload(c) {
    const read = readChoice(c);
    if (!read.ok) throw new AppError(read.code);
    const { period } = read.choice;
    const report = await c.get('services').store.countReport(c.get('principal'), {
      project_ids: read.choice.projects,
      from: period.from,
      to: period.to,
      export: true,
    });
    c.header('Content-Disposition', `attachment; filename="antal-deltagare-${period.from}-${period.to}.csv"`);
    c.header('Cache-Control', 'no-store');
    return c.body(countReportCsv(report, read.sep ?? 'comma'), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  return app;
}
