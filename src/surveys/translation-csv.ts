/**
 * A language's texts as CSV for a translator's spreadsheet, and back (RFC 4180): UTF-8 with a
 * BOM, CRLF rows, columns key, context, sv, en and the language (en alone when English is the
 * language). Spreadsheet formulas are neutralised as src/views/csv.ts does (a leading apostrophe),
 * reversibly: the apostrophe is added before =, +, -, @, tab or CR, and before apostrophes that
 * precede one, so the reader removes exactly one. A spreadsheet saved with semicolons (Swedish
 * Excel) reads as well. Anything else is refused with the line it is on.
 */
import {
  MAX_KEY_LENGTH,
  MAX_TRANSLATION_ROWS,
  TranslationFileError,
  type ParsedTranslation,
  type TranslationRow,
} from './translation-files.ts';

const RISKY = /^'*[=+\-@\t\r]/;

/** A cell a spreadsheet will not run as a formula. */
export function guardCell(value: string): string {
  return RISKY.test(value) ? `'${value}` : value;
}

/** The text a guarded cell stands for (a cell whose apostrophe a spreadsheet dropped is taken as it is). */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") && RISKY.test(cell) ? cell.slice(1) : cell;
}

const quote = (v: string) => (/[",;\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function csvColumns(lang: string): string[] {
  return lang === 'en' ? ['key', 'context', 'sv', 'en'] : ['key', 'context', 'sv', 'en', lang];
}

export function writeTranslationCsv(rows: TranslationRow[], lang: string): string {
  const lines = [csvColumns(lang).join(',')];
  for (const r of rows) {
    const cells = [r.key, r.context, r.sv, lang === 'en' ? r.target : r.en, ...(lang === 'en' ? [] : [r.target])];
    lines.push(cells.map((c) => quote(guardCell(c))).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const fail = (line: number, sv: string, en: string) =>
  new TranslationFileError(`Rad ${line}: ${sv}`, `Line ${line}: ${en}`);

/** RFC 4180 records with the line each starts on; newlines inside a cell read as "\n". */
function records(text: string, sep: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw fail(start, 'ett citattecken stängs aldrig.', 'a quote is never closed.');
          const ch = text[i]!;
          if (ch === '"' && text[i + 1] !== '"') break;
          const crlf = ch === '\r' && text[i + 1] === '\n';
          cell += crlf ? '\n' : ch;
          i += ch === '"' || crlf ? 2 : 1;
          if (crlf || ch === '\n') line++;
        }
        i++;
        if (i < text.length && text[i] !== sep && text[i] !== '\r' && text[i] !== '\n')
          throw fail(line, 'text efter ett citat i samma cell.', 'text after a quoted cell.');
      } else {
        while (i < text.length && text[i] !== sep && text[i] !== '\r' && text[i] !== '\n') cell += text[i++];
        if (cell.includes('"'))
          throw fail(line, 'ett citattecken mitt i en cell utan citat.', 'a quote inside an unquoted cell.');
      }
      cells.push(cell);
      if (text[i] === sep) i++;
      else break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    out.push({ line: start, cells });
  }
  return out;
}

/** Reads a translator's CSV for `lang`; throws TranslationFileError for anything but our columns. */
export function parseTranslationCsv(input: string, lang: string): ParsedTranslation {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const header = text.slice(0, text.search(/\r|\n|$/));
  const columns = csvColumns(lang);
  const sep = header === columns.join(',') ? ',' : header === columns.join(';') ? ';' : null;
  if (!sep) {
    const other = /^key[,;]context[,;]sv[,;]en(?:[,;]([^,;]*))?$/.exec(header);
    if (other && (other[1] ?? 'en') !== lang)
      throw new TranslationFileError(
        `Filen gäller språket "${other[1] ?? 'en'}", inte "${lang}". Välj rätt språk eller rätt fil.`,
        `The file is for the language "${other[1] ?? 'en'}", not "${lang}". Choose the right language or file.`,
      );
    throw fail(1, `första raden ska vara ${columns.join(',')}.`, `the first line must be ${columns.join(',')}.`);
  }
  const rows: ParsedTranslation['rows'] = [];
  const lines = new Map<string, number>();
  for (const { line, cells } of records(text, sep).slice(1)) {
    if (cells.every((c) => c === '')) continue;
    if (cells.length !== columns.length)
      throw fail(
        line,
        `${cells.length} kolumner, ska vara ${columns.length}.`,
        `${cells.length} columns, expected ${columns.length}.`,
      );
    const cell = (n: number) => unguardCell(cells[n]!);
    const key = cell(0);
    if (!key || key.length > MAX_KEY_LENGTH)
      throw fail(line, 'nyckeln saknas eller är för lång.', 'missing or too long key.');
    if (lines.has(key))
      throw fail(
        line,
        `nyckeln ${key} finns redan på rad ${lines.get(key)}.`,
        `key ${key} already on line ${lines.get(key)}.`,
      );
    lines.set(key, line);
    rows.push({ key, sv: cell(2), target: cell(lang === 'en' ? 3 : 4) });
    if (rows.length > MAX_TRANSLATION_ROWS)
      throw fail(line, `fler än ${MAX_TRANSLATION_ROWS} texter.`, `more than ${MAX_TRANSLATION_ROWS} texts.`);
  }
  return { lang, rows };
}
