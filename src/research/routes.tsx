import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { projectsWithRole, requireStaff } from '../auth/middleware.ts';
import { AppError } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import { ResearchPage } from '../views/research.tsx';
import { questionsOf } from '../surveys/definition.ts';
import { aggregatesCsv } from './csv.ts';

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

/** Researcher page and aggregate downloads (JSON, CSV). Aggregates only, never rows. */
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
    const report = await c.get('services').store.itemAggregates(c.get('principal'), { project_id: project, survey_key: survey });
    return c.html(<ResearchPage staff={c.get('staff')} projects={projects} projectId={project} surveyKey={survey} report={report} labels={await itemLabels(c, survey)} />);
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

  return app;
}
