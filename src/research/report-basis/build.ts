import { quarterLabelText, quarterName } from './format.ts';
import { funderSection, type Outcomes } from './funder-tables.ts';
import { itemSection, type SurveyFigures } from './item-tables.ts';
import { languageSection, type SurveyLanguages } from './language-table.ts';
import type { ReportBasis } from './model.ts';

/** The period as chosen: whole quarters, open at either end. */
export interface BasisPeriod {
  from?: string;
  to?: string;
}

export function periodText(p: BasisPeriod): string {
  if (!p.from && !p.to) return 'Hela tiden';
  return `${p.from ? quarterLabelText(p.from) : 'Från början'} – ${p.to ? quarterLabelText(p.to) : 'idag'}`;
}

/**
 * "Svar t.o.m. 2026-06-30": the closed date the figures include when the database says it;
 * otherwise the last quarter the included answers fall in (never a date the data does not reach).
 */
export function answersThrough(surveys: SurveyFigures[], outcomes: Outcomes): string {
  const closed = surveys.map((s) => s.report.closed_through).find(Boolean) ?? outcomes.period?.closed_through;
  if (closed) return `Svar t.o.m. ${closed}`;
  const last = surveys
    .flatMap((s) => s.report.versions.map((v) => v.period?.to ?? null))
    .filter((d): d is string => typeof d === 'string')
    .sort()
    .at(-1);
  return last ? `Svar t.o.m. ${quarterName(last)}` : 'Inga svar i perioden';
}

/** The whole Rapportunderlag for one project and period, as tables of display texts. */
export function buildReportBasis(input: {
  outcomes: Outcomes;
  surveys: SurveyFigures[];
  /** Responses per answer language, per survey (left out when not fetched). */
  languages?: SurveyLanguages[];
  period: BasisPeriod;
  made: string;
}): ReportBasis {
  const o = input.outcomes;
  const minGroup = Math.max(o.min_group_size, ...input.surveys.map((s) => s.report.min_group_size));
  return {
    projectName: o.project_name,
    period: periodText(input.period),
    answersThrough: answersThrough(input.surveys, o),
    minGroup,
    made: input.made,
    sections: [
      funderSection(o),
      itemSection(input.surveys),
      ...(input.languages ? [languageSection(input.languages, minGroup)] : []),
    ],
  };
}
