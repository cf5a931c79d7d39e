/**
 * Threat: a curious coach uses the new to-do list parameters (issue 18) to reach participants
 * outside their project — another project of the same organisation, or another organisation —
 * or to mark such a participant "vill inte delta". Attacks: ask for the other project's list,
 * search for a code they know from there (also with LIKE wildcards), call the SQL function
 * directly, and open or post the decline form for that participant. Every attempt fails, nothing
 * is shown and nothing changes (no decline, no audit row). The list never carries answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode, generateCode } from '../../src/domain/pseudonym-code.ts';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, REGISTER, type World } from '../support/fixtures.ts';

const ORIGIN = 'http://localhost';

describe.each(engines.filter((e) => e !== 'supabase'))('coach to-do list scope on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let stranger: World;
  let app: ReturnType<typeof testApp>['app'];
  let victim: { id: string; code: string };

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    stranger = await createWorld(store);
    ({ app } = testApp(store));
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      ...REGISTER,
    });
    victim = { id: p.id, code: p.code };
    await enrolWithConsent(store, world);
  });
  afterAll(() => db.close());

  const unchanged = async () => {
    const [row] = await db.query<{ declined_at: string | null }>(
      'select declined_at from public.participants where id = $1',
      [victim.id],
    );
    const audit = await db.query('select 1 from public.audit_log where target_id = $1 and action like $2', [
      victim.id,
      'consent.decline%',
    ]);
    expect(row!.declined_at).toBeNull();
    expect(audit).toEqual([]);
  };
  const failsWith = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );

  for (const [who, account] of [
    ['a coach of another project in the organisation', 'otherCoach'],
    ['a coach of another organisation', 'strangerCoach'],
  ] as const) {
    it(`${who} cannot list, search or mark the participant`, async () => {
      const email = account === 'otherCoach' ? world.emails.otherCoach : stranger.emails.coach;
      const principal = account === 'otherCoach' ? world.otherCoach : stranger.coach;
      const cookie = await loginCookie(app, email);
      const get = (path: string) => app.request(path, { headers: { cookie } });

      // The page picks only the caller's own projects; the victim's code is nowhere in what comes back.
      for (const q of [
        `?project=${world.projectId}&group=all`,
        `?project=${world.projectId}&q=${victim.code}`,
        `?q=${encodeURIComponent(formatCode(victim.code))}`,
        `?q=${encodeURIComponent('%')}&group=all`,
      ]) {
        const res = await get(`/coach${q}`);
        const html = await res.text();
        // (What was typed is echoed in the search box; no card, link or count carries the victim.)
        expect(html, q).not.toContain(`participant-code">${formatCode(victim.code)}`);
        expect(html, q).not.toContain(victim.id);
        // Their own project is empty: nothing found, or the empty list's greeting.
        expect(html, q).toMatch(/data-testid="todo-total">(0 deltagare|Inga deltagare ännu)/);
      }
      // Straight to the database function with the victim's project: refused as if it did not exist.
      expect(await failsWith(store.coachWorklist(principal, { project_id: world.projectId, q: victim.code }))).toBe(
        'PROJECT_NOT_FOUND',
      );

      // The decline form and its POST: 404, nothing recorded.
      expect((await get(`/coach/participants/${victim.id}/decline`)).status).toBe(404);
      const post = await app.request(`/coach/participants/${victim.id}/decline`, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ declined: '1' }),
      });
      expect(post.status).toBe(404);
      expect(await failsWith(store.recordDecline(principal, { participant_id: victim.id, declined: true }))).toBe(
        'PARTICIPANT_NOT_FOUND',
      );
      await unchanged();
    });
  }

  it('a researcher of the project cannot use the list or the decline either', async () => {
    expect(await failsWith(store.coachWorklist(world.researcher, { project_id: world.projectId }))).toBe(
      'PROJECT_NOT_FOUND',
    );
    expect(await failsWith(store.recordDecline(world.researcher, { participant_id: victim.id, declined: true }))).toBe(
      'PARTICIPANT_NOT_FOUND',
    );
    await unchanged();
  });

  it("the project's own coach sees consent states and submitted occasions, never answers", async () => {
    const list = await store.coachWorklist(world.coach, { project_id: world.projectId, group: 'all' });
    expect(list.rows).toHaveLength(2);
    const text = JSON.stringify(list);
    for (const leak of ['answers', 'samtycker', 'svarar_med', 'submitted_at']) expect(text).not.toContain(leak);
  });
});
