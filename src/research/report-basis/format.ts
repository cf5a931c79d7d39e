/**
 * Swedish number formatting for the Rapportunderlag. Figures arrive exact from the database and are
 * rounded here, once, when they become text; every rendering (HTML, Word, CSV) uses these texts.
 */

const NBSP = '\u00a0';

/** What a suppressed figure reads as in the item tables and in the outcome tables. */
export const TOO_FEW_ANSWERS = 'för få svar';
export const TOO_FEW = 'för få';

/** A count: 1234 → "1 234" (the Swedish thousands space); '–' for none. */
export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('sv-SE', { maximumFractionDigits: 0 });
}

/** A decimal with a fixed number of digits and a decimal comma: 4.7692 → "4,77". */
export function decimal(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  // Plain hyphen-minus rather than sv-SE's U+2212, so a pasted figure stays a number in Excel.
  return x
    .toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .replace('\u2212', '-');
}

/** A median or quartile: whole or half values, so at most one decimal: 5 → "5", 4.5 → "4,5". */
export function median(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return x.toLocaleString('sv-SE', { maximumFractionDigits: 1 }).replace('\u2212', '-');
}

/** A share (0.4231) as whole percent with a non-breaking space: "42 %". */
export function percent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${Math.round(fraction * 100)}${NBSP}%`;
}

/** "2025-04-01" (a quarter's first day) → "2025 kv 2". */
export function quarterName(firstDay: string): string {
  return `${firstDay.slice(0, 4)} kv ${Math.floor((Number(firstDay.slice(5, 7)) - 1) / 3) + 1}`;
}

/** "2025-Q2" (the filter's form) → "2025 kv 2". */
export function quarterLabelText(q: string): string {
  return q.replace(/^(\d{4})-Q([1-4])$/, '$1 kv $2');
}
