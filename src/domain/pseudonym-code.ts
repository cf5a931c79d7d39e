/**
 * Pseudonym codes: Crockford base32 (no I, L, O, U), 7 random characters plus one check character,
 * shown as `XXXX-XXXX`. The check character makes sum(alpha^i * c_i) = 0 in GF(32) (primitive
 * polynomial x^5 + x^2 + 1): it catches every single-character typo and every swap of two
 * different neighbours, including the check character itself. We chose this over Crockford's
 * mod-37 check symbol because that one adds * ~ $ = U, which are hard to read aloud and type
 * on a phone, and over Luhn mod 32, which misses the swap of 0 and Z.
 */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Multiplies a GF(32) element by alpha, k times. */
function timesAlpha(x: number, k: number): number {
  let v = x;
  for (let i = 0; i < k; i++) {
    v <<= 1;
    if (v & 0b100000) v ^= 0b100101;
  }
  return v;
}

/** The check equation's left side; 0 for a string whose check character is right (any length ≤ 31). */
export function weightedSum(symbols: string): number {
  let sum = 0;
  for (let i = 0; i < symbols.length; i++) sum ^= timesAlpha(ALPHABET.indexOf(symbols[i]!), i);
  return sum;
}

/** The check character that makes weightedSum(data + check) = 0 (data of 1 to 30 characters). */
export function checkSymbol(data: string): string {
  // c_n = alpha^-n * sum; alpha has order 31, so alpha^-n = alpha^(31 - n).
  return ALPHABET[timesAlpha(weightedSum(data), 31 - data.length)]!;
}

/** A new random code, stored form (8 characters, no hyphen). */
export function generateCode(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const data = Array.from(random(7), (b) => ALPHABET[b % 32]).join('');
  return data + checkSymbol(data);
}

/** Reads what a person typed: case, hyphens and spaces ignored; I/L read as 1, O as 0. Null if invalid. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(s)) return null;
  return weightedSum(s) === 0 ? s : null;
}

/** Display form: `K7F3-9QX2`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
