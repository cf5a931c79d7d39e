/** Fixtures for the Rapportunderlag tests: the funder template's (seed 000) and the evaluation's (seed 004) figures. */
import { buildReportBasis } from '../../src/research/report-basis/build.ts';
import type { Outcomes } from '../../src/research/report-basis/funder-tables.ts';
import type { Aggregates, Item, SurveyFigures } from '../../src/research/report-basis/item-tables.ts';
import type { ReportBasis } from '../../src/research/report-basis/model.ts';

export const NBSP = '\u00a0';
export const SIX = ['1', '2', '3', '4', '5', '6'];
export const cat = <K extends string>(category: K, n: number | null) => ({ category, n, suppressed: n === null });

/** The figures of the funder's template (seed 000): 26 of 45, 16 women and 10 men, 11 of 26 moved on. */
export function outcomes(overrides: Partial<Outcomes> = {}): Outcomes {
  return {
    project_id: 'p',
    project_name: 'Ett hållbart arbetsliv',
    min_group_size: 3,
    enrolled: { n: 26, suppressed: false, target: 45 },
    exits: {
      n: 24,
      suppressed: false,
      categories: [
        cat('arbete', 3),
        cat('studier', 6),
        cat('fortsatt_rehabilitering', 8),
        cat('ohalsa', 3),
        cat('flytt', null),
        cat('ej_kontaktbar', null),
        cat('annat', 4),
      ],
    },
    work_or_studies: { n: 24, count: 9, share: 0.375, suppressed: false, goal: 0.4 },
    referrals: { n: 26, suppressed: false, categories: [] },
    time_in_programme: { n: 24, suppressed: false },
    response_rates: [],
    period: { from: '2025-01-01', to: '2026-04-01', closed_through: '2026-06-30' },
    gender: {
      n: 26,
      suppressed: false,
      target_women_percent: 60,
      categories: [cat('kvinna', 16), cat('man', 10), cat('annat', 0), cat('vill_inte_ange', 0), cat('saknas', 0)],
    },
    activity: {
      n: 26,
      suppressed: false,
      goal_percent: 40,
      categories: [cat('arbete', 3), cat('studier', 6), cat('annan_sysselsattning', null), cat('ingen', 15)],
    },
    ...overrides,
  };
}

export const item = (name: string, fields: Partial<Item>): Item => ({
  item: name,
  scale: { min: 1, max: 6 },
  suppressed: false,
  ...fields,
});

/** Avslut as the evaluation (seed 004) reports it: 13 answers, means with SD. */
export function avslut(items: Item[]): SurveyFigures {
  const report: Aggregates = {
    project_id: 'p',
    project_name: 'Ett hållbart arbetsliv',
    survey_key: 'avslut',
    min_group_size: 3,
    closed_through: '2026-06-30',
    versions: [
      {
        definition_id: 'd',
        version: 2,
        title: { sv: 'När stödet slutar', en: 'When the support ends' },
        occasion: 'avslut',
        responses: 13,
        suppressed: false,
        period: { from: '2025-01-01', to: '2026-04-01' },
        items,
        wai: null,
      },
    ],
  };
  return {
    key: 'avslut',
    label: 'Avslut',
    report,
    items: { 2: { tid: { text: 'Stödet har fått ta den tid som jag har behövt.', values: SIX } } },
  };
}

export const ITEMS: Item[] = [
  item('tid', {
    n: 13,
    missing: 0,
    mean: 70 / 13,
    sd: 1.3867504905630728,
    median: 6,
    counts: { '1': 1, '2': 1, '3': 0, '4': 2, '5': 1, '6': 8 },
    all_missing: false,
  }),
  item('plan', {
    n: 12,
    missing: 1,
    mean: 4.5,
    sd: 2,
    median: 4.5,
    counts: { '1': 1, '2': 0, '3': 1, '4': 3, '5': 3, '6': 4 },
    below_reporting_minimum: false,
  }),
  item('vet_inte', { n: 0, missing: 4, all_missing: true }),
  item('under_gransen', { n: 6, missing: 0, mean: 4, sd: 1, median: 4, below_reporting_minimum: true }),
  item('liten', { suppressed: true }),
];

export function basis(o = outcomes(), items = ITEMS): ReportBasis {
  return buildReportBasis({
    outcomes: o,
    surveys: [avslut(items)],
    period: { from: '2025-Q1', to: '2026-Q2' },
    made: '2026-07-01',
  });
}
