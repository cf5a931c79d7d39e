/**
 * The language a participant chose, remembered on this device for this link: reopening the link
 * shows the same language. Stored under a SHA-256 hash of the link token (never the token, which
 * opens the survey). Not kept during a hand-over: the phone is the coach's, and is handed to the
 * next participant too.
 */
import { storage, token } from './api.ts';
import { handover, parseLocale } from './texts.ts';

async function keyOf(link: string): Promise<string | null> {
  if (!link || !globalThis.crypto?.subtle) return null; // no WebCrypto outside a secure context
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`enkat-lang:${link}`));
  const hex = Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `enkat:lang:${hex}`;
}

/** The language chosen before on this device for this link, or null. */
export async function rememberedLocale(): Promise<string | null> {
  if (handover) return null;
  const key = await keyOf(token).catch(() => null);
  return key ? parseLocale(storage.get<string>(key)) : null;
}

/** Keeps the language just chosen (fire and forget: storage may be refused). */
export function rememberLocale(locale: string): void {
  if (handover) return;
  void keyOf(token)
    .then((key) => key && storage.set(key, locale))
    .catch(() => {});
}
