import type { AggregateReport } from '../store/store.ts';

export type CsvStyle = 'comma' | 'semicolon';

/** One CSV cell: quoted when needed, spreadsheet formulas neutralised (CSV injection). */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Aggregates as CSV, UTF-8 with BOM. "comma": comma separator and decimal point; "semicolon":
 * semicolon separator and decimal comma (what Swedish Excel expects). Suppressed figures are empty
 * with suppressed=1.
 */
export function aggregatesCsv(report: AggregateReport, style: CsvStyle): string {
  const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : style === 'comma' ? String(n) : String(n).replace('.', ','));
  const maxScale = Math.max(6, ...report.versions.flatMap((v) => v.items.map((i) => i.scale.max)));
  const minScale = Math.min(1, ...report.versions.flatMap((v) => v.items.map((i) => i.scale.min)));
  const scale = Array.from({ length: maxScale - minScale + 1 }, (_, i) => String(minScale + i));
  const header = ['project', 'survey', 'version', 'occasion', 'item', 'suppressed', 'n', 'missing', 'mean', 'sd', 'median', ...scale.map((s) => `count_${s}`)];
  const lines = [header];
  for (const v of report.versions) {
    const rows = v.suppressed ? [{ item: '', suppressed: true } as (typeof v.items)[number]] : v.items;
    for (const it of rows) {
      lines.push([
        csvCell(report.project_name), csvCell(report.survey_key), String(v.version), v.occasion, csvCell(it.item), it.suppressed ? '1' : '0',
        num(it.n), num(it.missing), num(it.mean), num(it.sd), num(it.median),
        ...scale.map((s) => (it.suppressed ? '' : num(it.counts?.[s] ?? (Number(s) >= it.scale.min && Number(s) <= it.scale.max ? 0 : undefined)))),
      ]);
    }
  }
  return csvText(lines, style);
}

/** Cells (already made safe with csvCell where they hold text) as a UTF-8 CSV with BOM and CRLF lines. */
export function csvText(lines: string[][], style: CsvStyle): string {
  const sep = style === 'comma' ? ',' : ';';
  return `\uFEFF${lines.map((cells) => cells.join(sep)).join('\r\n')}\r\n`;
}
