import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const ORIGIN = 'http://localhost';
const NEW_PASSWORD = 'ett nytt långt lösenord';
const post = (
  path: string,
  body: Record<string, string | string[]>,
  cookie = '',
  headers: Record<string, string> = { origin: ORIGIN },
) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return [
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers, ...(cookie ? { cookie } : {}) },
      body: params,
    },
  ] as const;
};

describe('HTTP: admin pages for projects, staff and the audit log', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let admin = '';
  let coach = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    admin = await loginCookie(app, world.emails.admin);
    coach = await loginCookie(app, world.emails.coach);
  });
  afterAll(() => db.close());

  const get = (path: string, cookie: string) => app.request(path, { headers: { cookie, accept: 'text/html' } });

  /** Invites through the form and returns the one-time link's path. */
  async function invite(email: string, roles: string[] = ['coach']) {
    const res = await app.request(...post('/admin/staff/invite', { email, project_id: world.projectId, roles }, admin));
    expect(res.status).toBe(201);
    return new URL(/data-testid="invite-link">([^<]+)</.exec(await res.text())![1]!).pathname;
  }

  async function setPassword(path: string, password = NEW_PASSWORD) {
    return app.request(...post(path, { password, confirm: password }));
  }

  async function loginWith(email: string, password: string) {
    const res = await app.request(...post('/login', { email, password }));
    return res.status === 303 ? res.headers.get('set-cookie')!.split(';')[0]! : null;
  }

  it('renders the admin pages for an admin, with an Admin link in the menu', async () => {
    for (const [path, heading] of [
      ['/admin', 'Administration'],
      ['/admin/projects', 'Projekt'],
      ['/admin/projects/new', 'Nytt projekt'],
      [`/admin/projects/${world.projectId}`, 'Projekt '],
      ['/admin/staff', 'Personal'],
      ['/admin/audit', 'Granskningslogg'],
    ] as const) {
      const res = await get(path, admin);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain(`<h1>${heading}`);
      expect(html, path).toContain('<a href="/admin">Admin</a>');
    }
    expect(await (await get('/admin', admin)).text()).toContain('href="/admin/definitions"');
    expect(await (await get('/coach', coach)).text()).not.toContain('<a href="/admin">Admin</a>');
  });

  it('answers 404 to coaches and researchers, and sends the signed-out to login', async () => {
    const researcher = await loginCookie(app, world.emails.researcher);
    for (const cookie of [coach, researcher]) {
      for (const path of [
        '/admin',
        '/admin/projects',
        `/admin/projects/${world.projectId}`,
        '/admin/staff',
        '/admin/audit',
        '/admin/audit.csv',
      ]) {
        expect((await get(path, cookie)).status, path).toBe(404);
      }
      expect(
        (await app.request(...post(`/admin/projects/${world.projectId}`, { name: 'x', min_group_size: '5' }, cookie)))
          .status,
      ).toBe(404);
      expect((await app.request(...post(`/admin/staff/${world.admin.staffId}/deactivate`, {}, cookie))).status).toBe(
        404,
      );
    }
    const anon = await app.request('/admin/staff');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toBe('/login?next=%2Fadmin%2Fstaff');
  });

  it('saves project settings and shows form errors in plain Swedish', async () => {
    const path = `/admin/projects/${world.projectId}`;
    const base = {
      name: 'EHA Ockelbo',
      municipality: 'Ockelbo',
      min_group_size: '6',
      period_start: '2026-01-01',
      period_end: '2027-12-31',
      target_participants: '40',
      goal_work_or_studies_percent: '55',
      target_women_percent: '60',
      outcome_reason_annat: 'annan_sysselsattning',
      pagaendeFromWeeks: '5',
      pagaendeToWeeks: '9',
      languages: 'en, AR',
      ethics_reference: 'Dnr 2026-01234',
      contact: 'Anna, 070-000 00 00',
      requireReconsent: 'on',
    };
    const ok = await app.request(...post(path, base, admin));
    expect(ok.status).toBe(303);
    const { projects } = await store.adminProjects(world.admin);
    expect(projects.find((p) => p.id === world.projectId)).toMatchObject({
      name: 'EHA Ockelbo',
      min_group_size: 6,
      settings: {
        municipality: 'Ockelbo',
        target_participants: 40,
        goal_work_or_studies_percent: 55,
        target_women_percent: 60,
        outcome_map: {
          exit_reason: { annat: 'annan_sysselsattning', arbete: 'arbete', flytt: 'ingen' },
          occupation_exit: { arbetssokande: 'annan_sysselsattning', sjukskriven: 'ingen' },
        },
        pagaendeFromWeeks: 5,
        languages: ['sv', 'en', 'ar'],
        requireReconsent: true,
        ethics_reference: 'Dnr 2026-01234',
      },
    });
    const page = await (await get(`${path}?saved=1`, admin)).text();
    expect(page).toContain('Ändringarna är sparade');
    expect(page).toContain('value="en, ar"');
    // The mapping in plain Swedish choices, the stored one selected; no JSON on the page.
    expect(page).toMatch(
      /Annat<select name="outcome_reason_annat">[\s\S]*?<option value="annan_sysselsattning" selected="">Annan sysselsättning/,
    );
    expect(page).toContain('name="target_women_percent" value="60"');
    expect(page).not.toContain('{&quot;');
    for (const [change, message] of [
      [{ min_group_size: '2' }, 'Minsta gruppstorlek ska vara ett heltal mellan 3 och 100.'],
      [{ pagaendeFromWeeks: '9', pagaendeToWeeks: '8' }, 'Pågående ska stänga senare än det öppnar.'],
      [{ period_end: '2025-01-01' }, 'Perioden kan inte sluta innan den börjar.'],
      [{ name: ' ' }, 'Skriv ett namn på projektet.'],
      [{ languages: 'engelska' }, 'Språk anges som språkkoder'],
      [{ goal_work_or_studies_percent: '140' }, 'anges i procent, ett heltal mellan 1 och 100'],
      [{ target_women_percent: '0' }, 'Målet för andelen kvinnor anges i procent, ett heltal mellan 1 och 100.'],
      [{ outcome_occupation_praktik: 'semester' }, 'Välj arbete, studier, annan sysselsättning eller ingen'],
    ] as const) {
      const res = await app.request(...post(path, { ...base, ...change }, admin));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    const audit = await db.query<{ details: { fields: string[] } }>(
      `select details from public.audit_log where action = 'project.updated' and project_id = $1`,
      [world.projectId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details.fields).toContain('settings.requireReconsent');
    expect(audit[0]!.details.fields).toContain('settings.outcome_map');
  });

  it('creates a project in the same organisation; the creator is its admin', async () => {
    const form = await (await get('/admin/projects/new', admin)).text();
    const organisation = /<option value="([0-9a-f-]{36})">/.exec(form)![1]!;
    const res = await app.request(
      ...post('/admin/projects', { organisation_id: organisation, name: 'IPS Gävle', min_group_size: '5' }, admin),
    );
    expect(res.status).toBe(303);
    const id = /\/admin\/projects\/([0-9a-f-]{36})/.exec(res.headers.get('location')!)![1]!;
    expect((await store.adminProjects(world.admin)).projects.find((p) => p.id === id)!.name).toBe('IPS Gävle');
    const bad = await app.request(
      ...post('/admin/projects', { organisation_id: crypto.randomUUID(), name: 'X', min_group_size: '5' }, admin),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Välj en organisation.');
  });

  it('refuses cross-site posts and, on admin pages, posts without Origin or Sec-Fetch-Site', async () => {
    const path = `/admin/projects/${world.projectId}`;
    const body = { name: 'Kapad', min_group_size: '5' };
    expect((await app.request(...post(path, body, admin, { origin: 'https://evil.example' }))).status).toBe(403);
    expect((await app.request(...post(path, body, admin, { 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    const none = await app.request(...post(path, body, admin, {}));
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('Begäran kom inte från den här webbplatsen');
    expect((await app.request(...post(`/admin/staff/${world.coach.staffId}/deactivate`, {}, admin, {}))).status).toBe(
      403,
    );
  });

  it('invite: the link sets a password once (with Swedish errors), then the person signs in', async () => {
    const email = `ny-${crypto.randomUUID().slice(0, 6)}@test.local`;
    const bad = await app.request(
      ...post('/admin/staff/invite', { email: 'inte en adress', project_id: world.projectId, roles: 'coach' }, admin),
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Skriv en giltig e-postadress');
    const path = await invite(email);
    expect(path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const page = await get(path, '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);
    expect(await (await setPassword(path, 'kort')).text()).toContain('minst 12 tecken');
    const differ = await app.request(...post(path, { password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}x` }));
    expect(differ.status).toBe(400);
    expect(await differ.text()).toContain('Lösenorden är inte likadana');
    // Choosing the password signs the person in and sends them where the login would.
    const saved = await setPassword(path);
    expect([saved.status, saved.headers.get('location')]).toEqual([303, '/']);
    const session = saved.headers.get('set-cookie')!.split(';')[0]!;
    expect(session).toMatch(/^enkat_session=/);
    const home = await get('/', session);
    expect([home.status, home.headers.get('location')]).toEqual([303, '/coach']);
    expect((await get('/coach', session)).status).toBe(200);
    const replay = await setPassword(path);
    expect([replay.status, replay.headers.get('set-cookie')]).toEqual([404, null]);
    expect((await get(path, '')).status).toBe(404);
    const cookie = await loginWith(email, NEW_PASSWORD);
    expect(cookie).not.toBeNull();
    expect((await get('/coach', cookie!)).status).toBe(200);
  });

  it('shows a one-time link in a read-only field with a "Kopiera länken" button for the script', async () => {
    const res = await app.request(
      ...post(
        '/admin/staff/invite',
        { email: `kopia-${crypto.randomUUID().slice(0, 6)}@test.local`, project_id: world.projectId, roles: 'coach' },
        admin,
      ),
    );
    const html = await res.text();
    const box = /<div class="copy-link"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    // Without JavaScript: the link is text in a read-only field, labelled, selectable.
    expect(box).toMatch(/<label for="one-time-link">Länken<\/label>/);
    expect(box).toMatch(
      /<textarea id="one-time-link"[^>]* readonly=""[^>]*>http:\/\/localhost\/invite\/[A-Za-z0-9_-]{43}<\/textarea>/,
    );
    // The button is shown by the script (hidden until then: without JavaScript it could do nothing).
    expect(box).toMatch(
      /<button type="button" class="primary" data-copy-button="true" hidden="">Kopiera länken<\/button>/,
    );
    expect(box).toMatch(/<p class="copy-link-status" role="status" aria-live="polite" data-copy-status="true"><\/p>/);
    expect(box).toContain('data-copied="Länken är kopierad."');
    expect(box).toMatch(/<script type="module" src="\/assets\/copy-link[^"]*\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
    // The reset page shows its link the same way.
    const email = `kopia-${crypto.randomUUID().slice(0, 6)}@test.local`;
    await setPassword(await invite(email));
    const row = (await store.adminStaff(world.admin)).staff.find((s) => s.email === email)!;
    expect(row.has_password).toBe(true);
    const reset = await (await app.request(...post(`/admin/staff/${row.id}/reset`, {}, admin))).text();
    expect(reset).toContain('<h1>Länk för nytt lösenord</h1>');
    expect(reset).toContain('Kopiera länken');
    expect(reset).toMatch(/<textarea id="one-time-link"[^>]*>http:\/\/localhost\/invite\//);
  });

  it('deactivation and password reset end the person’s sessions at once', async () => {
    const email = `sess-${crypto.randomUUID().slice(0, 6)}@test.local`;
    await setPassword(await invite(email));
    const first = (await loginWith(email, NEW_PASSWORD))!;
    const row = (await store.adminStaff(world.admin)).staff.find((s) => s.email === email)!;
    const reset = await app.request(...post(`/admin/staff/${row.id}/reset`, {}, admin));
    expect(reset.status).toBe(201);
    const resetPath = new URL(/data-testid="invite-link">([^<]+)</.exec(await reset.text())![1]!).pathname;
    expect((await get('/coach', first)).status).toBe(303);
    expect(await loginWith(email, NEW_PASSWORD)).toBeNull();
    await setPassword(resetPath, 'lösenord nummer två');
    const second = (await loginWith(email, 'lösenord nummer två'))!;
    expect((await get('/coach', second)).status).toBe(200);
    expect((await app.request(...post(`/admin/staff/${row.id}/deactivate`, {}, admin))).status).toBe(303);
    expect((await get('/coach', second)).status).toBe(303);
    expect(await loginWith(email, 'lösenord nummer två')).toBeNull();
  });

  it('refuses self-deactivation and removing the last admin with a Swedish message', async () => {
    const self = await app.request(...post(`/admin/staff/${world.admin.staffId}/deactivate`, {}, admin));
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('Du kan inte inaktivera ditt eget konto.');
    const last = await app.request(
      ...post(`/admin/staff/${world.admin.staffId}/roles`, { project_id: world.projectId, roles: 'coach' }, admin),
    );
    expect(last.status).toBe(409);
    expect(await last.text()).toContain('minst en aktiv administratör');
  });

  it('exports the audit log as CSV with BOM, filtered, and records the export', async () => {
    const res = await app.request(`/admin/audit.csv?action=staff.&project_id=${world.projectId}`, {
      headers: { cookie: admin },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).trim().split('\r\n');
    expect(lines[0]).toBe('id,tid,utford_av,handelse,projekt,mal_typ,mal_id,detaljer,beskrivning');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines.slice(1)) expect(line.split(',')[3]).toMatch(/^staff\./);
    expect(lines.some((l) => l.includes(`,${world.emails.admin},staff.invited,`))).toBe(true);
    const exported = await db.query(
      `select details from public.audit_log where action = 'audit.exported' and actor_id = $1`,
      [world.admin.staffId],
    );
    expect(exported).toEqual([{ details: { filters: ['action', 'project_id'] } }]);
    const page = await (await get('/admin/audit?action=audit.', admin)).text();
    expect(page).toContain(`${world.emails.admin} laddade ner granskningsloggen`);
    expect(page).not.toContain('audit.exported');
    expect((await get('/admin/audit?from=not-a-date', admin)).status).toBe(400);
  });

  it('no admin route returns answers or identifies a participant', async () => {
    const participant = await enrolWithConsent(store, world);
    const def = await store.publishedDefinition(participant, 'pagaende');
    const responseId = crypto.randomUUID();
    await store.submitResponse(participant, { id: responseId, definition_id: def!.id, answers: pagaendeAnswers(6) });
    const code = (await store.participantState(participant))!.code;
    // Definition drafts (/admin/definitions/:id/draft) are questionnaire texts, not participants' drafts.
    const adminPaths = app.routes
      .map((r) => r.path)
      .filter((p) => (p.startsWith('/admin') || p.startsWith('/invite')) && !p.startsWith('/admin/definitions'));
    for (const p of adminPaths) expect(p).not.toMatch(/answer|response|draft|rows/);
    const bodies = await Promise.all(
      [
        '/admin',
        '/admin/projects',
        `/admin/projects/${world.projectId}`,
        '/admin/staff',
        '/admin/audit',
        '/admin/audit?action=consent.',
        '/admin/audit.csv',
      ].map(async (p) => (await get(p, admin)).text()),
    );
    for (const body of bodies) {
      expect(body).not.toContain(participant.participantId);
      expect(body).not.toContain(code);
      expect(body).not.toContain(responseId);
      expect(body).not.toContain('stod_till_hjalp');
    }
    expect(bodies[5]).toContain('deltagare');
  });
});
