/**
 * Threat: an outsider, or one person in the office, keeping everyone out (issue 16, finding 8).
 * Colleagues sign in from one office address (a NAT). Attacks: sign in successfully many times
 * (successes used to count, so ten colleagues locked each other out), and fail again and again on
 * one account, hoping to lock out colleagues on the same address and the hand-over return. Only
 * failures count, per account and address; the wait is shown; the hand-over return has a budget
 * of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDOVER_COOKIE } from '../../src/auth/guards.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_ITERATIONS, TEST_PASSWORD, type World } from '../support/fixtures.ts';

const OFFICE = '198.51.100.7';

describe.each(engines)('colleagues behind one address are not locked out on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  /** The office's proxy appends the address it saw; the app trusts that one hop. */
  const officeApp = (options: Parameters<typeof testApp>[1] = {}) =>
    testApp(store, { trustedProxyHops: 1, ...options });
  const login = (app: ReturnType<typeof testApp>['app'], email: string, password: string, from = OFFICE) =>
    app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      body: new URLSearchParams({ email, password }),
    });

  async function colleagues(n: number): Promise<{ id: string; email: string }[]> {
    const password_hash = await hashPassword(TEST_PASSWORD, TEST_ITERATIONS);
    return Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const email = `kollega${i}-${crypto.randomUUID().slice(0, 8)}@test.local`;
        const { id } = await store.createStaff({
          email,
          password_hash,
          memberships: [{ project_id: world.projectId, role: 'coach' }],
        });
        return { id, email };
      }),
    );
  }

  it('ten colleagues sign in successfully many times each: nobody is refused', async () => {
    const { app } = officeApp();
    const people = await colleagues(10);
    const statuses: number[] = [];
    // Twelve rounds: more successes per person than an account's failure budget, 120 on one address.
    for (let round = 0; round < 12; round++)
      for (const p of people) statuses.push((await login(app, p.email, TEST_PASSWORD)).status);
    expect(statuses.filter((s) => s !== 303)).toEqual([]);
  });

  it('a success forgets that account’s failures from the address; mistakes alone stop only their maker', async () => {
    const { app } = officeApp();
    const [me] = await colleagues(1);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) expect((await login(app, me!.email, 'fel lösenord')).status).toBe(401);
      expect((await login(app, me!.email, TEST_PASSWORD)).status).toBe(303);
    }
  });

  it('an attacker failing on account X locks out neither colleague Y on the address nor X elsewhere', async () => {
    const { app } = officeApp();
    const [x, y] = await colleagues(2);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(app, x!.email, 'gissning')).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);

    // The refusal says how long to wait, in minutes and in Retry-After.
    const refused = await login(app, x!.email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(await refused.text()).toContain('Vänta 15 minuter och försök igen');

    expect((await login(app, y!.email, TEST_PASSWORD)).status).toBe(303);
    expect((await login(app, x!.email, TEST_PASSWORD, '203.0.113.50')).status).toBe(303);
  });

  it('with the whole address spent, the hand-over return still gives a coach the phone back', async () => {
    // A small address budget, so one attacker can spend it here as a hundred failures would.
    const { app, tokens } = officeApp({ rateLimits: { loginAddress: { max: 5, windowSeconds: 900 } } });
    const [y] = await colleagues(1);
    for (let i = 0; i < 5; i++) {
      const other = `angripare${i}-${crypto.randomUUID().slice(0, 6)}@test.local`;
      expect((await login(app, other, 'gissning')).status).toBe(401);
    }
    expect((await login(app, y!.email, TEST_PASSWORD)).status).toBe(429);

    const { token } = await tokens.signHandover(y!.id);
    const back = await app.request('/handover/return', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': OFFICE,
        cookie: `${HANDOVER_COOKIE}=${token}`,
      },
      body: new URLSearchParams({ password: TEST_PASSWORD }),
    });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/coach');
  });

  it('the table keeps no address and no e-mail, only keyed hashes', async () => {
    const { app } = officeApp();
    const email = `spar-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const from = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    expect((await login(app, email, 'gissning', from)).status).toBe(401);
    const rows = await db.query<Record<string, unknown>>('select * from public.rate_limits');
    const text = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(text).not.toContain(email);
    expect(text).not.toContain(from);
    for (const row of rows) expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
