/**
 * Short link ids (`/l/<id>`): 12 random Crockford base32 characters (60 bits) plus one check
 * character, the same GF(32) check as pseudonym codes (pseudonym-code.ts). Written in lower case
 * in links; read without regard to case, with I/L as 1 and O as 0. The check character and the
 * fixed length let the server tell a cut-off or mistyped id from an unknown one without asking the
 * database; guessing a live id among 2^60 is hopeless under the rate limits (RATE_LIMITS.shortLink*).
 */
import { ALPHABET, checkSymbol, weightedSum } from './pseudonym-code.ts';

export const SHORT_ID_DATA = 12;
export const SHORT_ID_LENGTH = SHORT_ID_DATA + 1;

/** A new random id in its link form (13 lower-case characters). */
export function generateShortId(
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  // 256 is a multiple of 32, so `b % 32` is uniform.
  const data = Array.from(random(SHORT_ID_DATA), (b) => ALPHABET[b % 32]).join('');
  return (data + checkSymbol(data)).toLowerCase();
}

/**
 * Reads an id from a link: `ok` with the canonical (upper-case) id, or `incomplete` when it is cut
 * off, too long or fails its check character. Punctuation a message app may have glued to the end
 * of the link (a full stop, a bracket) is ignored.
 */
export function readShortId(input: string): { ok: string } | { incomplete: true } {
  const s = input
    .replace(/[.,;:!?)\]}'"»>]+$/, '')
    .toUpperCase()
    .replace(/-/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (s.length !== SHORT_ID_LENGTH || !/^[0-9A-HJKMNP-TV-Z]+$/.test(s)) return { incomplete: true };
  return weightedSum(s) === 0 ? { ok: s } : { incomplete: true };
}
