import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { TEST_SECRET, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import {
  createWorld,
  enrol,
  enrolWithConsent,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe('HTTP: participant drafts, resume and the link page', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let pagaendeId: string;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
  });
  afterAll(() => db.close());

  const linkFor = async (who: ParticipantPrincipal) => (await tokens.signParticipantLink(who)).token;
  // One browser throughout: drafts are returned only to the device that saved them.
  const device = `enkat_device=${'ab'.repeat(16)}`;
  const auth = (token: string, extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    cookie: device,
    ...extra,
  });
  const putDraft = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/p/draft', {
      method: 'PUT',
      headers: auth(token, { 'content-type': 'application/json', ...headers }),
      body: JSON.stringify(body),
    });
  const session = async (token: string) =>
    (await (await app.request('/api/p/session', { headers: auth(token) })).json()) as Record<string, any>;
  const draftRows = async (participantId: string) =>
    db.query('select 1 from public.drafts where participant_id = $1', [participantId]);

  it('saves a draft and the session offers it back, with its page', async () => {
    const who = await enrolWithConsent(store, world);
    const token = await linkFor(who);
    expect((await session(token)).draft).toBeNull();
    const res = await putDraft(token, {
      definition_id: pagaendeId,
      answers: { stod_till_hjalp: 4, paverka_plan: 'none' },
      page: 2,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ draft: { updated_at: expect.any(String) } });
    const s = await session(token);
    expect(s).toMatchObject({
      survey: { id: pagaendeId },
      draft: { answers: { stod_till_hjalp: 4, paverka_plan: 'none' }, page: 2, updated_at: expect.any(String) },
    });
    expect(Object.keys(s.draft).sort()).toEqual(['answers', 'page', 'updated_at']);
  });

  it('validates leniently: unanswered required questions pass, unknown keys and wrong types do not', async () => {
    const who = await enrolWithConsent(store, world);
    const token = await linkFor(who);
    expect((await putDraft(token, { definition_id: pagaendeId, answers: {}, page: 0 })).status).toBe(200);
    for (const answers of [{ okand_fraga: 1 }, { stod_till_hjalp: 9 }, { stod_till_hjalp: '4' }]) {
      const res = await putDraft(token, { definition_id: pagaendeId, answers, page: 0 });
      expect(res.status, JSON.stringify(answers)).toBe(422);
      expect(await res.json()).toMatchObject({
        error: {
          code: 'ANSWERS_INVALID',
          issues: [
            expect.objectContaining({ message: expect.stringMatching(/svarsalternativen|finns inte i enkäten/) }),
          ],
        },
      });
    }
    expect((await session(token)).draft).toMatchObject({ answers: {} });
  });

  it('refuses malformed bodies, another survey’s definition and drafts before consent', async () => {
    const who = await enrolWithConsent(store, world);
    const token = await linkFor(who);
    const consentId = (await store.publishedDefinition(who, 'samtycke-forskning'))!.id;
    const cases: [unknown, number, string][] = [
      [{ definition_id: pagaendeId, answers: {}, page: -1 }, 400, 'VALIDATION_FAILED'],
      [{ definition_id: pagaendeId, answers: {}, page: 1.5 }, 400, 'VALIDATION_FAILED'],
      [{ definition_id: pagaendeId, answers: [], page: 0 }, 400, 'VALIDATION_FAILED'],
      [{ definition_id: pagaendeId, answers: {}, page: 0, extra: 1 }, 400, 'VALIDATION_FAILED'],
      [{ definition_id: consentId, answers: {}, page: 0 }, 404, 'DEFINITION_NOT_FOUND'],
    ];
    for (const [body, status, code] of cases) {
      const res = await putDraft(token, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    const noConsent = await linkFor(await enrol(store, world));
    const res = await putDraft(noConsent, { definition_id: pagaendeId, answers: {}, page: 0 });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('CONSENT_REQUIRED');
  });

  it('the submission removes the draft; a late autosave is 409 and brings nothing back', async () => {
    const who = await enrolWithConsent(store, world);
    const token = await linkFor(who);
    expect(
      (await putDraft(token, { definition_id: pagaendeId, answers: { stod_till_hjalp: 3 }, page: 1 })).status,
    ).toBe(200);
    const submitted = await app.request('/api/p/responses', {
      method: 'POST',
      headers: auth(token, { 'content-type': 'application/json' }),
      body: JSON.stringify({ id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(3) }),
    });
    expect(submitted.status).toBe(201);
    expect(await draftRows(who.participantId)).toHaveLength(0);
    const late = await putDraft(token, { definition_id: pagaendeId, answers: { stod_till_hjalp: 3 }, page: 1 });
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe('ALREADY_SUBMITTED');
    expect(await session(token)).toMatchObject({ submitted: true, survey: null, draft: null });
  });

  it('withdrawal removes the draft', async () => {
    const who = await enrolWithConsent(store, world);
    const token = await linkFor(who);
    await putDraft(token, { definition_id: pagaendeId, answers: { stod_till_hjalp: 3 }, page: 1 });
    expect((await app.request('/api/p/withdraw', { method: 'POST', headers: auth(token) })).status).toBe(200);
    expect(await draftRows(who.participantId)).toHaveLength(0);
    expect(await session(token)).toMatchObject({ consent_status: 'withdrawn', survey: null, draft: null });
  });

  it('needs the link token, refuses cross-site requests and limits the rate', async () => {
    const who = await enrolWithConsent(store, world);
    const token = await linkFor(who);
    const body = { definition_id: pagaendeId, answers: {}, page: 0 };
    expect(
      (
        await app.request('/api/p/draft', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).status,
    ).toBe(401);
    expect((await putDraft(token, body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    let status = 200;
    for (let i = 0; i < 125 && status === 200; i++) status = (await putDraft(token, body)).status;
    expect(status).toBe(429);
  });

  it('an invalid link opens the participant page with the message, in Swedish or English', async () => {
    const sv = await app.request('/d/not-a-valid-token-at-all', { headers: { accept: 'text/html' } });
    expect(sv.status).toBe(401);
    expect(sv.headers.get('cache-control')).toBe('no-store');
    const html = await sv.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Länken fungerar inte');
    // Not a token we signed (cut off or altered): "not whole", not "no longer works".
    expect(html).toContain('Länken är inte hel.');
    expect(html).toMatch(/survey-runner[^"]*\.js/);
    const en = await app.request('/d/not-a-valid-token-at-all?lang=en');
    expect(await en.text()).toContain(
      'The link is not complete. Copy the whole link, or ask your coach for a new one.',
    );
  });
});
