/**
 * Threat: someone who copied a staff session cookie (a shared computer, a cookie read off a
 * coach's phone) keeps using it after the coach signed out (issue 16, finding 10). Attack: sign in,
 * keep a copy of the cookie, sign out, then use the copy. Signing out must end the session on the
 * server: the copy, and every other session of the account, stop working at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe.each(engines.filter((e) => e !== 'supabase'))('sign-out ends sessions on the server on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
  });
  afterAll(() => db.close());

  const logout = (cookie: string) =>
    app.request('/logout', { method: 'POST', headers: { cookie, origin: 'http://localhost' } });
  const coachList = (cookie: string) =>
    app.request(`/api/coach/participants?project=${world.projectId}`, { headers: { cookie } });

  it('a copied cookie, and the same account on another device, stop working after sign-out', async () => {
    const cookie = await loginCookie(app, world.emails.coach);
    const otherDevice = await loginCookie(app, world.emails.coach);
    expect((await coachList(cookie)).status).toBe(200);
    expect((await coachList(otherDevice)).status).toBe(200);

    const out = await logout(cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/enkat_session=;/);

    // The attacker replays the copy they kept.
    const replay = await coachList(cookie);
    expect(replay.status).toBe(401);
    expect(await replay.text()).not.toContain(world.projectId);
    const page = await app.request('/coach', { headers: { cookie } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    expect((await coachList(otherDevice)).status).toBe(401);

    const [row] = await db.query<{ n: number }>(
      `select count(*)::int as n from public.audit_log where action = 'login.logout' and target_id = $1`,
      [world.coach.staffId],
    );
    expect(row!.n).toBe(1);
  });

  it('the person signs in again as usual; a sign-out without a valid session changes nothing', async () => {
    const cookie = await loginCookie(app, world.emails.researcher);
    expect((await logout('enkat_session=not-a-session')).status).toBe(303);
    expect((await app.request(`/research?project=${world.projectId}`, { headers: { cookie } })).status).toBe(200);
    await logout(cookie);
    const again = await loginCookie(app, world.emails.researcher);
    expect((await app.request(`/research?project=${world.projectId}`, { headers: { cookie: again } })).status).toBe(
      200,
    );
  });
});
