import type { MiddlewareHandler } from 'hono';
import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { Store } from '../../src/store/store.ts';
import { TEST_ITERATIONS } from './fixtures.ts';

export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

/** The app as the Node entry builds it, on a given store, with log lines collected in memory. */
export function testApp(store: Store, options: { loginLimit?: { max: number; windowMs: number }; assets?: MiddlewareHandler } = {}) {
  const logs: Record<string, unknown>[] = [];
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const app = createApp({ store, tokens, passwordIterations: TEST_ITERATIONS, log: (l) => logs.push(l), loginLimit: options.loginLimit, assets: options.assets });
  return { app, tokens, logs };
}
