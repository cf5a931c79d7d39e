/**
 * What a syntax file needs to load one CSV download: its variables in column order, each with a
 * label, value labels and declared missing codes. Built from the codebook (row-level export) or
 * from the report itself (aggregates), so the labels are those of the CSV they load.
 */
export interface ExportVariable {
  /** The column's name in the CSV header. */
  column: string;
  /** A name valid in SPSS, R and Stata (letters, digits, _; at most 32 characters). */
  name: string;
  label: string;
  /** "date": YYYY-MM-DD text read as a date. */
  kind: 'numeric' | 'string' | 'date';
  /** Decimals shown (numeric). */
  decimals: number;
  /** Characters to read (string). */
  width: number;
  values: { code: number | string; label: string }[];
  /** Numeric codes declared missing; each also has a value label. */
  missing: number[];
  /** Text in the CSV that stands for a number (a special answer such as "none" on a 1–6 scale). */
  recode: { from: string; to: number }[];
  /** Documentation only: e.g. the choices of a list of several answers. */
  note?: string;
}

export interface ExportDictionary {
  /** The CSV file the syntax reads, in the same folder (the comma-separated download). */
  file: string;
  title: string;
  variables: ExportVariable[];
}

export type SyntaxFormat = 'sps' | 'r' | 'do';

// Words SPSS or Stata reserve, which no variable may be named.
const RESERVED = new Set(
  [
    'all',
    'and',
    'by',
    'eq',
    'ge',
    'gt',
    'le',
    'lt',
    'ne',
    'not',
    'or',
    'to',
    'with',
    'byte',
    'int',
    'long',
    'float',
    'double',
    'if',
    'in',
    'using',
    'strl',
  ].map((w) => w.toLowerCase()),
);

/** Names valid in all three tools, unique (case-insensitively, as SPSS compares them), in column order. */
export function safeNames(columns: string[]): string[] {
  const taken = new Set<string>();
  return columns.map((column) => {
    let base = column.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(base)) base = `v_${base}`;
    if (RESERVED.has(base.toLowerCase())) base = `${base}_`;
    base = base.slice(0, 32);
    let name = base;
    for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 32 - String(i).length - 1)}_${i}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** Label text on one line, at most `max` UTF-8 bytes, cut at a character boundary. */
export function labelText(text: string, max: number): string {
  let out = text.replace(/\s+/g, ' ').trim();
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  while (bytes(out) > max) out = Array.from(out).slice(0, -1).join('');
  return out;
}

/** Characters a string variable reads: the longest value, at least 8. */
export const widthFor = (values: string[]) => Math.max(8, ...values.map((v) => new TextEncoder().encode(v).length));
