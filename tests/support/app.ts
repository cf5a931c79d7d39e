import type { Context, MiddlewareHandler } from 'hono';
import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { RATE_LIMITS } from '../../src/domain/limits.ts';
import type { RateLimitSettings } from '../../src/http/rate-limits.ts';
import type { Store } from '../../src/store/store.ts';
import { TEST_ITERATIONS, TEST_PASSWORD } from './fixtures.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** Budgets no test reaches, for tests about something else that make many attempts. */
export const NO_RATE_LIMITS = Object.fromEntries(
  Object.keys(RATE_LIMITS).map((name) => [name, { max: 1_000_000, windowSeconds: 60 }]),
) as RateLimitSettings;

/**
 * The app as the Node entry builds it, on a given store, with log lines collected in memory. Each
 * app hashes rate-limit keys with a secret of its own, so its budgets are its own unless
 * rateLimitSecret is shared (as instances of one installation share SESSION_SECRET).
 */
export function testApp(
  store: Store,
  options: {
    rateLimits?: Partial<RateLimitSettings>;
    rateLimitSecret?: string;
    trustedProxyHops?: number;
    peerAddress?: (c: Context) => string | undefined;
    assets?: MiddlewareHandler;
    publicOrigin?: string;
  } = {},
) {
  const logs: Record<string, unknown>[] = [];
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const app = createApp({
    store,
    tokens,
    passwordIterations: TEST_ITERATIONS,
    log: (l) => logs.push(l),
    rateLimits: options.rateLimits,
    rateLimitSecret: options.rateLimitSecret,
    trustedProxyHops: options.trustedProxyHops,
    peerAddress: options.peerAddress,
    assets: options.assets,
    publicOrigin: options.publicOrigin,
  });
  return { app, tokens, logs };
}

/** Signs a staff member in through the login form and returns the session cookie ("name=value"). */
export async function loginCookie(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  email: string,
  origin = 'http://localhost',
): Promise<string> {
  const res = await app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ email, password: TEST_PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`login ${email} answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
