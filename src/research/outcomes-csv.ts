import type { CategoryCounts, ProjectOutcomes } from '../store/store.ts';
import { csvCell, csvText, type CsvStyle } from '../views/csv.ts';
import { missingCell } from './missing-codes.ts';
import { activityShare } from './outcome-shares.ts';

const HEADER = ['project', 'section', 'category', 'n', 'share', 'value', 'suppressed'];

interface Figure {
  section: string;
  category: string;
  n?: number | null;
  share?: number | null;
  /** A figure that is not a count: days in the programme, a goal or target share, a year or quarter. */
  value?: number | null;
  suppressed: boolean;
}

/** A breakdown as its total and one figure per category; shares of the total where shown. */
function breakdown(section: string, counts: CategoryCounts<string>): Figure[] {
  const total: Figure = { section, category: 'total', n: counts.n, suppressed: counts.suppressed };
  return [
    total,
    ...counts.categories.map((c) => ({
      section,
      category: c.category,
      n: c.n,
      share: c.n === null || !counts.n ? null : c.n / counts.n,
      suppressed: c.suppressed,
    })),
  ];
}

/** A date as two numeric figures, year and quarter (so every value in the file is a number). */
function quarterOf(category: string, day: string | null): Figure[] {
  if (!day) return [];
  const quarter = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  return [
    { section: 'period', category: `${category}_year`, value: Number(day.slice(0, 4)), suppressed: false },
    { section: 'period', category: `${category}_quarter`, value: quarter, suppressed: false },
  ];
}

/** Every figure of public.project_outcomes, one per line, in the order the page shows them. */
export function outcomeFigures(o: ProjectOutcomes): Figure[] {
  const w = o.work_or_studies;
  const t = o.time_in_programme;
  const active = activityShare(o.activity);
  const figures: Figure[] = [
    // The period asked for and the last closed quarter the figures include (absent when open / none).
    ...quarterOf('from', o.period.from),
    ...quarterOf('to', o.period.to),
    ...quarterOf('closed_through', o.period.closed_through),
    { section: 'enrolled', category: 'enrolled', n: o.enrolled.n, suppressed: o.enrolled.suppressed },
    { section: 'enrolled', category: 'target', value: o.enrolled.target, suppressed: false },
    ...breakdown('gender', o.gender),
    {
      section: 'gender',
      category: 'target_women',
      value: o.gender.target_women_percent === null ? null : o.gender.target_women_percent / 100,
      suppressed: false,
    },
    ...breakdown('exits', o.exits),
    ...breakdown('activity', o.activity),
    {
      section: 'activity',
      category: 'arbete_studier_or_annan',
      n: active?.count ?? null,
      share: active?.share ?? null,
      suppressed: active === null,
    },
    { section: 'activity', category: 'goal', value: o.activity.goal_percent / 100, suppressed: false },
    { section: 'work_or_studies', category: 'exited', n: w.n, suppressed: w.n === null },
    { section: 'work_or_studies', category: 'arbete_or_studier', n: w.count, share: w.share, suppressed: w.suppressed },
    { section: 'work_or_studies', category: 'goal', value: w.goal, suppressed: false },
    ...breakdown('referrals', o.referrals),
    { section: 'time_in_programme_days', category: 'exited', n: t.n, suppressed: t.suppressed },
  ];
  for (const k of ['mean_days', 'median_days', 'q1_days', 'q3_days'] as const) {
    figures.push({
      section: 'time_in_programme_days',
      category: k.replace('_days', ''),
      value: t[k] ?? null,
      suppressed: t.suppressed,
    });
  }
  for (const r of o.response_rates) {
    const section = `response_rate_${r.survey}_${r.occasion}`;
    figures.push({ section, category: 'due', n: r.due, suppressed: r.suppressed });
    figures.push({ section, category: 'answered', n: r.answered, share: r.rate, suppressed: r.suppressed });
  }
  return figures;
}

/**
 * Outcomes as CSV, UTF-8 with BOM, one line per figure. "comma": comma separator, decimal point;
 * "semicolon": semicolon separator and decimal comma (what Swedish Excel expects). `suppressed` is
 * 1/0 in both, as in every other export (aggregates, rows), so SPSS, R and Stata read it as a
 * number. Shares, goals and targets are fractions (0.4 = 40 %). A suppressed figure is -997 in each
 * of n, share and value; a cell with no figure (the share of a total, the n of the goal) -998
 * (missing-codes.ts). The period is given as years and quarters (section "period"): from, to and
 * closed_through, the last closed quarter the figures include.
 */
export function outcomesCsv(o: ProjectOutcomes, style: CsvStyle): string {
  const num = (x: number | null | undefined, decimals?: number) => {
    if (x === null || x === undefined) return missingCell('notApplicable');
    const text = decimals === undefined ? String(x) : String(Number(x.toFixed(decimals)));
    return style === 'comma' ? text : text.replace('.', ',');
  };
  const flag = (b: boolean) => (b ? '1' : '0');
  const lines = outcomeFigures(o).map((f) => [
    csvCell(o.project_name),
    f.section,
    f.category,
    ...(f.suppressed ? Array<string>(3).fill(missingCell('suppressed')) : [num(f.n), num(f.share, 4), num(f.value)]),
    flag(f.suppressed),
  ]);
  return csvText([HEADER, ...lines], style);
}
