import { csvCell, csvText } from '../../views/csv.ts';
import { cellWidth, type BasisTable, type ReportBasis } from './model.ts';

function tableLines(t: BasisTable): string[][] {
  const lines: string[][] = [[t.title]];
  if (t.caption) lines.push([t.caption]);
  if (t.empty) lines.push([t.empty]);
  if (t.rows.length > 0) {
    lines.push(t.columns);
    for (const r of t.rows) {
      // A statement spanning the figure columns is written once, the columns it covers left empty.
      const cells = r.cells.flatMap((c) => [c.text, ...Array<string>((c.span ?? 1) - 1).fill('')]);
      const pad = Array<string>(Math.max(0, t.columns.length - 1 - cellWidth(r.cells))).fill('');
      lines.push([r.head, ...cells, ...pad]);
    }
  }
  for (const n of t.notes ?? []) lines.push([n]);
  lines.push([]);
  return lines;
}

/**
 * The Rapportunderlag as CSV: each table as on the page (title, column headings, rows, notes) with
 * a blank line between, semicolon-separated with the page's Swedish figures (decimal comma), so
 * Swedish Excel opens it as the page shows it. UTF-8 with BOM.
 */
export function reportBasisCsv(b: ReportBasis): string {
  const lines: string[][] = [
    [`Rapportunderlag: ${b.projectName}`],
    [`Period: ${b.period}`],
    [b.answersThrough],
    [`Minsta gruppstorlek: ${b.minGroup}`],
    [`Framtaget: ${b.made}`],
    [],
  ];
  for (const s of b.sections) {
    lines.push([s.title]);
    if (s.intro) lines.push([s.intro]);
    lines.push([]);
    for (const t of s.tables) lines.push(...tableLines(t));
  }
  return csvText(
    lines.map((cells) => cells.map(csvCell)),
    'semicolon',
  );
}
