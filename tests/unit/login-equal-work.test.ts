/**
 * A login with an unknown e-mail (or an account that cannot sign in) does the same PBKDF2 work as
 * one with a known e-mail: the dummy hash uses the configured iteration count. Work is counted (the
 * iterations each deriveBits call asks for), never timed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashLinkToken } from '../../src/auth/link-tokens.ts';
import { createApp } from '../../src/app.ts';
import { dummyHash, MIN_ITERATIONS, verifyPassword } from '../../src/auth/passwords.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { TEST_SECRET } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_ITERATIONS, TEST_PASSWORD, type World } from '../support/fixtures.ts';

describe('dummyHash', () => {
  it('carries the iteration count it is asked for, and never matches', async () => {
    for (const n of [1000, 2500, MIN_ITERATIONS, 700_000]) expect(dummyHash(n).split('$')[1]).toBe(String(n));
    expect(dummyHash(2500)).toBe(dummyHash(2500));
    expect(await verifyPassword('', dummyHash(1000))).toBe(false);
    expect(await verifyPassword(TEST_PASSWORD, dummyHash(1000))).toBe(false);
  });
});

describe('login does equal PBKDF2 work for known and unknown e-mails', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let invited: string;
  const requested: number[] = [];

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    await store.adminSetStaffActive(world.admin, { staff_id: world.coach.staffId, active: false });
    invited = `invited-${crypto.randomUUID().slice(0, 8)}@test.local`;
    await store.adminInviteStaff(world.admin, {
      email: invited,
      memberships: [{ project_id: world.projectId, role: 'coach' }],
      token_hash: await hashLinkToken(crypto.randomUUID()),
    });
    const deriveBits = crypto.subtle.deriveBits.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation((algorithm, key, length) => {
      requested.push((algorithm as Pbkdf2Params).iterations);
      return deriveBits(algorithm, key, length);
    });
  });
  afterEach(() => void (requested.length = 0));
  afterAll(async () => {
    vi.restoreAllMocks();
    await db?.close();
  });

  async function workOfLogin(
    iterations: number,
    email: string,
    password: string,
  ): Promise<{ status: number; iterations: number[] }> {
    const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
    const app = createApp({ store, tokens, passwordIterations: iterations, log: () => undefined });
    requested.length = 0;
    const res = await app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email, password }),
    });
    return { status: res.status, iterations: [...requested] };
  }

  it('asks for the configured iterations once, whichever account the e-mail names', async () => {
    const cases = [
      { email: world.emails.admin, password: TEST_PASSWORD, status: 303 },
      { email: world.emails.admin, password: 'fel lösenord', status: 401 },
      { email: `nobody-${crypto.randomUUID().slice(0, 8)}@test.local`, password: TEST_PASSWORD, status: 401 },
      { email: world.emails.coach, password: TEST_PASSWORD, status: 401 },
      { email: invited, password: TEST_PASSWORD, status: 401 },
    ];
    for (const c of cases)
      expect(await workOfLogin(TEST_ITERATIONS, c.email, c.password), c.email).toEqual({
        status: c.status,
        iterations: [TEST_ITERATIONS],
      });
  });

  it('an unknown e-mail follows the configured count, not a fixed 600,000', async () => {
    const configured = 2500;
    expect(
      await workOfLogin(configured, `nobody-${crypto.randomUUID().slice(0, 8)}@test.local`, TEST_PASSWORD),
    ).toEqual({ status: 401, iterations: [configured] });
  });
});
