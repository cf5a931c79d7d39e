import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { projectsWithRole, requireStaff } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import { ResearchPage, SURVEYS_FOR_RESEARCH } from './views/page.tsx';
import { ReportPage } from './views/report.tsx';
import { questionsOf } from '../surveys/definition.ts';
import { aggregatesCsv } from './csv.ts';
import { aggregateInput, quarterOptions, queryParams, readFilter, requireProjects, strictQuery } from './filter.ts';
import { codebookCsv, codebookRows } from './codebook.ts';
import { CodebookPage, type CodebookBook } from './views/codebook.tsx';
import { outcomesCsv } from './outcomes-csv.ts';
import { rowExportRoutes } from './row-export-routes.tsx';

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
    const filter = readFilter(c, { projects: requireProjects(projects), survey: 'pagaende' });
    const { store } = c.get('services');
    const who = c.get('principal');
    const survey = filter.survey;
    // Pågående and Avslut are also shown side by side, so either page fetches both.
    const other = survey === 'pagaende' ? 'avslut' : survey === 'avslut' ? 'pagaende' : null;
    const [report, outcomes, otherReport, labels, waiChange, allVersions, rowExport] = await Promise.all([
      store.itemAggregates(who, aggregateInput(filter)),
      Promise.all(filter.project.map((id) => store.projectOutcomes(who, id))),
      other ? store.itemAggregates(who, aggregateInput(filter, other)) : Promise.resolve(null),
      itemLabels(c, survey),
      survey === 'wai' && filter.project.length === 1 ? store.waiChange(who, filter.project[0]!) : Promise.resolve(null),
      // The version picker lists every version, also when one is selected.
      filter.version ? store.itemAggregates(who, { ...aggregateInput(filter), version: undefined }) : Promise.resolve(null),
      filter.project.length === 1 ? store.rowExportGrant(who, filter.project[0]!) : Promise.resolve(null),
    ]);
    const versions = [...new Set((allVersions ?? report).versions.map((v) => v.version))].sort((a, b) => a - b);
    const comparison = otherReport ? (survey === 'pagaende' ? { pagaende: report, avslut: otherReport } : { pagaende: otherReport, avslut: report }) : null;
    return c.html(<ResearchPage staff={c.get('staff')} projects={projects} filter={filter} versions={versions} quarters={quarterOptions()} report={report} labels={labels} outcomes={outcomes} comparison={comparison} waiChange={waiChange} rowExport={rowExport} />);
  });

  // Printable report: every research survey for the same filter, one item_aggregates call each.
  app.use('/research/report', requireStaff('page'));
  app.get('/research/report', async function researchReport(c) {
    const projects = projectsWithRole(c.get('staff'), ['researcher', 'admin']);
    const filter = readFilter(c, { projects: requireProjects(projects), survey: 'pagaende' });
    const { store } = c.get('services');
    const who = c.get('principal');
    const surveys = [];
    for (const s of SURVEYS_FOR_RESEARCH) {
      const report = await store.itemAggregates(who, aggregateInput(filter, s.key));
      surveys.push({ ...s, report, labels: await itemLabels(c, s.key) });
    }
    const outcomes = await Promise.all(filter.project.map((id) => store.projectOutcomes(who, id)));
    const first = surveys[0]!.report;
    const date = new Date().toISOString().slice(0, 10);
    return c.html(<ReportPage filter={filter} projectName={first.project_name} minGroup={first.min_group_size} date={date} surveys={surveys} outcomes={outcomes} />);
  });

  app.get('/api/research/outcomes', async function outcomesJson(c) {
    const { project } = parseWith(strictQuery({ project: z.uuid() }), queryParams(c));
    return c.json(await c.get('services').store.projectOutcomes(c.get('principal'), project, true));
  });

  app.get('/api/research/aggregates', async function aggregatesJson(c) {
    const filter = readFilter(c);
    return c.json(await c.get('services').store.itemAggregates(c.get('principal'), { ...aggregateInput(filter), export: true, format: 'json' }));
  });

  app.get('/api/research/aggregates.csv', async function aggregatesCsvDownload(c) {
    const filter = readFilter(c);
    const report = await c.get('services').store.itemAggregates(c.get('principal'), { ...aggregateInput(filter), export: true, format: `csv-${filter.sep}` });
    c.header('Content-Disposition', `attachment; filename="aggregat-${filter.survey}.csv"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(aggregatesCsv(report, filter.sep));
  });

  // Codebook: every published or retired version, newest first, or one with ?version=N. It holds
  // definitions, no answers and no personal data, so its download is not written to the audit log.
  const codebookQuery = query.pick({ survey: true, sep: true }).extend({ version: z.coerce.number().int().min(1).max(100_000).optional() });
  async function codebookFor(c: Context<AppEnv>, survey: unknown) {
    if (projectsWithRole(c.get('staff'), ['researcher', 'admin']).length === 0) throw new AppError('NOT_FOUND');
    // The page's "all versions" choice sends an empty version.
    const q = parseWith(codebookQuery, { survey, sep: c.req.query('sep'), version: c.req.query('version') || undefined });
    const all = await c.get('services').store.definitionVersions(c.get('principal'), q.survey);
    const chosen = q.version === undefined ? all : all.filter((d) => d.version === q.version);
    if (chosen.length === 0) throw new AppError('DEFINITION_NOT_FOUND');
    const books: CodebookBook[] = chosen.map((d) => ({
      key: d.key, version: d.version, status: d.status, publishedAt: d.published_at, title: d.meta.title, rows: codebookRows(d),
    }));
    return { q, versions: all.map((d) => d.version), books };
  }
  app.use('/research/codebook', requireStaff('page'));
  app.get('/research/codebook', async function codebookPage(c) {
    const { q, versions, books } = await codebookFor(c, c.req.query('survey') ?? 'pagaende');
    return c.html(<CodebookPage staff={c.get('staff')} surveyKey={q.survey} version={q.version} versions={versions} books={books} />);
  });
  app.get('/api/research/codebook.csv', async function codebookCsvDownload(c) {
    const { q, books } = await codebookFor(c, c.req.query('survey'));
    const name = q.version === undefined ? `kodbok-${q.survey}.csv` : `kodbok-${q.survey}-v${q.version}.csv`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(codebookCsv(books.flatMap((b) => b.rows), q.sep));
  });

  // Outcomes as CSV: the same figures and the same audit entry as the JSON download.
  app.get('/api/research/outcomes.csv', async function outcomesCsvDownload(c) {
    const q = parseWith(strictQuery({ project: z.uuid(), sep: query.shape.sep }), queryParams(c));
    const outcomes = await c.get('services').store.projectOutcomes(c.get('principal'), q.project, true);
    c.header('Content-Disposition', 'attachment; filename="utfall.csv"');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(outcomesCsv(outcomes, q.sep));
  });

  // Row-level export and its grants; after the /api/research/* staff check above.
  app.route('/', rowExportRoutes());

  return app;
}
