/**
 * Exit data quality (issue 17, "Exit data quality"). The share of participants who moved to work is
 * the funder's headline figure, and it is counted from the reasons coaches record at exit. The
 * exit form used to preselect "Arbete", so one tap saved an exit as work; it now has no preset
 * reason, refuses a form without one (nothing stored), shows what was saved in words, and lets the
 * coach correct it — audited as a correction with what it replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';

const form = (body: Record<string, string>, cookie: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie },
  body: new URLSearchParams(body),
});

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: registering and correcting an exit on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let coach = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    coach = await loginCookie(app, world.emails.coach);
  });
  afterAll(() => db.close());

  async function enrol(): Promise<string> {
    const res = await app.request('/coach/participants', form({ project_id: world.projectId, ...REGISTER }, coach));
    return /\/coach\/participants\/([0-9a-f-]{36})\/start/.exec(res.headers.get('location')!)![1]!;
  }
  const stored = async (id: string) =>
    (
      await db.query<{ status: string; exit_reason: string | null; occupation_exit: string | null }>(
        'select status, exit_reason, occupation_exit from public.participants where id = $1',
        [id],
      )
    )[0]!;
  const auditOf = async (id: string) =>
    db.query<{ action: string; details: Record<string, unknown> }>(
      `select action, details from public.audit_log where target_id = $1 and action like 'participant.exit%' order by id`,
      [id],
    );
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

  it('the form has no preset reason: the placeholder is selected and no reason option is', async () => {
    const id = await enrol();
    const html = await (await app.request(`/coach/participants/${id}/exit`, { headers: { cookie: coach } })).text();
    const select = /<select name="reason"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
    expect(select).toMatch(/<option value="" disabled="" selected="">Välj orsak<\/option>/);
    expect(select.match(/selected/g)).toHaveLength(1);
    expect(html).toContain(`value="${today}"`);
  });

  it('saving without a reason is refused in Swedish and stores nothing', async () => {
    const id = await enrol();
    const res = await app.request(`/coach/participants/${id}/exit`, form({ exited_on: today, reason: '' }, coach));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Välj datum och orsak till avslutet. Inget är sparat.');
    expect(await stored(id)).toEqual({ status: 'active', exit_reason: null, occupation_exit: null });
    expect(await auditOf(id)).toEqual([]);
  });

  it('a saved exit is shown in words; a correction replaces it and is audited with what it replaced', async () => {
    const id = await enrol();
    const saved = await app.request(
      `/coach/participants/${id}/exit`,
      form({ exited_on: today, reason: 'arbete' }, coach),
    );
    expect(saved.status).toBe(200);
    const page = await saved.text();
    expect(page).toContain('Avslutet är sparat');
    expect(page).toMatch(/<dt>Orsak<\/dt><dd>Arbete<\/dd>/);
    expect(page).toContain(`href="/coach/participants/${id}/exit"`);

    // The form now opens as a correction, with what is registered.
    const again = await (await app.request(`/coach/participants/${id}/exit`, { headers: { cookie: coach } })).text();
    expect(again).toContain('Ändra avslut');
    expect(again).toMatch(/<option value="arbete" selected="">/);

    const corrected = await app.request(
      `/coach/participants/${id}/exit`,
      form({ exited_on: today, reason: 'studier', occupation: 'studier' }, coach),
    );
    expect(corrected.status).toBe(200);
    expect(await corrected.text()).toContain('Ändringen är sparad');
    expect(await stored(id)).toEqual({ status: 'exited', exit_reason: 'studier', occupation_exit: 'studier' });
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(['participant.exit', 'participant.exit_corrected']);
    expect(audit[1]!.details).toMatchObject({ reason: 'studier', previous_reason: 'arbete', date_changed: false });
  });
});
