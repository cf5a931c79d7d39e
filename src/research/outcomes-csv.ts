import type { CategoryCounts, ProjectOutcomes } from '../store/store.ts';
import { csvCell, csvText, type CsvStyle } from '../views/csv.ts';
import { missingCell } from './missing-codes.ts';

const HEADER = ['project', 'section', 'category', 'n', 'share', 'value', 'suppressed'];

interface Figure {
  section: string;
  category: string;
  n?: number | null;
  share?: number | null;
  /** A figure that is not a count: days in the programme, the goal share. */
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

/** Every figure of public.project_outcomes, one per line, in the order the page shows them. */
export function outcomeFigures(o: ProjectOutcomes): Figure[] {
  const w = o.work_or_studies;
  const t = o.time_in_programme;
  const figures: Figure[] = [
    { section: 'enrolled', category: 'enrolled', n: o.enrolled.n, suppressed: o.enrolled.suppressed },
    { section: 'enrolled', category: 'target', value: o.enrolled.target, suppressed: false },
    ...breakdown('exits', o.exits),
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
 * number. Shares are fractions (0.4 = 40 %). A suppressed figure is -997 in each of n, share and
 * value; a cell with no figure (the share of a total, the n of the goal) -998 (missing-codes.ts).
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
