import { Hono } from 'hono';
import { z } from 'zod';
import { requireStaff } from '../auth/guards.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import { codebookCsv } from './codebook.ts';
import { aggregatesCsv } from './csv.ts';
import { aggregateInput, queryParams, readFilter, strictQuery } from './filter.ts';
import { answerLanguageCsvLines } from './answer-languages.ts';
import { codebookFor, codebookLanguages, query } from './lookups.ts';
import { outcomesCsv } from './outcomes-csv.ts';
import { reportBasisDownloads } from './report-basis/routes.tsx';
import { outcomePeriod } from './outcome-period.ts';
import { rowExportRoutes } from './row-export-routes.tsx';
import { syntaxRoutes } from './syntax/routes.ts';

/** The period of an outcomes download: checked by outcomePeriod (PERIOD_INVALID), so any string here. */
const PERIOD = { from: z.string().max(20).optional(), to: z.string().max(20).optional() };

/**
 * The research API (mounted at /api/research): figures as JSON and CSV, the codebook, the
 * row-level export (only behind an admin's grant, checked in SQL) and the syntax files that load
 * the CSVs in SPSS, R and Stata. Every route needs a staff session.
 */
export function researchApi() {
  const app = new Hono<AppEnv>();
  app.use('*', requireStaff('api'));

  // Outcomes for a period of closed quarters (from/to: quarters such as 2025-Q1, open when left out).
  app.get('/outcomes', async function outcomesJson(c) {
    const q = parseWith(strictQuery({ project: z.uuid(), ...PERIOD }), queryParams(c));
    return c.json(await c.get('services').store.projectOutcomes(c.get('principal'), q.project, true, outcomePeriod(q)));
  });

  app.get('/aggregates', async function aggregatesJson(c) {
    const filter = readFilter(c);
    return c.json(
      await c
        .get('services')
        .store.itemAggregates(c.get('principal'), { ...aggregateInput(filter), export: true, format: 'json' }),
    );
  });

  app.get('/aggregates.csv', async function aggregatesCsvDownload(c) {
    const filter = readFilter(c);
    const report = await c.get('services').store.itemAggregates(c.get('principal'), {
      ...aggregateInput(filter),
      export: true,
      format: `csv-${filter.sep}`,
    });
    c.header('Content-Disposition', `attachment; filename="aggregat-${filter.survey}.csv"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(aggregatesCsv(report, filter.sep));
  });

  app.get('/codebook.csv', async function codebookCsvDownload(c) {
    const { q, project, books } = await codebookFor(c, c.req.query('survey'));
    const languages = await codebookLanguages(c, { survey: q.survey, version: q.version, project: project.id }, true);
    const name = q.version === undefined ? `kodbok-${q.survey}.csv` : `kodbok-${q.survey}-v${q.version}.csv`;
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(
      codebookCsv(
        books.flatMap((b) => b.rows),
        q.sep,
        answerLanguageCsvLines(languages),
      ),
    );
  });

  // Outcomes as CSV: the same figures and the same audit entry as the JSON download.
  app.get('/outcomes.csv', async function outcomesCsvDownload(c) {
    const q = parseWith(strictQuery({ project: z.uuid(), sep: query.shape.sep, ...PERIOD }), queryParams(c));
    const outcomes = await c
      .get('services')
      .store.projectOutcomes(c.get('principal'), q.project, true, outcomePeriod(q));
    const name = ['utfall', q.from && `fran-${q.from}`, q.to && `till-${q.to}`].filter(Boolean).join('-');
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(outcomesCsv(outcomes, q.sep));
  });

  app.route('/', rowExportRoutes());
  app.route('/', reportBasisDownloads());
  app.route('/', syntaxRoutes());

  return app;
}
