/**
 * Threat: the one-time link now signs its person in (issue 19), so a link that should be dead must
 * not become a way into an account. Attacks: replaying the password form of a used invite or reset
 * link (from the browser history, a proxy log, a shared screen); using a link past its time; using
 * the link of an account an admin has deactivated meanwhile; and a cross-site form that posts the
 * attacker's own link from a victim's browser to sign the victim into the attacker's account. Each
 * is refused with no Set-Cookie, no sign-in recorded and the password unchanged. The one honest use
 * signs in exactly once, with the session version that ends every older session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

const ORIGIN = 'http://localhost';
const PASSWORD = 'ett eget långt lösenord';
const ATTACKER_PASSWORD = 'angriparens eget lösenord';

describe.each(engines.filter((e) => e !== 'supabase'))('invite and reset links that sign in, on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let admin = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    admin = await loginCookie(app, world.emails.admin);
  });
  afterAll(() => db.close());

  /** A form post; `headers` replaces the same-origin Origin header. */
  const post = (
    path: string,
    form: Record<string, string>,
    cookie = '',
    headers: Record<string, string> = { origin: ORIGIN },
  ) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers, ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(form),
    });
  const setPassword = (path: string, password: string, headers?: Record<string, string>) =>
    post(path, { password, confirm: password }, '', headers);
  const linkIn = async (res: Response) =>
    new URL(/data-testid="invite-link">([^<]+)</.exec(await res.text())![1]!).pathname;

  async function invite() {
    const email = `lank-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const res = await post('/admin/staff/invite', { email, project_id: world.projectId, roles: 'coach' }, admin);
    expect(res.status).toBe(201);
    const [row] = await db.query<{ id: string }>('select id from public.staff where email = $1', [email]);
    return { email, id: row!.id, path: await linkIn(res) };
  }

  const passwordHash = async (id: string) =>
    (await db.query<{ h: string | null }>('select password_hash as h from public.staff where id = $1', [id]))[0]!.h;
  const signIns = async (id: string) =>
    (
      await db.query<{ reason: string | null }>(
        `select details ->> 'reason' as reason from public.audit_log
         where action = 'login.success' and target_id = $1 order by at`,
        [id],
      )
    ).map((r) => r.reason);
  const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? null;

  /** A refusal: 404 page, no cookie, nothing recorded, the password as it was. */
  async function expectRefused(res: Response, id: string, before: { hash: string | null; signIns: number }) {
    expect(res.status).toBe(404);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('Länken fungerar inte');
    expect(await passwordHash(id)).toBe(before.hash);
    expect((await signIns(id)).length).toBe(before.signIns);
  }

  it('an invite link signs its person in once; replaying the form is refused and issues nothing', async () => {
    const person = await invite();
    const res = await setPassword(person.path, PASSWORD);
    expect([res.status, res.headers.get('location')]).toEqual([303, '/']);
    expect(res.headers.get('set-cookie')).toMatch(/^enkat_session=[^;]+;.*HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    const session = cookieOf(res)!;
    expect((await app.request('/coach', { headers: { cookie: session } })).status).toBe(200);
    expect(await signIns(person.id)).toEqual(['invite_link']);

    const before = { hash: await passwordHash(person.id), signIns: 1 };
    await expectRefused(await setPassword(person.path, ATTACKER_PASSWORD), person.id, before);
    expect((await app.request(person.path)).status).toBe(404);
  });

  it('a reset link signs in with a new session version: the older session ends, a replay is refused', async () => {
    const person = await invite();
    await setPassword(person.path, PASSWORD);
    const login = await post('/login', { email: person.email, password: PASSWORD });
    const first = cookieOf(login)!;
    const reset = await post(`/admin/staff/${person.id}/reset`, {}, admin);
    expect(reset.status).toBe(201);
    const resetPath = await linkIn(reset);

    const res = await setPassword(resetPath, 'ett helt nytt lösenord');
    expect([res.status, res.headers.get('location')]).toEqual([303, '/']);
    const session = cookieOf(res)!;
    expect((await app.request('/coach', { headers: { cookie: session } })).status).toBe(200);
    expect((await app.request('/coach', { headers: { cookie: first } })).status).toBe(303);
    expect((await signIns(person.id)).slice(-1)).toEqual(['reset_link']);

    const before = { hash: await passwordHash(person.id), signIns: (await signIns(person.id)).length };
    await expectRefused(await setPassword(resetPath, ATTACKER_PASSWORD), person.id, before);
    // The first invite link is long used as well.
    await expectRefused(await setPassword(person.path, ATTACKER_PASSWORD), person.id, before);
    expect((await app.request('/coach', { headers: { cookie: session } })).status).toBe(200);
  });

  it('an expired link issues nothing', async () => {
    const person = await invite();
    await db.query(
      `update public.staff_invites set created_at = now() - interval '8 days', expires_at = now() - interval '1 day'
       where staff_id = $1`,
      [person.id],
    );
    const before = { hash: await passwordHash(person.id), signIns: 0 };
    await expectRefused(await setPassword(person.path, ATTACKER_PASSWORD), person.id, before);
  });

  it('the link of an account deactivated meanwhile issues nothing', async () => {
    const person = await invite();
    expect((await post(`/admin/staff/${person.id}/deactivate`, {}, admin)).status).toBe(303);
    const before = { hash: await passwordHash(person.id), signIns: 0 };
    await expectRefused(await setPassword(person.path, ATTACKER_PASSWORD), person.id, before);
  });

  it("a cross-site form cannot sign a victim's browser into the link's account", async () => {
    const person = await invite();
    const before = { hash: await passwordHash(person.id), signIns: 0 };
    const forged: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      {},
    ];
    for (const headers of forged) {
      const res = await setPassword(person.path, ATTACKER_PASSWORD, headers);
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(await passwordHash(person.id)).toBe(before.hash);
    expect(await signIns(person.id)).toEqual([]);
    // The link was not spent by the forged posts: its person can still use it.
    expect((await app.request(person.path)).status).toBe(200);
  });
});
