import { Hono } from 'hono';
import { projectsWithFigures } from '../../auth/guards.ts';
import type { AppEnv } from '../../http/env.ts';
import { quarterOptions } from '../filter.ts';
import { ReportBasisPage } from '../views/report-basis.tsx';
import { loadReportBasis, readBasisQuery } from './load.ts';
import { reportBasisCsv } from './render-csv.ts';
import { reportBasisDocx } from './render-docx.ts';

/** The Rapportunderlag page (under /research, behind its staff guard). */
export function reportBasisPage() {
  const app = new Hono<AppEnv>();
  app.get('/rapportunderlag', async function reportBasis(c) {
    const query = readBasisQuery(c);
    const basis = await loadReportBasis(c, query);
    return c.html(
      <ReportBasisPage
        staff={c.get('staff')}
        projects={projectsWithFigures(c.get('staff'))}
        query={query}
        quarters={quarterOptions()}
        basis={basis}
      />,
    );
  });
  return app;
}

/** Its downloads (under /api/research): the same tables as a Word document and as CSV, audited. */
export function reportBasisDownloads() {
  const app = new Hono<AppEnv>();
  app.get('/rapportunderlag.docx', async function reportBasisWord(c) {
    const basis = await loadReportBasis(c, readBasisQuery(c), 'docx');
    c.header('Content-Disposition', 'attachment; filename="rapportunderlag.docx"');
    c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    return c.body(await reportBasisDocx(basis));
  });
  app.get('/rapportunderlag.csv', async function reportBasisCsvDownload(c) {
    const basis = await loadReportBasis(c, readBasisQuery(c), 'csv');
    c.header('Content-Disposition', 'attachment; filename="rapportunderlag.csv"');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(reportBasisCsv(basis));
  });
  return app;
}
