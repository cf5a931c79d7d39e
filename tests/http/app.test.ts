import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import {
  closeQuarters,
  createWorld,
  pagaendeAnswers,
  REGISTER,
  TEST_PASSWORD,
  type World,
} from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const ORIGIN = 'http://localhost';

describe('HTTP: the whole slice through app.request() on PGlite', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let logs: Record<string, unknown>[];
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app, logs } = testApp(store));
    cookies.coach = await login(world.emails.coach);
    cookies.researcher = await login(world.emails.researcher);
    cookies.otherResearcher = await login(world.emails.otherResearcher);
  });
  afterAll(() => db.close());

  async function login(email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) {
    const res = await app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...headers },
      body: new URLSearchParams({ email, password }),
    });
    expect(res.status, `login ${email}`).toBe(303);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function newParticipantLink(survey = 'pagaende', occasion = 'pagaende') {
    const enrol = await json(
      'POST',
      '/api/coach/participants',
      { project_id: world.projectId, ...REGISTER },
      { cookie: cookies.coach! },
    );
    expect(enrol.status).toBe(201);
    const { participant } = (await enrol.json()) as { participant: { id: string; code: string } };
    const link = await json(
      'POST',
      `/api/coach/participants/${participant.id}/links`,
      { survey, occasion },
      { cookie: cookies.coach! },
    );
    expect(link.status).toBe(201);
    const { url } = (await link.json()) as { url: string };
    return { participant, token: url.split('/d/')[1]! };
  }

  async function session(token: string) {
    const res = await app.request('/api/p/session', { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  async function consentedParticipant(survey = 'pagaende', occasion = 'pagaende') {
    const link = await newParticipantLink(survey, occasion);
    const s = await session(link.token);
    const res = await json(
      'POST',
      '/api/p/consent',
      { definition_id: s.body.consent.id, answers: { samtycker: true, svarar_med: 'self' } },
      { authorization: `Bearer ${link.token}` },
    );
    expect(res.status).toBe(201);
    const after = await session(link.token);
    return { ...link, surveyId: after.body.survey.id as string };
  }

  const submit = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    json('POST', '/api/p/responses', body, { authorization: `Bearer ${token}`, ...headers });

  describe('staff login', () => {
    it('sets an HttpOnly, Secure, SameSite=Strict session cookie', async () => {
      const res = await app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: world.emails.admin, password: TEST_PASSWORD }),
      });
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/SameSite=Strict/);
    });

    it('a wrong password gets a Swedish message and no cookie; both outcomes are audited', async () => {
      const res = await app.request('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: world.emails.admin, password: 'fel' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(await res.text()).toContain('Fel e-postadress eller lösenord');
      const actions = await db.query<{ action: string }>(
        `select action from public.audit_log where action like 'login.%'`,
      );
      expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['login.success', 'login.failure']));
    });

    it('rate-limits repeated attempts', async () => {
      const limited = testApp(store, { rateLimits: { loginAccountAddress: { max: 3, windowSeconds: 60 } } }).app;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.request('/login', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email: 'nobody@x.se', password: 'x' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    });

    it('refuses a cross-site form post (CSRF)', async () => {
      const attacks: Record<string, string>[] = [
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
      ];
      for (const headers of attacks) {
        const res = await app.request('/coach/participants', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.coach!, ...headers },
          body: new URLSearchParams({ project_id: world.projectId }),
        });
        expect(res.status).toBe(403);
      }
    });

    it('accepts a same-origin form post from a browser that sends Origin: null (no-referrer policy)', async () => {
      const res = await app.request('/login', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'null',
          'sec-fetch-site': 'same-origin',
        },
        body: new URLSearchParams({ email: world.emails.admin, password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(303);
    });

    it('sends each role to its own start page after login', async () => {
      const home = async (cookie: string) => (await app.request('/', { headers: { cookie } })).headers.get('location');
      expect(await home(cookies.coach!)).toBe('/coach');
      expect(await home(cookies.researcher!)).toBe('/research');
      expect(await home('')).toBe('/login');
    });

    it('pages need a session: redirect to login; APIs answer 401 in the standard shape', async () => {
      const page = await app.request('/coach');
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/login?next=%2Fcoach');
      const api = await app.request('/api/coach/participants?project=' + world.projectId);
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({
        error: { code: 'UNAUTHENTICATED', message: expect.any(String), requestId: expect.any(String) },
      });
    });

    it('logout clears the cookie', async () => {
      // Its own account: signing out ends every session of the account (tests/security/logout.test.ts).
      const cookie = await login(world.emails.otherCoach);
      const res = await app.request('/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } });
      expect(res.status).toBe(303);
      expect(res.headers.get('set-cookie')).toMatch(/enkat_session=;/);
    });
  });

  describe('coach', () => {
    it('enrols a participant and gets a pseudonym code and a signed link; the page lists the code without answers', async () => {
      const { participant, token } = await newParticipantLink();
      expect(participant.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(token.split('.')).toHaveLength(3);
      const page = await app.request(`/coach?project=${world.projectId}`, { headers: { cookie: cookies.coach! } });
      expect(await page.text()).toContain(`${participant.code.slice(0, 4)}-${participant.code.slice(4)}`);
    });

    it('the enrol form leads to the start page with QR code, link, short code and hand-over', async () => {
      const res = await app.request('/coach/participants', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.coach!, origin: ORIGIN },
        body: new URLSearchParams({ project_id: world.projectId, ...REGISTER }),
      });
      expect(res.status).toBe(303);
      const start = await app.request(res.headers.get('location')!, { headers: { cookie: cookies.coach! } });
      const html = await start.text();
      expect(html).toMatch(/href="http:\/\/localhost\/l\/[0-9a-hjkmnp-tv-z]{13}" data-testid="participant-link"/);
      expect(html).toContain('<svg');
      expect(html).toContain('Visa kort kod');
      expect(html).toContain('Lämna över till deltagaren');
    });

    it('cannot enrol in a project they do not belong to, nor read its participants (404)', async () => {
      const res = await json(
        'POST',
        '/api/coach/participants',
        { project_id: world.otherProjectId, ...REGISTER },
        { cookie: cookies.coach! },
      );
      expect(res.status).toBe(404);
      const list = await app.request(`/api/coach/participants?project=${world.otherProjectId}`, {
        headers: { cookie: cookies.coach! },
      });
      expect(list.status).toBe(404);
    });

    it('bad input is a 400 with issues, never a 500', async () => {
      const res = await json(
        'POST',
        '/api/coach/participants',
        { project_id: 'not-a-uuid', ...REGISTER },
        { cookie: cookies.coach! },
      );
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'project_id' })] },
      });
    });
  });

  describe('participant', () => {
    it('consent comes first: the survey is refused before consent and nothing is stored', async () => {
      const { token, participant } = await newParticipantLink();
      const s = await session(token);
      expect(s.body).toMatchObject({
        consent_status: 'missing',
        submitted: false,
        consent: { key: 'samtycke-forskning' },
        survey: { key: 'pagaende' },
      });
      const res = await submit(token, {
        id: crypto.randomUUID(),
        definition_id: s.body.survey.id,
        answers: pagaendeAnswers(3),
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({
        error: { code: 'CONSENT_REQUIRED', message: expect.stringContaining('samtycke') },
      });
      expect(await db.query('select 1 from public.responses where participant_id = $1', [participant.id])).toHaveLength(
        0,
      );
    });

    it('an unticked consent box is refused in plain Swedish', async () => {
      const { token } = await newParticipantLink();
      const s = await session(token);
      const res = await json(
        'POST',
        '/api/p/consent',
        { definition_id: s.body.consent.id, answers: { samtycker: false, svarar_med: 'self' } },
        { authorization: `Bearer ${token}` },
      );
      expect(res.status).toBe(422);
      expect((await res.json()).error.message).toMatch(/samtycker/);
    });

    it('submits once: the same client uuid again is 200 with the same response, never a second row', async () => {
      const p = await consentedParticipant();
      const body = {
        id: crypto.randomUUID(),
        definition_id: p.surveyId,
        answers: pagaendeAnswers(5, { tid_som_behovs: 'none' }),
      };
      const first = await submit(p.token, body);
      const second = await submit(p.token, body);
      expect([first.status, second.status]).toEqual([201, 200]);
      expect((await second.json()).response).toMatchObject({ id: body.id, created: false });
      const other = await submit(p.token, { ...body, id: crypto.randomUUID() });
      expect(other.status).toBe(409);
      expect((await other.json()).error.code).toBe('ALREADY_SUBMITTED');
      expect(
        await db.query('select 1 from public.responses where participant_id = $1', [p.participant.id]),
      ).toHaveLength(1);
      expect((await session(p.token)).body).toMatchObject({ submitted: true, survey: null });
    });

    it('an out-of-range or unknown answer is a 422 naming the question in Swedish, and stores nothing', async () => {
      const p = await consentedParticipant();
      const cases = [
        pagaendeAnswers(7),
        pagaendeAnswers(3, { mer_redo: 0 }),
        pagaendeAnswers(3, { okand_fraga: 2 }),
        pagaendeAnswers(3, { mer_redo: '3' }),
      ];
      for (const answers of cases) {
        const res = await submit(p.token, { id: crypto.randomUUID(), definition_id: p.surveyId, answers });
        expect(res.status).toBe(422);
        const body = await res.json();
        expect(body.error.code).toBe('ANSWERS_INVALID');
        expect(body.error.issues[0].message).toMatch(/svarsalternativen|finns inte i enkäten/);
      }
      const english = await submit(
        p.token,
        { id: crypto.randomUUID(), definition_id: p.surveyId, answers: pagaendeAnswers(9) },
        { 'accept-language': 'en' },
      );
      expect((await english.json()).error.issues[0].message).toMatch(/Choose one of the options/);
      expect(
        await db.query('select 1 from public.responses where participant_id = $1', [p.participant.id]),
      ).toHaveLength(0);
    });

    it('malformed requests are 400/415/413 in the standard shape', async () => {
      const p = await consentedParticipant();
      const bad = [
        [await submit(p.token, '{"id": '), 400, 'INVALID_JSON'],
        [await submit(p.token, { id: 'x', definition_id: p.surveyId, answers: {} }), 400, 'VALIDATION_FAILED'],
        [
          await submit(p.token, { id: crypto.randomUUID(), definition_id: p.surveyId, answers: [] }),
          400,
          'VALIDATION_FAILED',
        ],
        [
          await app.request('/api/p/responses', {
            method: 'POST',
            headers: { authorization: `Bearer ${p.token}`, 'content-type': 'text/plain' },
            body: 'x',
          }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
        ],
        [
          await submit(p.token, {
            id: crypto.randomUUID(),
            definition_id: p.surveyId,
            answers: { stod_till_hjalp: 'x'.repeat(600_000) },
          }),
          413,
          'PAYLOAD_TOO_LARGE',
        ],
      ] as const;
      for (const [res, status, code] of bad) {
        expect(res.status).toBe(status);
        expect(await res.json()).toMatchObject({
          error: { code, message: expect.any(String), requestId: expect.any(String) },
        });
      }
    });

    it('a bad, tampered or foreign token gets 401 LINK_INCOMPLETE; the link page explains in Swedish', async () => {
      const p = await consentedParticipant();
      const [h, payload, sig] = p.token.split('.');
      const forged = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: crypto.randomUUID() }),
      ).toString('base64url');
      for (const token of ['nonsense-token-value-here', `${h}.${forged}.${sig}`]) {
        expect((await session(token)).status).toBe(401);
      }
      expect((await app.request('/api/p/session')).status).toBe(401);
      const page = await app.request(`/d/${h}.${forged}.${sig}`);
      expect(page.status).toBe(401);
      expect(await page.text()).toContain('Länken är inte hel. Kanske kom inte hela länken med.');
      const ok = await app.request(`/d/${p.token}`);
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('/assets/survey-runner.js');
    });

    it('after withdrawal nothing more is collected', async () => {
      const p = await consentedParticipant();
      expect(
        (await app.request('/api/p/withdraw', { method: 'POST', headers: { authorization: `Bearer ${p.token}` } }))
          .status,
      ).toBe(200);
      const res = await submit(p.token, {
        id: crypto.randomUUID(),
        definition_id: p.surveyId,
        answers: pagaendeAnswers(3),
      });
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe('CONSENT_WITHDRAWN');
    });
  });

  describe('researcher', () => {
    let projectId: string;
    beforeAll(async () => {
      for (const v of [1, 2, 3, 4, 5, 6]) {
        const p = await consentedParticipant();
        expect(
          (await submit(p.token, { id: crypto.randomUUID(), definition_id: p.surveyId, answers: pagaendeAnswers(v) }))
            .status,
        ).toBe(201);
      }
      projectId = world.projectId;
      // Figures count closed quarters only.
      await closeQuarters(db, projectId);
    });

    it('gets aggregates as JSON (researcher of the project only)', async () => {
      const res = await app.request(`/api/research/aggregates?project=${projectId}&survey=pagaende`, {
        headers: { cookie: cookies.researcher! },
      });
      expect(res.status).toBe(200);
      const report = await res.json();
      const item = report.versions[0].items.find((i: { item: string }) => i.item === 'mer_redo');
      expect(item).toMatchObject({ suppressed: false, n: expect.any(Number), mean: expect.any(Number) });
      const other = await app.request(`/api/research/aggregates?project=${projectId}&survey=pagaende`, {
        headers: { cookie: cookies.otherResearcher! },
      });
      expect(other.status).toBe(404);
      const coach = await app.request(`/api/research/aggregates?project=${projectId}&survey=pagaende`, {
        headers: { cookie: cookies.coach! },
      });
      expect(coach.status).toBe(404);
    });

    it('downloads CSV (comma or Swedish semicolon style) with a BOM', async () => {
      const res = await app.request(`/api/research/aggregates.csv?project=${projectId}&survey=pagaende&sep=semicolon`, {
        headers: { cookie: cookies.researcher! },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes)).toMatch(
        /project;survey;version;occasion;period_from;period_to;item;suppressed;n;missing;mean;sd;median;q1;q3;count_1/,
      );
    });

    it('the researcher page shows a table of figures', async () => {
      const res = await app.request(`/research?project=${projectId}&survey=pagaende`, {
        headers: { cookie: cookies.researcher! },
      });
      const html = await res.text();
      expect(html).toContain('data-testid="aggregates"');
      expect(html).toContain('Jag känner mig mer redo');
    });
  });

  describe('WAI', () => {
    // d1 8; d2 both: 4 + 4 = 8; d3 one diagnosis -> 5; d4 5; d5 4; d6 7; d7 3 + 3 + 3 = 9 -> 3.
    // Total 8 + 8 + 5 + 5 + 4 + 7 + 3 = 40 -> "good"; Work Ability Score 8.
    const answers = {
      wai_1_formaga: 8,
      wai_2_arbetets_art: 'both',
      wai_2_fysiska: 4,
      wai_2_psykiska: 4,
      wai_3_lakardiagnos: ['psykisk'],
      wai_4_hinder: [5],
      wai_5_sjukdagar: 4,
      wai_6_prognos: 7,
      wai_7_gladje: 3,
      wai_7_aktiv: 3,
      wai_7_hopp: 3,
    };

    it('a submitted WAI shows its total and category to the researcher, never to the coach', async () => {
      const world2 = await createWorld(store);
      const coach2 = await login(world2.emails.coach);
      const researcher2 = await login(world2.emails.researcher);
      for (let i = 0; i < 5; i++) {
        const enrolled = await json(
          'POST',
          '/api/coach/participants',
          { project_id: world2.projectId, ...REGISTER },
          { cookie: coach2 },
        );
        const { participant } = (await enrolled.json()) as { participant: { id: string } };
        const link = await json(
          'POST',
          `/api/coach/participants/${participant.id}/links`,
          { survey: 'wai', occasion: 'start' },
          { cookie: coach2 },
        );
        const token = ((await link.json()) as { url: string }).url.split('/d/')[1]!;
        const s = await session(token);
        await json(
          'POST',
          '/api/p/consent',
          { definition_id: s.body.consent.id, answers: { samtycker: true, svarar_med: 'self' } },
          { authorization: `Bearer ${token}` },
        );
        const wai = (await session(token)).body.survey;
        expect(wai.key).toBe('wai');
        expect((await submit(token, { id: crypto.randomUUID(), definition_id: wai.id, answers })).status).toBe(201);
      }
      await closeQuarters(db, world2.projectId);
      const res = await app.request(`/api/research/aggregates?project=${world2.projectId}&survey=wai`, {
        headers: { cookie: researcher2 },
      });
      const report = await res.json();
      const start = report.versions.find((v: { occasion: string }) => v.occasion === 'start');
      expect(start.wai).toMatchObject({
        suppressed: false,
        n: 5,
        incomplete: 0,
        total: { mean: 40, median: 40 },
        work_ability_score: { n: 5, mean: 8 },
      });
      expect(start.wai.categories).toContainEqual({ category: 'good', n: 5 });
      const page = await app.request(`/research?project=${world2.projectId}&survey=wai`, {
        headers: { cookie: researcher2 },
      });
      expect(await page.text()).toContain('data-testid="wai-summary"');
      const coachView = await app.request(`/api/coach/participants?project=${world2.projectId}`, {
        headers: { cookie: coach2 },
      });
      const coachText = await coachView.text();
      expect(coachText).toContain('"survey":"wai"');
      expect(coachText).not.toMatch(/total|category|wai_1_formaga|"good"/);
    });

    it('a link for an occasion the survey does not have is refused', async () => {
      const enrolled = await json(
        'POST',
        '/api/coach/participants',
        { project_id: world.projectId, ...REGISTER },
        { cookie: cookies.coach! },
      );
      const { participant } = (await enrolled.json()) as { participant: { id: string } };
      const res = await json(
        'POST',
        `/api/coach/participants/${participant.id}/links`,
        { survey: 'wai', occasion: 'pagaende' },
        { cookie: cookies.coach! },
      );
      expect(res.status).toBe(400);
    });
  });

  describe('cross-cutting', () => {
    it('sends security headers: CSP without inline script, HSTS, no referrer, no framing', async () => {
      const res = await app.request('/login');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('unknown routes are 404 in the standard shape', async () => {
      const res = await app.request('/api/nothing');
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });

    it('an unexpected failure is a generic 500 that echoes nothing internal', async () => {
      const broken = testApp({
        ...store,
        staffContext: () => Promise.reject(new Error('secret internal detail')),
      } as unknown as RpcStore).app;
      const res = await broken.request('/api/coach/participants?project=' + world.projectId, {
        headers: { cookie: cookies.researcher! },
      });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toContain('secret internal detail');
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'INTERNAL' } });
    });

    it('logs carry no tokens, codes, passwords or answers', async () => {
      const text = JSON.stringify(logs);
      expect(logs.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
      expect(text).not.toContain(TEST_PASSWORD);
      expect(text).not.toMatch(/stod_till_hjalp|samtycker/);
      const codes = await db.query<{ code: string }>('select code from public.participants');
      for (const { code } of codes) expect(text).not.toContain(code);
    });
  });
});
