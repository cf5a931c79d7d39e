/**
 * Threat: an outsider guessing short codes or passwords without limit (issue 16, finding 8). The
 * client address used to be the first X-Forwarded-For value, which the client writes. Attack:
 * rotate a spoofed X-Forwarded-For value on every request, hoping each counts as a new address
 * with a fresh budget. The address comes from the trusted proxy hops, counted from the right; a
 * value the client wrote never decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

const spoof = (i: number) => `10.${i % 250}.${(i * 7) % 250}.${(i * 13) % 250}`;

describe.each(engines)('a spoofed X-Forwarded-For gives no new budget on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  const post = (app: App, path: string, body: Record<string, string>, forwardedFor: string) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
      body: new URLSearchParams(body),
    });

  // 'ABCD-EFGH' fails its check character: a typo (400), which still spends the address's budget.
  it('behind one trusted proxy: a rotating left-most value on short-code guesses', async () => {
    const { app } = testApp(store, { trustedProxyHops: 1 });
    const statuses: number[] = [];
    // The proxy appends the attacker's real address; the attacker writes everything to its left.
    for (let i = 0; i < 14; i++)
      statuses.push((await post(app, '/k', { code: 'ABCD-EFGH' }, `${spoof(i)}, 203.0.113.9`)).status);
    expect(statuses).toEqual([...Array(10).fill(400), ...Array(4).fill(429)]);
  });

  it('behind one trusted proxy: a rotating left-most value on sign-in failures', async () => {
    const { app } = testApp(store, { trustedProxyHops: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await post(
        app,
        '/login',
        { email: world.emails.coach, password: `gissning${i}` },
        `${spoof(i)}, 203.0.113.10`,
      );
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  });

  it('with no trusted proxy (the default), X-Forwarded-For is ignored: the connection decides', async () => {
    // The test's stand-in for the socket: a header only this test sets.
    const { app } = testApp(store, { peerAddress: (c) => c.req.header('x-test-peer') });
    const guess = (forwardedFor: string, peer: string) =>
      app.request('/k', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': forwardedFor,
          'x-test-peer': peer,
        },
        body: new URLSearchParams({ code: 'ABCD-EFGH' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guess(spoof(i), '203.0.113.11')).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
    // Another connection (another person) is not held back by the attacker.
    expect((await guess(spoof(0), '203.0.113.12')).status).toBe(400);
  });

  it('a request that skipped the proxy (too few entries) is counted under its connection', async () => {
    const { app } = testApp(store, { trustedProxyHops: 2, peerAddress: () => '203.0.113.13' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(app, '/k', { code: 'ABCD-EFGH' }, spoof(i))).status);
    expect(statuses).toEqual([...Array(10).fill(400), 429, 429]);
  });
});
