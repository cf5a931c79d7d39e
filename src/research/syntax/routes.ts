import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { parseWith } from '../../http/validate.ts';
import { derivedColumns } from '../derived-variables.ts';
import { aggregateInput, readFilter } from '../filter.ts';
import { codebookFor, itemLabels } from '../lookups.ts';
import { rowsFileName, rowsQuery } from '../row-export-routes.tsx';
import { aggregatesDictionary } from './aggregates-dictionary.ts';
import type { ExportDictionary, SyntaxFormat } from './dictionary.ts';
import { rowDictionary } from './row-dictionary.ts';
import { rSyntax } from './r.ts';
import { spssSyntax } from './spss.ts';
import { stataSyntax } from './stata.ts';

const FORMATS: Record<SyntaxFormat, { extension: string; write: (d: ExportDictionary) => string }> = {
  sps: { extension: 'sps', write: spssSyntax },
  r: { extension: 'R', write: rSyntax },
  do: { extension: 'do', write: stataSyntax },
};

function send(c: Context<AppEnv>, format: SyntaxFormat, fileName: string, d: ExportDictionary) {
  return c.body(FORMATS[format].write(d), 200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  });
}

/**
 * Syntax files (SPSS .sps, R .R, Stata .do) that load a CSV download with variable labels, value
 * labels and missing codes: GET /api/research/rows.<ext> next to rows.csv (same query, same
 * grant, checked and audited in public.row_export_syntax) and /aggregates.<ext> next to
 * aggregates.csv (same filter, audited by public.item_aggregates as an export in that format).
 * Mounted inside researchApi, whose staff guard covers them.
 */
export function syntaxRoutes() {
  const app = new Hono<AppEnv>();

  async function rows(c: Context<AppEnv>, format: SyntaxFormat) {
    const q = parseWith(rowsQuery, c.req.query());
    const { columns } = await c.get('services').store.rowExportSyntax(c.get('principal'), {
      project_id: q.project,
      survey_key: q.survey,
      version: q.version,
      include_free_text: q.free_text === '1',
      format,
    });
    const { books } = await codebookFor(c, q.survey);
    const file = rowsFileName(q, 'csv');
    const d = rowDictionary({
      file,
      title: `Enkät: radnivåexport av ${q.survey}${q.version ? ` version ${q.version}` : ''} (${file})`,
      columns: [...columns, ...derivedColumns(q.survey)],
      rows: books.flatMap((b) => b.rows),
    });
    return send(c, format, rowsFileName(q, FORMATS[format].extension), d);
  }

  async function aggregates(c: Context<AppEnv>, format: SyntaxFormat) {
    const filter = readFilter(c);
    const report = await c
      .get('services')
      .store.itemAggregates(c.get('principal'), { ...aggregateInput(filter), export: true, format });
    const file = `aggregat-${filter.survey}.csv`;
    const d = aggregatesDictionary({
      file,
      title: `Enkät: aggregat för ${filter.survey} (${file})`,
      report,
      itemLabels: await itemLabels(c, filter.survey),
    });
    return send(c, format, `aggregat-${filter.survey}.${FORMATS[format].extension}`, d);
  }

  for (const format of Object.keys(FORMATS) as SyntaxFormat[]) {
    const extension = FORMATS[format].extension;
    app.get(`/rows.${extension}`, (c) => rows(c, format));
    app.get(`/aggregates.${extension}`, (c) => aggregates(c, format));
  }
  return app;
}
