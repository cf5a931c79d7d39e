import { Hono } from 'hono';
import { projectsWithFigures, requireStaff } from '../auth/guards.ts';
import type { AppEnv } from '../http/env.ts';
import { inLang } from '../views/lang.tsx';
import { todayInSweden } from '../views/time.ts';
import { aggregateInput, quarterOptions, readFilter, requireProjects, type ResearchFilter } from './filter.ts';
import { outcomePeriod } from './outcome-period.ts';
import { codebookFor, codebookLanguages, itemLabels } from './lookups.ts';
import { CodebookPage } from './views/codebook.tsx';
import { ResearchPage, SURVEYS_FOR_RESEARCH } from './views/page.tsx';
import { ReportPage } from './views/report.tsx';
import { reportBasisPage } from './report-basis/routes.tsx';

/** The page's period as project_outcomes takes it (the filter schema has checked the quarters). */
const outcomeFilter = (f: ResearchFilter) => outcomePeriod({ from: f.from, to: f.to });

/**
 * The researcher's pages (mounted at /research): figures, the printable report and the codebook.
 * Every page needs a staff session; which projects' figures a caller gets is decided in SQL.
 */
export function researchPages() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff('page'));

  app.get('/', async function researchHome(c) {
    const projects = projectsWithFigures(c.get('staff'));
    const filter = readFilter(c, { projects: requireProjects(projects), survey: 'pagaende' });
    const { store } = c.get('services');
    const who = c.get('principal');
    const survey = filter.survey;
    // Pågående and Avslut are also shown side by side, so either page fetches both.
    const other = survey === 'pagaende' ? 'avslut' : survey === 'avslut' ? 'pagaende' : null;
    const [report, outcomes, otherReport, labels, waiChange, allVersions, rowExport] = await Promise.all([
      store.itemAggregates(who, aggregateInput(filter)),
      Promise.all(filter.project.map((id) => store.projectOutcomes(who, id, false, outcomeFilter(filter)))),
      other ? store.itemAggregates(who, aggregateInput(filter, other)) : Promise.resolve(null),
      itemLabels(c, survey),
      survey === 'wai' && filter.project.length === 1
        ? store.waiChange(who, filter.project[0]!)
        : Promise.resolve(null),
      // The version picker lists every version, also when one is selected.
      filter.version
        ? store.itemAggregates(who, { ...aggregateInput(filter), version: undefined })
        : Promise.resolve(null),
      filter.project.length === 1 ? store.rowExportGrant(who, filter.project[0]!) : Promise.resolve(null),
    ]);
    const versions = [...new Set((allVersions ?? report).versions.map((v) => v.version))].sort((a, b) => a - b);
    const comparison = otherReport
      ? survey === 'pagaende'
        ? { pagaende: report, avslut: otherReport }
        : { pagaende: otherReport, avslut: report }
      : null;
    return c.html(
      <ResearchPage
        staff={c.get('staff')}
        projects={projects}
        filter={filter}
        versions={versions}
        quarters={quarterOptions()}
        report={report}
        labels={labels}
        outcomes={outcomes}
        comparison={comparison}
        waiChange={waiChange}
        rowExport={rowExport}
      />,
    );
  });

  // Printable report: every research survey for the same filter, one item_aggregates call each.
  app.get('/report', async function researchReport(c) {
    const projects = projectsWithFigures(c.get('staff'));
    const filter = readFilter(c, { projects: requireProjects(projects), survey: 'pagaende' });
    const { store } = c.get('services');
    const who = c.get('principal');
    const surveys = [];
    for (const s of SURVEYS_FOR_RESEARCH) {
      const report = await store.itemAggregates(who, aggregateInput(filter, s.key));
      surveys.push({ ...s, report, labels: await itemLabels(c, s.key) });
    }
    const outcomes = await Promise.all(
      filter.project.map((id) => store.projectOutcomes(who, id, false, outcomeFilter(filter))),
    );
    const first = surveys[0]!.report;
    const date = todayInSweden();
    return c.html(
      <ReportPage
        filter={filter}
        projectName={first.project_name}
        minGroup={first.min_group_size}
        date={date}
        surveys={surveys}
        outcomes={outcomes}
      />,
    );
  });

  app.route('/', reportBasisPage());

  app.get('/codebook', async function codebookPage(c) {
    const { q, project, versions, books } = await codebookFor(c, c.req.query('survey') ?? 'pagaende');
    const languages = await codebookLanguages(c, { survey: q.survey, version: q.version, project: project.id });
    return c.html(
      inLang(
        c.get('lang'),
        <CodebookPage
          staff={c.get('staff')}
          surveyKey={q.survey}
          version={q.version}
          versions={versions}
          books={books}
          languages={languages ? { result: languages, projectName: project.name } : null}
          // Kept in the form and the downloads only when chosen (else both take the first project).
          project={c.req.query('project') === project.id ? project.id : undefined}
        />,
      ),
    );
  });
  return app;
}
