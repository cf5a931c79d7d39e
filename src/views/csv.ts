/** CSV for downloads people open in spreadsheets (shared by research and the admin's audit log). */

/** "comma": comma separator and decimal point; "semicolon": semicolon and decimal comma (Swedish Excel). */
export type CsvStyle = 'comma' | 'semicolon';

/** One CSV cell: quoted when needed, spreadsheet formulas neutralised (CSV injection). */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Cells (already made safe with csvCell where they hold text) as a UTF-8 CSV with BOM and CRLF lines. */
export function csvText(lines: string[][], style: CsvStyle): string {
  const sep = style === 'comma' ? ',' : ';';
  return `\uFEFF${lines.map((cells) => cells.join(sep)).join('\r\n')}\r\n`;
}
