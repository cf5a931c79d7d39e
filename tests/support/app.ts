import type { MiddlewareHandler } from 'hono';
import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { Store } from '../../src/store/store.ts';
import { TEST_ITERATIONS, TEST_PASSWORD } from './fixtures.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** The app as the Node entry builds it, on a given store, with log lines collected in memory. */
export function testApp(
  store: Store,
  options: { loginLimit?: { max: number; windowMs: number }; assets?: MiddlewareHandler; publicOrigin?: string } = {},
) {
  const logs: Record<string, unknown>[] = [];
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const app = createApp({
    store,
    tokens,
    passwordIterations: TEST_ITERATIONS,
    log: (l) => logs.push(l),
    loginLimit: options.loginLimit,
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
