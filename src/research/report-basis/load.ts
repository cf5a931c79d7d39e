import type { Context } from 'hono';
import { z } from 'zod';
import { projectsWithFigures } from '../../auth/guards.ts';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../../http/env.ts';
import { parseWith } from '../../http/validate.ts';
import { codebookRows } from '../codebook.ts';
import { quarterStart } from '../csv.ts';
import { optional, quarter, queryParams, strictQuery } from '../filter.ts';
import { buildReportBasis } from './build.ts';
import type { SurveyFigures } from './item-tables.ts';
import type { SurveyLanguages } from './language-table.ts';
import type { ReportBasis } from './model.ts';
import { todayInSweden } from '../../views/time.ts';

/** The surveys in the report, in the order an evaluation reports them. */
export const BASIS_SURVEYS = [
  { key: 'wai', label: 'WAI (arbetsförmåga)' },
  { key: 'pagaende', label: 'Pågående' },
  { key: 'avslut', label: 'Avslut' },
];

const basisQuery = strictQuery({ project: optional(z.uuid()), from: optional(quarter), to: optional(quarter) }).refine(
  (q) => !q.from || !q.to || q.from <= q.to,
  { message: 'Perioden slutar före den börjar.', path: ['to'] },
);
export type BasisQuery = { project: string; from?: string; to?: string };

/**
 * The project and period asked for. The project must be one the caller sees figures for (a coach
 * or another organisation's researcher gets 404, as from SQL); without one, the first of theirs.
 */
export function readBasisQuery(c: Context<AppEnv>): BasisQuery {
  const q = parseWith(basisQuery, queryParams(c));
  const projects = projectsWithFigures(c.get('staff'));
  const project = q.project ?? projects[0]?.id;
  if (!project || !projects.some((p) => p.id === project)) throw new AppError('PROJECT_NOT_FOUND');
  return { project, from: q.from, to: q.to };
}

/** Item texts (Swedish) and answer values of every published version of a survey, from its definitions. */
async function itemInfos(c: Context<AppEnv>, key: string, project: string): Promise<SurveyFigures['items']> {
  const versions = await c
    .get('services')
    .store.definitionVersions(c.get('principal'), key, project)
    .catch(() => []);
  return Object.fromEntries(
    versions.map((d) => [
      d.version,
      Object.fromEntries(
        codebookRows(d).map((r) => [
          r.variable,
          { text: r.wording.sv, values: r.values.filter((v) => !v.missing).map((v) => v.value) },
        ]),
      ),
    ]),
  );
}

/**
 * Fetches the figures (item_aggregates per survey, project_outcomes) and builds the report. A
 * download (`format`) is recorded by those functions in the audit log as a research export.
 */
export async function loadReportBasis(
  c: Context<AppEnv>,
  q: BasisQuery,
  format?: 'docx' | 'csv',
): Promise<ReportBasis> {
  const { store } = c.get('services');
  const who = c.get('principal');
  const period = { from: quarterStart(q.from), to: quarterStart(q.to) };
  const exportFlag = format ? { export: true, format: `rapportunderlag-${format}` } : {};
  const surveys: SurveyFigures[] = [];
  const languages: SurveyLanguages[] = [];
  for (const s of BASIS_SURVEYS) {
    const report = await store.itemAggregates(who, {
      project_ids: [q.project],
      survey_key: s.key,
      ...period,
      ...exportFlag,
    });
    surveys.push({ ...s, report, items: await itemInfos(c, s.key, q.project) });
    // Counts only, for the same period; a download is already audited by item_aggregates above.
    const counts = await store.answerLanguages(who, { project_id: q.project, survey_key: s.key, ...period });
    languages.push({ label: s.label, languages: counts });
  }
  // The register figures follow the same period (closed quarters, whole segments: public.project_outcomes).
  const outcomes = await store.projectOutcomes(who, q.project, format !== undefined, period);
  return buildReportBasis({
    outcomes,
    surveys,
    languages,
    period: { from: q.from, to: q.to },
    made: todayInSweden(),
  });
}
