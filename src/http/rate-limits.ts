import type { Budget, RateLimitName } from '../domain/limits.ts';
import { AppError } from '../errors.ts';
import type { Store } from '../store/store.ts';

export type RateLimitSettings = Record<RateLimitName, Budget>;

/** An attempt against one budget; key is the plain key (an address, an e-mail), hashed before it leaves. */
export interface Attempt {
  budget: RateLimitName;
  key: string;
}

/** Budgets whose state lives in the database, shared by every instance of the app. */
export interface RateLimits {
  /** Counts one attempt against each budget, all or none; RATE_LIMITED (with the wait) when any is spent. */
  take(attempts: Attempt[]): Promise<void>;
  /** Gives attempts back: clear forgets the key's failures, else this one attempt is returned. */
  forgive(attempts: (Attempt & { clear?: boolean })[]): Promise<void>;
}

const scopeOf = (name: RateLimitName) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Keys are hashed with HMAC-SHA-256 under a key derived from `secret`, so the table holds no
 * address or e-mail and one cannot be found by hashing guesses. Instances share budgets exactly
 * when they share the secret (the entries pass SESSION_SECRET).
 */
export function createRateLimits(store: Store, options: { secret: string; budgets: RateLimitSettings }): RateLimits {
  const hashKey = derivedKey(options.secret).then((key) => async (scope: string, plain: string) => {
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${scope}\n${plain}`));
    return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
  });
  const item = async ({ budget, key }: Attempt) => {
    const scope = scopeOf(budget);
    return { scope, key_hash: await (await hashKey)(scope, key) };
  };
  return {
    async take(attempts) {
      const hits = await Promise.all(
        attempts.map(async (a) => ({
          ...(await item(a)),
          limit: options.budgets[a.budget].max,
          window_seconds: options.budgets[a.budget].windowSeconds,
        })),
      );
      const answer = await store.rateLimitHit(hits);
      if (!answer.allowed) throw new AppError('RATE_LIMITED', { retryAfterSeconds: answer.retry_after });
    },
    async forgive(attempts) {
      await store.rateLimitForgive(
        await Promise.all(attempts.map(async (a) => ({ ...(await item(a)), clear: a.clear }))),
      );
    },
  };
}

async function derivedKey(secret: string): Promise<CryptoKey> {
  const encode = (s: string) => new TextEncoder().encode(s);
  const root = await crypto.subtle.importKey('raw', encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const derived = await crypto.subtle.sign('HMAC', root, encode('enkat:rate-limit-keys'));
  return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}
