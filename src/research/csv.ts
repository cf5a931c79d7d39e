import type { AggregateReport } from '../store/store.ts';

import { csvCell, csvText, type CsvStyle } from '../views/csv.ts';
import { missingCell } from './missing-codes.ts';

/** "2025-04-01" → "2025-Q2" (the form the research filter uses); '' for none. */
export function quarterLabel(firstDay: string | null | undefined): string {
  if (!firstDay) return '';
  const [y, m] = firstDay.split('-');
  return `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

/** "2025-Q2" → "2025-04-01"; undefined for anything else. */
export function quarterStart(label: string | undefined): string | undefined {
  const m = /^(\d{4})-Q([1-4])$/.exec(label ?? '');
  return m ? `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01` : undefined;
}

/** The values with a count_<value> column: every item's scale, and at least 1–6. */
export function aggregateScale(report: AggregateReport): string[] {
  const maxScale = Math.max(6, ...report.versions.flatMap((v) => v.items.map((i) => i.scale.max)));
  const minScale = Math.min(1, ...report.versions.flatMap((v) => v.items.map((i) => i.scale.min)));
  return Array.from({ length: maxScale - minScale + 1 }, (_, i) => String(minScale + i));
}

/**
 * Aggregates as CSV, UTF-8 with BOM. "comma": comma separator and decimal point; "semicolon":
 * semicolon separator and decimal comma (what Swedish Excel expects). A figure of a suppressed
 * group or item is -997 (suppressed=1), one that does not exist (a count outside the item's scale)
 * -998, a statistic of an item everyone answered "Vet inte" -999: see missing-codes.ts.
 */
export function aggregatesCsv(report: AggregateReport, style: CsvStyle): string {
  const figure = (n: number | null | undefined) =>
    n === null || n === undefined
      ? missingCell('notApplicable')
      : style === 'comma'
        ? String(n)
        : String(n).replace('.', ',');
  // Means and SDs arrive exact; the file gets them rounded once, to 4 decimals.
  const once = (x: number | null | undefined) => (x === null || x === undefined ? x : Number(x.toFixed(4)));
  const scale = aggregateScale(report);
  const header = [
    'project',
    'survey',
    'version',
    'occasion',
    'period_from',
    'period_to',
    'item',
    'suppressed',
    'n',
    'missing',
    'mean',
    'sd',
    'median',
    'q1',
    'q3',
    ...scale.map((s) => `count_${s}`),
  ];
  const lines = [header];
  for (const v of report.versions) {
    const rows = v.suppressed ? [{ item: '', suppressed: true } as (typeof v.items)[number]] : v.items;
    for (const it of rows) {
      const num = (n: number | null | undefined) => (it.suppressed ? missingCell('suppressed') : figure(n));
      // Everyone answered "Vet inte": n = 0, and no mean, SD or quartile can be computed.
      const stat = (n: number | null | undefined) => (it.all_missing ? missingCell('notComputable') : num(n));
      lines.push([
        csvCell(report.project_name),
        csvCell(report.survey_key),
        String(v.version),
        v.occasion,
        quarterLabel(v.period?.from),
        quarterLabel(v.period?.to),
        csvCell(it.item),
        it.suppressed ? '1' : '0',
        num(it.n),
        num(it.missing),
        stat(once(it.mean)),
        stat(once(it.sd)),
        stat(it.median),
        stat(it.q1),
        stat(it.q3),
        // A published item's whole distribution (docs/disclosure-control.md, rule 4).
        ...scale.map((s) =>
          it.suppressed
            ? missingCell('suppressed')
            : Number(s) < it.scale.min || Number(s) > it.scale.max
              ? missingCell('notApplicable')
              : figure(it.counts?.[s] ?? 0),
        ),
      ]);
    }
  }
  return csvText(lines, style);
}
