/**
 * The coach's "Att göra" page over HTTP (issue 18): groups and counts, code search, filters as a
 * plain GET form, pages, bad query strings refused, "vill inte delta" recorded after a confirmation
 * (POST, audited) and taken back, the participant's own "Jag vill inte delta", and the admin form's
 * cut-off for "missad".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode, generateCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, REGISTER, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const ORIGIN = 'http://localhost';
const form = (body: Record<string, string>, cookie: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie },
  body: new URLSearchParams(body),
});

describe('HTTP: the coach to-do list', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let coach = '';
  const ids: string[] = [];

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    coach = await loginCookie(app, world.emails.coach);
    // 60 without consent, enrolled 0–59 days ago: 14 open, 30 overdue, 16 missed.
    for (let i = 0; i < 60; i++) {
      const p = await store.enrolParticipant(world.coach, {
        project_id: world.projectId,
        code: generateCode(),
        ...REGISTER,
      });
      ids.push(p.id);
    }
    await db.query(
      `update public.participants pa set enrolled_at = now() - make_interval(days => (x.n - 1)::int, mins => 5)
       from unnest($1::uuid[]) with ordinality x(id, n) where pa.id = x.id`,
      [ids],
    );
  });
  afterAll(() => db.close());

  const codeOf = async (id: string) =>
    (await db.query<{ code: string }>('select code from public.participants where id = $1', [id]))[0]!.code;
  const page = async (query = '') => {
    const res = await app.request(`/coach${query}`, { headers: { cookie: coach } });
    return { status: res.status, html: await res.text() };
  };
  const codes = (html: string) => [...html.matchAll(/data-testid="participant-code">([^<]+)</g)].map((m) => m[1]!);
  const headings = (html: string) =>
    [...html.matchAll(/data-testid="todo-group">([^<]+)<span class="count">(\d+)</g)].map(
      (m) => `${m[1]!.trim()} ${m[2]}`,
    );

  it('opens on the to-do groups, due this week first, with counts and three of each', async () => {
    const { status, html } = await page();
    expect(status).toBe(200);
    expect(headings(html)).toEqual(['Denna vecka 7', 'Försenade 30', 'Senare 7']);
    expect(codes(html)).toHaveLength(9);
    expect(html).toContain('60 deltagare, 44 att göra.');
    expect(html).toMatch(/Missade <span class="count">16<\/span>/);
    expect(html).toContain('Alla i Försenade (30)');
  });

  it('pages a group 50 at a time and lists missed items only under Missade', async () => {
    const all = await page('?group=all');
    expect(codes(all.html)).toHaveLength(50);
    expect(all.html).toContain('Visar 1–50 av 60.');
    expect(all.html).toContain('href="/coach?group=all&amp;page=2"');
    const second = await page('?group=all&page=2');
    expect(codes(second.html)).toHaveLength(10);
    const missed = await page('?group=missed');
    expect(headings(missed.html)).toEqual(['Missade 16']);
    expect(missed.html).toContain('Samtycke: missad');
  });

  it('finds a participant by code as typed (case, space or dash) and sorts newest first', async () => {
    const code = await codeOf(ids[45]!);
    for (const typed of [code, formatCode(code).toLowerCase(), formatCode(code).replace('-', ' ')]) {
      const found = await page(`?q=${encodeURIComponent(typed)}`);
      expect(codes(found.html)).toEqual([formatCode(code)]);
    }
    const newest = await page('?sort=newest&group=all');
    expect(codes(newest.html)[0]).toBe(formatCode(await codeOf(ids[0]!)));
  });

  it('refuses a bad query string with 400 and a message', async () => {
    for (const q of ['?group=secret', '?page=0', '?occasion=x', '?sort=random', `?q=${'A'.repeat(41)}`]) {
      expect((await page(q)).status, q).toBe(400);
    }
  });

  it('records "vill inte delta" after a confirmation, shows it, and can take it back', async () => {
    const id = ids[3]!;
    const confirm = await app.request(`/coach/participants/${id}/decline`, { headers: { cookie: coach } });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Ja, deltagaren vill inte delta');
    const saved = await app.request(`/coach/participants/${id}/decline`, form({ declined: '1' }, coach));
    expect(saved.status).toBe(303);
    const shown = await app.request(saved.headers.get('location')!, { headers: { cookie: coach } });
    const html = await shown.text();
    expect(html).toContain('Vill inte delta (enligt coach)');
    expect(headings(html)).toEqual(['Deltar inte 1']);
    expect(html).not.toContain('Samtycke: ska besvaras');
    const undo = await app.request(`/coach/participants/${id}/decline`, form({ declined: '0' }, coach));
    expect(undo.status).toBe(303);
    const audit = await db.query<{ action: string }>(
      `select action from public.audit_log where target_id = $1 and action like 'consent.decline%' order by id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['consent.decline', 'consent.decline_undone']);
    const bad = await app.request(`/coach/participants/${id}/decline`, form({ declined: 'maybe' }, coach));
    expect(bad.status).toBe(400);
  });

  it("the participant's own 'Jag vill inte delta' is recorded and only they can change it", async () => {
    const who = await enrol(store, world);
    await store.declineConsent(who);
    const refused = await app.request(
      `/coach/participants/${who.participantId}/decline`,
      form({ declined: '0' }, coach),
    );
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Deltagaren har själv sagt att hen inte vill delta');
    const html = (await page(`?q=${await codeOf(who.participantId)}`)).html;
    expect(html).toContain('Vill inte delta');
    expect(html).not.toContain('Starta enkät');
  });

  it("POST /api/p/decline records the participant's own answer once, and the coach sees it", async () => {
    const id = ids[5]!;
    const minted = await app.request(`/api/coach/participants/${id}/links`, {
      method: 'POST',
      headers: { cookie: coach, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ survey: 'pagaende', occasion: 'pagaende' }),
    });
    const token = ((await minted.json()) as { url: string }).url.split('/d/')[1]!;
    const decline = () =>
      app.request('/api/p/decline', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const first = await decline();
    expect([first.status, await first.json()]).toEqual([201, { declined: true, created: true }]);
    expect((await decline()).status).toBe(200);
    const html = (await page(`?q=${await codeOf(id)}`)).html;
    expect(html).toContain('data-testid="consent-state">Vill inte delta<');
    expect(headings(html)).toEqual(['Deltar inte 1']);
  });

  it('the project form offers the cut-off for "missad" and the list follows the setting', async () => {
    const admin = await loginCookie(app, world.emails.admin);
    const current = await app.request(`/admin/projects/${world.projectId}`, { headers: { cookie: admin } });
    const html = await current.text();
    expect(html).toContain('name="missedAfterDays"');
    await db.query(`update public.projects set settings = settings || '{"missedAfterDays": 90}' where id = $1`, [
      world.projectId,
    ]);
    expect(headings((await page()).html)[1]).toBe('Försenade 46');
    await db.query(`update public.projects set settings = settings - 'missedAfterDays' where id = $1`, [
      world.projectId,
    ]);
  });
});
