import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, TEST_PASSWORD, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const ORIGIN = 'http://localhost';
const form = (body: Record<string, string>, cookie = '') => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(body),
});

describe('HTTP: coach register data, schedule, short codes and hand-over', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let coach = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    coach = await login(world.emails.coach);
  });
  afterAll(() => db.close());

  const login = (email: string) => loginCookie(app, email);

  /** Enrols through the form and returns the new participant's id (from the redirect). */
  async function enrol(extra: Record<string, string> = {}) {
    const res = await app.request(
      '/coach/participants',
      form({ project_id: world.projectId, ...REGISTER, ...extra }, coach),
    );
    expect(res.status).toBe(303);
    return /\/coach\/participants\/([0-9a-f-]{36})\/start/.exec(res.headers.get('location')!)![1]!;
  }

  const list = async () =>
    (
      (await (
        await app.request(`/api/coach/participants?project=${world.projectId}`, { headers: { cookie: coach } })
      ).json()) as { participants: any[] }
    ).participants;

  it('records optional register data at enrolment and refuses values outside the lists', async () => {
    const id = await enrol({ started_on: '2026-11-01', referral: 'af', occupation_start: 'arbetssokande' });
    const row = (await list()).find((p) => p.id === id);
    expect(row).toMatchObject({ started_on: '2026-11-01', referral: 'af', occupation_start: 'arbetssokande' });
    const bad = await app.request(
      '/coach/participants',
      form({ project_id: world.projectId, ...REGISTER, referral: 'polisen' }, coach),
    );
    expect(bad.status).toBe(400);
  });

  it('shows what is due from the schedule: consent first; after exit, Avslut and exit-WAI', async () => {
    const id = await enrol();
    let row = (await list()).find((p) => p.id === id);
    expect(row.schedule.map((e: { survey: string; status: string }) => `${e.survey}:${e.status}`)).toEqual([
      'samtycke-forskning:due',
    ]);
    const exit = await app.request(
      `/coach/participants/${id}/exit`,
      form(
        { exited_on: new Date().toISOString().slice(0, 10), reason: 'arbete', occupation: 'arbete_osubventionerad' },
        coach,
      ),
    );
    expect(exit.status).toBe(200);
    expect(await exit.text()).toContain('Avslutet är sparat');
    row = (await list()).find((p) => p.id === id);
    expect(row).toMatchObject({ status: 'exited', exit_reason: 'arbete', occupation_exit: 'arbete_osubventionerad' });
    const audit = await db.query<{ action: string }>(
      `select action from public.audit_log where target_id = $1 order by id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toContain('participant.exit');
  });

  it('refuses an exit date before enrolment or in the future, in Swedish', async () => {
    const id = await enrol();
    const res = await app.request(
      `/coach/participants/${id}/exit`,
      form({ exited_on: '2001-01-01', reason: 'flytt' }, coach),
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Datumet för avslut');
  });

  it('a short code opens the survey once, and only before it expires', async () => {
    const id = await enrol();
    const page = await app.request(`/coach/participants/${id}/short-code`, form({ target: 'wai:start' }, coach));
    const code = /data-testid="short-code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(await page.text())![1]!;
    const typed = ` ${code.toLowerCase()} `;
    const used = await app.request('/k', form({ code: typed }));
    expect(used.status).toBe(303);
    // A short link: the signed token never enters the phone's address bar.
    expect(used.headers.get('location')).toMatch(/^\/l\/[0-9a-hjkmnp-tv-z]{13}$/);
    expect((await app.request(used.headers.get('location')!)).status).toBe(200);
    const again = await app.request('/k', form({ code }));
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('Koden fungerar inte');
    const stored = await db.query<{ code_hash: string }>(
      'select code_hash from public.short_codes where participant_id = $1',
      [id],
    );
    expect(stored[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(code.replace('-', ''));
  });

  it('a typo in a short code is caught by its check character; guessing is rate-limited', async () => {
    const limited = testApp(store).app;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await limited.request('/k', form({ code: 'ABCD-EFGH' }))).status);
    // A typo is told as a typo (400), not as a used code (404).
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // The form is a participant page: the refusal is a page in Swedish, not JSON.
    const refused = await limited.request('/k', form({ code: 'ABCD-EFGH' }));
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    // The wait is what is left of the address's 10-minute window (the database's clock).
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(590);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
    expect(await refused.text()).toMatch(/<html lang="sv"[\s\S]*role="alert"/);
  });

  it('hand-over signs the coach out; only the coach password brings the phone back', async () => {
    const id = await enrol();
    const res = await app.request(`/coach/participants/${id}/handover`, form({ target: 'pagaende:pagaende' }, coach));
    expect(res.status).toBe(303);
    // The link travels in an HttpOnly cookie, not in the address (tests/security/handover-leaves-nothing).
    expect(res.headers.get('location')).toBe('/d');
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('enkat_session=;'))).toBeDefined();
    const handover = cookies.find((c) => c.startsWith('enkat_handover='))!.split(';')[0]!;
    expect(cookies.find((c) => c.startsWith('enkat_handover='))).toMatch(
      /HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/,
    );
    // In hand-over the phone has no staff session: coach pages send it to the login page.
    expect((await app.request('/coach', { headers: { cookie: handover } })).status).toBe(303);
    const wrong = await app.request('/handover/return', form({ password: 'fel' }, handover));
    expect(wrong.status).toBe(401);
    const back = await app.request('/handover/return', form({ password: TEST_PASSWORD }, handover));
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/coach');
    const session = back.headers
      .getSetCookie()
      .find((c) => c.startsWith('enkat_session=') && !c.startsWith('enkat_session=;'))!;
    expect((await app.request('/coach', { headers: { cookie: session.split(';')[0]! } })).status).toBe(200);
  });

  it('a hand-over return without the hand-over cookie goes to the ordinary login', async () => {
    const res = await app.request('/handover/return', form({ password: TEST_PASSWORD }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login');
  });
});
