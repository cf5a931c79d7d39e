/**
 * The coach's register questions (issue 17, funder-ready outputs point 1): the enrolment form asks
 * Kön and Ålder with no preset answer, refuses a form without both (in Swedish, nothing stored),
 * and the participant's register page changes them, audited by field name only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

const form = (body: Record<string, string>, cookie: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie },
  body: new URLSearchParams(body),
});
const MISSING = 'Välj kön och ålder för deltagaren. Inget är sparat.';

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: gender and age band on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let coach = '';
  let admin = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    coach = await loginCookie(app, world.emails.coach);
    admin = await loginCookie(app, world.emails.admin);
  });
  afterAll(() => db.close());

  const count = async () =>
    (
      await db.query<{ n: number }>('select count(*)::int as n from public.participants where project_id = $1', [
        world.projectId,
      ])
    )[0]!.n;
  const stored = async (id: string) =>
    (
      await db.query<{ gender: string | null; age_band: string | null }>(
        'select gender, age_band from public.participants where id = $1',
        [id],
      )
    )[0]!;
  async function enrol(gender = 'kvinna', age_band = '30_49'): Promise<string> {
    const res = await app.request(
      '/coach/participants',
      form({ project_id: world.projectId, gender, age_band }, coach),
    );
    expect(res.status).toBe(303);
    return /\/coach\/participants\/([0-9a-f-]{36})\/start/.exec(res.headers.get('location')!)![1]!;
  }
  const radios = (html: string, name: string) =>
    [...html.matchAll(new RegExp(`<input type="radio" name="${name}"[^>]*>`, 'g'))].map((m) => m[0]);

  it('the enrolment form asks Kön and Ålder in plain Swedish, with nothing chosen', async () => {
    const html = await (await app.request('/coach', { headers: { cookie: coach } })).text();
    expect(html).toContain('<legend>Kön</legend>');
    expect(html).toContain('<legend>Ålder</legend>');
    for (const label of ['Kvinna', 'Man', 'Annat', 'Vill inte ange', '16–29', '30–49', '50–64', '65 eller äldre'])
      expect(html).toContain(label);
    const all = [...radios(html, 'gender'), ...radios(html, 'age_band')];
    expect(all).toHaveLength(8);
    for (const r of all) {
      expect(r).toContain('required');
      expect(r).not.toContain('checked');
    }
  });

  it('a form without gender or age band is refused in Swedish, keeps what was chosen and stores nothing', async () => {
    const before = await count();
    const bodies: Record<string, string>[] = [
      {},
      { gender: 'man' },
      { age_band: '50_64', referral: 'af' },
      { gender: 'okänt', age_band: '16_29' },
    ];
    for (const body of bodies) {
      const res = await app.request('/coach/participants', form({ project_id: world.projectId, ...body }, coach));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const html = await res.text();
      expect(html).toContain(MISSING);
      expect(html).toContain('Mina deltagare');
      const chosen = [...radios(html, 'gender'), ...radios(html, 'age_band')].filter((r) => r.includes('checked'));
      const expected = [body.gender === 'man' ? 'man' : null, body.age_band ?? null].filter(Boolean);
      expect(chosen.map((r) => /value="([^"]+)"/.exec(r)![1])).toEqual(expected);
      if (body.referral) expect(html).toMatch(/<option value="af" selected="">/);
    }
    expect(await count()).toBe(before);
  });

  it('the JSON API refuses the same with issues that name the fields, in Swedish', async () => {
    const before = await count();
    const res = await app.request('/api/coach/participants', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost', cookie: coach },
      body: JSON.stringify({ project_id: world.projectId, gender: 'kvinna' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string; message: string }[] } };
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.issues).toEqual([{ path: 'age_band', message: expect.stringContaining('Välj ålder') }]);
    expect(await count()).toBe(before);
  });

  it('stores both with the enrolment', async () => {
    const id = await enrol('annat', '65_plus');
    expect(await stored(id)).toEqual({ gender: 'annat', age_band: '65_plus' });
  });

  it('the register page shows what is stored; a change is saved, confirmed and audited by field name', async () => {
    const id = await enrol('kvinna', '16_29');
    const page = await (await app.request(`/coach/participants/${id}/register`, { headers: { cookie: coach } })).text();
    expect(page).toContain('<h1>Kön och ålder</h1>');
    const checked = [...radios(page, 'gender'), ...radios(page, 'age_band')].filter((r) => r.includes('checked'));
    expect(checked.map((r) => /value="([^"]+)"/.exec(r)![1])).toEqual(['kvinna', '16_29']);
    const saved = await app.request(
      `/coach/participants/${id}/register`,
      form({ gender: 'kvinna', age_band: '30_49' }, admin),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/coach/participants/${id}/register?saved=1`);
    const confirm = await (await app.request(saved.headers.get('location')!, { headers: { cookie: admin } })).text();
    expect(confirm).toContain('Uppgifterna är sparade.');
    expect(await stored(id)).toEqual({ gender: 'kvinna', age_band: '30_49' });
    const entries = await db.query<{ action: string; details: unknown }>(
      `select action, details from public.audit_log where target_id = $1 and action = 'participant.register_changed'`,
      [id],
    );
    expect(entries).toEqual([{ action: 'participant.register_changed', details: { fields: ['age_band'] } }]);
  });

  it('a change without both answers is refused in Swedish and changes nothing', async () => {
    const id = await enrol('man', '50_64');
    const res = await app.request(`/coach/participants/${id}/register`, form({ gender: 'kvinna' }, coach));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(MISSING);
    expect(await stored(id)).toEqual({ gender: 'man', age_band: '50_64' });
  });

  it('the list marks a participant without recorded gender or age band and links to the form', async () => {
    const id = await enrol();
    await db.query('update public.participants set gender = null where id = $1', [id]);
    // Newest first: the list's overview shows only the most urgent few of each group.
    const html = await (await app.request('/coach?group=all&sort=newest', { headers: { cookie: coach } })).text();
    expect(html).toContain(`href="/coach/participants/${id}/register">Kön och ålder saknas</a>`);
    const page = await (await app.request(`/coach/participants/${id}/register`, { headers: { cookie: coach } })).text();
    expect(page).toContain('Uppgift saknas för deltagaren.');
  });

  it('a coach of another project gets 404 for the page and the change, and nothing changes', async () => {
    const id = await enrol('kvinna', '30_49');
    const other = await loginCookie(app, world.emails.otherCoach);
    const page = await app.request(`/coach/participants/${id}/register`, { headers: { cookie: other } });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('kvinna');
    const post = await app.request(
      `/coach/participants/${id}/register`,
      form({ gender: 'man', age_band: '16_29' }, other),
    );
    expect(post.status).toBe(404);
    expect(await stored(id)).toEqual({ gender: 'kvinna', age_band: '30_49' });
  });
});
