/** PBKDF2-SHA256 password hashing on WebCrypto (same code on Node and Deno). */

const enc = new TextEncoder();
export const MIN_ITERATIONS = 600_000;
/** The shortest password a person may choose (invite and reset links). */
export const MIN_PASSWORD_LENGTH = 12;

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
function unb64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', enc.encode(password.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** Hashes a password as `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64). */
export async function hashPassword(password: string, iterations = MIN_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2-sha256$${iterations}$${b64(salt)}$${b64(await derive(password, salt, iterations))}`;
}

/** Verifies in constant time with respect to the hash bytes. Malformed hashes never match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split('$');
  const iterations = Number(iter);
  if (scheme !== 'pbkdf2-sha256' || !Number.isInteger(iterations) || iterations < 1000 || !salt || !hash) return false;
  const expected = unb64(hash);
  const actual = await derive(password, unb64(salt), iterations);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

/** A random password for one-time use: 20 characters, no look-alikes. */
export function randomPassword(length = 20): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

const dummyHashes = new Map<number, string>();
/**
 * A hash of nothing at the configured iteration count, verified against when the e-mail is unknown
 * (or the account has no usable password), so both paths do the same PBKDF2 work and timing does
 * not tell. It never matches: the stored bytes are all zero. One string per iteration count.
 */
export function dummyHash(iterations: number): string {
  let hash = dummyHashes.get(iterations);
  if (hash === undefined) {
    hash = `pbkdf2-sha256$${iterations}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
    dummyHashes.set(iterations, hash);
  }
  return hash;
}

/** A staff account as the login sees it. */
export interface LoginCandidate {
  id: string;
  password_hash: string;
  active: boolean;
  session_version?: number;
}

/**
 * Checks a password against every account with the e-mail address (one per organisation; almost
 * always one) and returns the first active account it opens. With no usable account the check runs
 * against a dummy hash, so the response time does not tell whether the address has an account or
 * is still waiting for its one-time link. The checks run side by side, so two accounts in two
 * organisations take about the time of one on an idle server (see docs/threat-model.md).
 */
export async function checkStaffLogin<A extends LoginCandidate>(
  accounts: A[],
  password: string,
  iterations: number,
): Promise<{ account: A | null; ok: boolean }> {
  const usable = accounts.filter((a) => a.password_hash.startsWith('pbkdf2-sha256$'));
  if (usable.length === 0) {
    await verifyPassword(password, dummyHash(iterations));
    return { account: accounts[0] ?? null, ok: false };
  }
  const matches = await Promise.all(usable.map((a) => verifyPassword(password, a.password_hash)));
  const opened = usable.find((a, i) => matches[i] && a.active);
  if (opened) return { account: opened, ok: true };
  return { account: usable.find((a, i) => matches[i]) ?? usable[0]!, ok: false };
}
