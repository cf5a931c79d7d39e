/**
 * Pseudonym codes: Crockford base32 (no I, L, O, U), 7 random characters plus one check character,
 * shown as `XXXX-XXXX`. The check character is Luhn mod 32 over the alphabet (it catches every
 * single-character typo and every swap of two neighbours), chosen over Crockford's mod-37 check
 * symbol because that one adds * ~ $ = U, which are hard to read aloud and type on a phone.
 */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = ALPHABET.length;

function luhnCheck(data: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = data.length - 1; i >= 0; i--) {
    const cp = ALPHABET.indexOf(data[i]!);
    let addend = factor * cp;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return ALPHABET[(N - (sum % N)) % N]!;
}

/** A new random code, stored form (8 characters, no hyphen). */
export function generateCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const data = Array.from(random(7), (b) => ALPHABET[b % N]).join('');
  return data + luhnCheck(data);
}

/** Reads what a person typed: case, hyphens and spaces ignored; I/L read as 1, O as 0. Null if invalid. */
export function normaliseCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(s)) return null;
  return luhnCheck(s.slice(0, 7)) === s[7] ? s : null;
}

/** Display form: `K7F3-9QX2`. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
