/**
 * Threat: a one-time password that someone else saw (issue 16, finding 10). The demo accounts'
 * passwords are printed at the first start (or kept in data/first-login.txt), and the staff CLI
 * prints the password of an account it adds; whoever read the terminal or the file could sign in
 * for as long as the password was never changed. Now such an account reaches nothing but the page
 * that replaces the password: every other page redirects there, every API answers 403, and the
 * change needs the current password again. After it, the old password and the old session are dead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';
import { createDemoIfEmpty } from '../../src/setup/first-start.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openMigratedPglite, openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_ITERATIONS, TEST_PASSWORD, type World } from '../support/fixtures.ts';

const NEW_PASSWORD = 'ett eget långt lösenord';

describe.each(engines.filter((e) => e !== 'supabase'))('one-time passwords on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  /** An account made as `npm run staff -- add` makes it: a printed password to be replaced. */
  async function oneTimeAccount(role: 'admin' | 'coach' | 'researcher' = 'coach') {
    const email = `once-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const { id } = await store.createStaff({
      email,
      password_hash: await hashPassword(TEST_PASSWORD, TEST_ITERATIONS),
      memberships: [{ project_id: world.projectId, role }],
      must_change_password: true,
    });
    return { id, email };
  }

  const flagOf = async (id: string) =>
    (await db.query<{ f: boolean }>('select must_change_password as f from public.staff where id = $1', [id]))[0]!.f;

  const change = (app: ReturnType<typeof testApp>['app'], cookie: string, form: Record<string, string>) =>
    app.request('/account/password', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams(form).toString(),
    });

  it('signed in with it, every page leads to the password page and every API refuses', async () => {
    const { app } = testApp(store);
    const person = await oneTimeAccount('admin');
    const cookie = await loginCookie(app, person.email);
    for (const page of ['/coach', '/admin', '/admin/staff', '/research']) {
      const res = await app.request(page, { headers: { cookie } });
      expect([page, res.status, res.headers.get('location')]).toEqual([page, 303, '/account/password']);
    }
    for (const api of [`/api/coach/participants?project=${world.projectId}`, '/api/admin/definitions']) {
      const res = await app.request(api, { headers: { cookie } });
      expect(res.status).toBe(403);
      const body = await res.text();
      expect(body).toContain('PASSWORD_CHANGE_REQUIRED');
      expect(body).not.toContain(world.projectId);
    }
    const page = await app.request('/account/password', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('engångslösenord');
  });

  it('the change needs the current password, a new one, twice, and not the same again', async () => {
    const { app } = testApp(store);
    const person = await oneTimeAccount();
    const cookie = await loginCookie(app, person.email);
    const wrong = await change(app, cookie, {
      current: 'inte rätt lösenord',
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    const same = await change(app, cookie, { current: TEST_PASSWORD, password: TEST_PASSWORD, confirm: TEST_PASSWORD });
    expect(same.status).toBe(400);
    const short = await change(app, cookie, { current: TEST_PASSWORD, password: 'kort', confirm: 'kort' });
    expect(short.status).toBe(400);
    const differ = await change(app, cookie, {
      current: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirm: `${NEW_PASSWORD}x`,
    });
    expect(differ.status).toBe(400);
    // Nothing changed by any of them.
    expect(await flagOf(person.id)).toBe(true);
    const [account] = await store.staffLoginLookup(person.email);
    expect(await verifyPassword(TEST_PASSWORD, account!.password_hash)).toBe(true);
    expect((await app.request('/coach', { headers: { cookie } })).status).toBe(303);
  });

  it('after the change the person gets in, and the old password and session are dead', async () => {
    const { app } = testApp(store);
    const person = await oneTimeAccount();
    const oldCookie = await loginCookie(app, person.email);
    const res = await change(app, oldCookie, { current: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/coach');
    const newCookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/coach', { headers: { cookie: newCookie } })).status).toBe(200);
    expect(await flagOf(person.id)).toBe(false);
    // The cookie from the one-time sign-in no longer opens anything.
    const stale = await app.request('/coach', { headers: { cookie: oldCookie } });
    expect(stale.headers.get('location')).toMatch(/^\/login/);
    // The one-time password is refused; the new one works.
    const again = await app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: new URLSearchParams({ email: person.email, password: TEST_PASSWORD }),
    });
    expect(again.status).toBe(401);
    const audit = await db.query<{ n: number }>(
      `select count(*)::int as n from public.audit_log where action = 'staff.password_changed' and actor_id = $1`,
      [person.id],
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('an account with a password the person chose is not asked', async () => {
    const { app } = testApp(store);
    const cookie = await loginCookie(app, world.emails.coach);
    expect((await app.request('/coach', { headers: { cookie } })).status).toBe(200);
  });
});

describe('the demo accounts of a first start', () => {
  it('are an admin and researcher plus a separate coach, both on one-time passwords', async () => {
    const { db, store } = await openMigratedPglite();
    try {
      const demo = (await createDemoIfEmpty(store, TEST_ITERATIONS))!;
      expect(demo.map((a) => a.email)).toEqual(['admin@demo.local', 'coach@demo.local']);
      const rows = await db.query<{ email: string; roles: string; f: boolean }>(
        `select s.email, string_agg(m.role, ',' order by m.role) as roles, s.must_change_password as f
           from public.staff s join public.memberships m on m.staff_id = s.id group by s.id order by s.email`,
      );
      expect(rows).toEqual([
        { email: 'admin@demo.local', roles: 'admin,researcher', f: true },
        { email: 'coach@demo.local', roles: 'coach', f: true },
      ]);
      expect(await createDemoIfEmpty(store, TEST_ITERATIONS)).toBeNull();
    } finally {
      await db.close();
    }
  });
});
