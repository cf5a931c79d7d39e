/**
 * Threat: after a hand-over the coach's phone still holds what the participant typed (issue 16,
 * finding 4): the link in the browser history (14 days), the draft on the server bound to the
 * phone, the runner's copy in localStorage. Attack: the participant consents and answers half on
 * the coach's phone; the coach takes it back (password, or simply signing in) and tries the link,
 * the draft and the history. Nothing of it is readable: the link never entered an address, the
 * return revokes it and deletes the drafts saved on the phone, and clears the phone's device id
 * and the page's storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, TEST_PASSWORD, type World } from '../support/fixtures.ts';
import { openE2E, phone360, runBrowser, signIn, type E2E } from '../e2e/harness.ts';

const ORIGIN = 'http://localhost';
const TYPED = { stod_till_hjalp: 4, paverka_plan: 2 };
const CHOICE = '4 – Ganska ofta / i ganska hög grad';
const cookieOf = (set: string[], name: string) => set.find((c) => c.startsWith(`${name}=`));

describe.each(engines.filter((e) => e !== 'supabase'))('a hand-over leaves nothing readable on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
  });
  afterAll(() => db.close());

  /** The coach hands the phone over; the participant consents and saves half the answers. */
  async function handOverAndType() {
    const { participantId } = await enrol(store, world);
    const coach = await loginCookie(app, world.emails.coach);
    const res = await app.request(`/coach/participants/${participantId}/handover`, {
      method: 'POST',
      headers: { cookie: coach, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ target: 'pagaende:pagaende' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/d'); // no token in the address, so none in the history
    const set = res.headers.getSetCookie();
    for (const name of ['enkat_handover', 'enkat_handover_link', 'enkat_device'])
      expect(cookieOf(set, name)).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/);
    const jar = ['enkat_handover', 'enkat_handover_link', 'enkat_device']
      .map((n) => cookieOf(set, n)!.split(';')[0]!)
      .join('; ');
    const page = await app.request('/d', { headers: { cookie: jar } });
    expect(page.status).toBe(200);
    const token = /<meta name="enkat-link" content="([^"]+)"/.exec(await page.text())![1]!;
    const device = cookieOf(set, 'enkat_device')!.split(';')[0]!;
    const api = (method: string, path: string, body?: unknown) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, cookie: device, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const consentId = (await store.publishedDefinition(world.coach, 'samtycke-forskning'))!.id;
    const pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
    expect(
      (
        await api('POST', '/api/p/consent', {
          definition_id: consentId,
          answers: { samtycker: true, svarar_med: 'self' },
        })
      ).status,
    ).toBe(201);
    expect((await api('PUT', '/api/p/draft', { definition_id: pagaendeId, answers: TYPED, page: 1 })).status).toBe(200);
    expect(((await (await api('GET', '/api/p/session')).json()) as { draft: unknown }).draft).toMatchObject({
      answers: TYPED,
    });
    return { participantId, jar, token, api };
  }

  async function assertNothingLeft(
    participantId: string,
    back: Response,
    api: (m: string, p: string) => Response | Promise<Response>,
  ) {
    expect(back.status).toBe(303);
    expect(back.headers.get('clear-site-data')).toBe('"storage"');
    const set = back.headers.getSetCookie();
    for (const name of ['enkat_handover', 'enkat_handover_link', 'enkat_device'])
      expect(cookieOf(set, name)).toMatch(new RegExp(`^${name}=;`));
    expect(await db.query('select 1 from public.drafts where participant_id = $1', [participantId])).toEqual([]);
    // The hand-over page without its cookie has no link to offer.
    expect((await app.request('/d')).status).toBe(401);
    // Even with the token and the device cookie copied before the return: the link is revoked.
    const res = await api('GET', '/api/p/session');
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('stod_till_hjalp');
    const [returned] = await db.query<{ actor_id: string; details: Record<string, unknown> }>(
      `select actor_id, details from public.audit_log where target_id = $1 and action = 'handover.returned'`,
      [participantId],
    );
    expect(returned).toMatchObject({ actor_id: world.coach.staffId, details: { discarded_drafts: 1 } });
  }

  it('the return with the coach’s password revokes the link and deletes the phone’s draft', async () => {
    const { participantId, jar, api } = await handOverAndType();
    const back = await app.request('/handover/return', {
      method: 'POST',
      headers: { cookie: jar, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ password: TEST_PASSWORD }),
    });
    await assertNothingLeft(participantId, back, api);
  });

  it('signing in at /login on the lent phone ends the hand-over the same way', async () => {
    const { participantId, jar, api } = await handOverAndType();
    const back = await app.request('/login', {
      method: 'POST',
      headers: { cookie: jar, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: world.emails.coach, password: TEST_PASSWORD }),
    });
    await assertNothingLeft(participantId, back, api);
  });
});

describe.runIf(runBrowser)('after a hand-over the phone’s history and storage hold nothing (Chromium)', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  it('no address with a token in the history; no answers in storage; the hand-over page is gone', async () => {
    const { world, store, db } = e2e;
    const { participantId } = await enrol(store, world);
    const context = await e2e.newContext(phone360);
    const page = await context.newPage();
    await signIn(page, world.emails.coach);
    await page.goto(`/coach/participants/${participantId}/start?target=pagaende:pagaende`);
    await page.getByRole('button', { name: 'Lämna över till deltagaren' }).click();
    await page.getByText('Vill du hjälpa oss att göra stödet bättre?').waitFor();
    expect(new URL(page.url()).pathname).toBe('/d');
    await page.getByText(/^Ja, jag har läst informationen och samtycker/).tap();
    await page.getByText('Jag svarar själv', { exact: true }).tap();
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    await page.getByText('Fråga 1 av 7', { exact: true }).waitFor();
    await page.getByText(CHOICE, { exact: true }).tap();
    await expect
      .poll(
        async () => (await db.query('select 1 from public.drafts where participant_id = $1', [participantId])).length,
      )
      .toBe(1);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('enkat:')).length)).toBe(1);

    await page.getByRole('link', { name: 'Lämna tillbaka telefonen till coachen' }).click();
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Tillbaka till coachvyn' }).click();
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();

    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(await db.query('select 1 from public.drafts where participant_id = $1', [participantId])).toEqual([]);
    const cookies = (await context.cookies()).map((c) => c.name);
    for (const name of ['enkat_handover', 'enkat_handover_link', 'enkat_device']) expect(cookies).not.toContain(name);

    // Walk back through the whole history: no address carries a token, and the hand-over page
    // (loaded afresh: no-store) has no link to offer.
    const visited: string[] = [page.url()];
    while (await page.goBack({ waitUntil: 'load' })) visited.push(page.url());
    for (const url of visited) expect(new URL(url).pathname).not.toMatch(/^\/d\/./);
    expect(visited.map((u) => new URL(u).pathname)).toContain('/d');
    await page.goto('/d');
    await page.getByRole('heading', { name: 'Länken fungerar inte' }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(CHOICE);
    await context.close();
  });
});
