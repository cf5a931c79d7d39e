/** One-time links (staff invites, password resets): only the SHA-256 of the token is stored. */

/** A one-time link token (256 random bits, base64url) and the SHA-256 (hex) that is stored. */
export async function newLinkToken(): Promise<{ token: string; hash: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return { token, hash: await hashLinkToken(token) };
}

export async function hashLinkToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** SHA-256 of a text as hex: what is stored of a one-time link or a short code. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
