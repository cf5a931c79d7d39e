import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { projectsWithRole, requireStaff } from '../auth/middleware.ts';
import { AppError } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import { ResearchPage, SURVEYS_FOR_RESEARCH } from '../views/research.tsx';
import { ReportPage } from '../views/report.tsx';
import { questionsOf } from '../surveys/definition.ts';
import { aggregatesCsv } from './csv.ts';
import { codebookCsv, codebookRows } from './codebook.ts';
import { CodebookPage } from '../views/codebook.tsx';
import { rowExportRoutes } from './export-routes.tsx';

const query = z.object({
  project: z.uuid(),
  survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
});

/** Item labels (Swedish titles) for a survey, for tables people read. */
async function itemLabels(c: Context<AppEnv>, surveyKey: string): Promise<Record<string, string>> {
  const { store, definitions } = c.get('services');
  const def = await definitions.latest(store, c.get('principal'), surveyKey).catch(() => null);
  const labels: Record<string, string> = {};
  for (const { question } of def ? questionsOf(def.json) : []) {
    const t = question.title;
    labels[question.name] = typeof t === 'string' ? t : ((t as Record<string, string> | undefined)?.sv ?? question.name);
  }
  return labels;
}

/** Researcher page and aggregate downloads (JSON, CSV). Rows only through export-routes.tsx, behind an admin's grant. */
export function researchRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/research', requireStaff('page'));
  app.use('/api/research/*', requireStaff('api'));

  app.get('/research', async function researchHome(c) {
    const projects = projectsWithRole(c.get('staff'), ['researcher', 'admin']);
    const projectId = projects.find((p) => p.id === c.req.query('project'))?.id ?? projects[0]?.id;
    if (!projectId) throw new AppError('PROJECT_NOT_FOUND');
    const surveyKey = c.req.query('survey') ?? 'pagaende';
    const { project, survey } = parseWith(query, { project: projectId, survey: surveyKey });
    const { store } = c.get('services');
    const who = c.get('principal');
    // Pågående and Avslut are also shown side by side, so either page fetches both.
    const other = survey === 'pagaende' ? 'avslut' : survey === 'avslut' ? 'pagaende' : null;
    const [report, outcomes, otherReport, labels, waiChange, rowExport] = await Promise.all([
      store.itemAggregates(who, { project_id: project, survey_key: survey }),
      store.projectOutcomes(who, project),
      other ? store.itemAggregates(who, { project_id: project, survey_key: other }) : Promise.resolve(null),
      itemLabels(c, survey),
      survey === 'wai' ? store.waiChange(who, project) : Promise.resolve(null),
      store.rowExportGrant(who, project),
    ]);
    const comparison = otherReport ? (survey === 'pagaende' ? { pagaende: report, avslut: otherReport } : { pagaende: otherReport, avslut: report }) : null;
    return c.html(<ResearchPage staff={c.get('staff')} projects={projects} projectId={project} surveyKey={survey} report={report} labels={labels} outcomes={outcomes} comparison={comparison} waiChange={waiChange} rowExport={rowExport} />);
  });

  // Printable report: every research survey of the project, one item_aggregates call each.
  app.use('/research/report', requireStaff('page'));
  app.get('/research/report', async function researchReport(c) {
    const projects = projectsWithRole(c.get('staff'), ['researcher', 'admin']);
    const projectId = projects.find((p) => p.id === c.req.query('project'))?.id ?? projects[0]?.id;
    if (!projectId) throw new AppError('PROJECT_NOT_FOUND');
    const { project, survey } = parseWith(query, { project: projectId, survey: c.req.query('survey') ?? 'pagaende' });
    const surveys = [];
    for (const s of SURVEYS_FOR_RESEARCH) {
      const report = await c.get('services').store.itemAggregates(c.get('principal'), { project_id: project, survey_key: s.key });
      surveys.push({ ...s, report, labels: await itemLabels(c, s.key) });
    }
    const outcomes = await c.get('services').store.projectOutcomes(c.get('principal'), project);
    const first = surveys[0]!.report;
    const date = new Date().toISOString().slice(0, 10);
    return c.html(<ReportPage projectId={project} projectName={first.project_name} minGroup={first.min_group_size} date={date} surveys={surveys} backSurvey={survey} outcomes={outcomes} />);
  });

  app.get('/api/research/outcomes', async function outcomesJson(c) {
    const { project } = parseWith(z.object({ project: z.uuid() }), c.req.query());
    return c.json(await c.get('services').store.projectOutcomes(c.get('principal'), project, true));
  });

  app.get('/api/research/aggregates', async function aggregatesJson(c) {
    const q = parseWith(query, c.req.query());
    const report = await c.get('services').store.itemAggregates(c.get('principal'), { project_id: q.project, survey_key: q.survey, export: true, format: 'json' });
    return c.json(report);
  });

  app.get('/api/research/aggregates.csv', async function aggregatesCsvDownload(c) {
    const q = parseWith(query, c.req.query());
    const report = await c.get('services').store.itemAggregates(c.get('principal'), { project_id: q.project, survey_key: q.survey, export: true, format: `csv-${q.sep}` });
    c.header('Content-Disposition', `attachment; filename="aggregat-${q.survey}.csv"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(aggregatesCsv(report, q.sep));
  });

  // Codebook: the newest published version only (the Store has no "list versions"). It holds
  // definitions, no answers and no personal data, so its download is not written to the audit log.
  const codebookQuery = query.pick({ survey: true, sep: true });
  async function codebookFor(c: Context<AppEnv>, survey: unknown) {
    if (projectsWithRole(c.get('staff'), ['researcher', 'admin']).length === 0) throw new AppError('NOT_FOUND');
    const q = parseWith(codebookQuery, { survey, sep: c.req.query('sep') });
    const { store, definitions } = c.get('services');
    const def = await definitions.latest(store, c.get('principal'), q.survey);
    return { q, book: { key: def.key, version: def.version, title: def.meta.title, rows: codebookRows(def) } };
  }
  app.use('/research/codebook', requireStaff('page'));
  app.get('/research/codebook', async function codebookPage(c) {
    const { q, book } = await codebookFor(c, c.req.query('survey') ?? 'pagaende');
    return c.html(<CodebookPage staff={c.get('staff')} surveyKey={q.survey} books={[book]} />);
  });
  app.get('/api/research/codebook.csv', async function codebookCsvDownload(c) {
    const { q, book } = await codebookFor(c, c.req.query('survey'));
    c.header('Content-Disposition', `attachment; filename="kodbok-${book.key}-v${book.version}.csv"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(codebookCsv(book.rows, q.sep));
  });

  // Row-level export and its grants; after the /api/research/* staff check above.
  app.route('/', rowExportRoutes());

  return app;
}
