import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { TEST_SECRET, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { publishNextVersion } from '../support/definitions.ts';
import { createWorld, enrol, pagaendeAnswers, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

/** The participant API when the research consent text gets version 2 in a project requiring it. */
describe('HTTP: re-consent after a new consent text', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let v2: string | undefined;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    ({ app } = testApp(store));
    await db.query(`update public.projects set settings = settings || '{"requireReconsent": true}' where id = $1`, [
      world.projectId,
    ]);
  });
  afterAll(() => db.close());

  /** A participant who consented to version 1; then version 2 is published (same text, new version). */
  async function consentedBeforeV2() {
    const who = await enrol(store, world);
    const [{ id: v1 } = { id: '' }] = await db.query<{ id: string }>(
      `select d.id from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
       where pr.id = $1 and d.key = 'samtycke-forskning' and d.version = 1`,
      [world.projectId],
    );
    await store.giveConsent(who, {
      definition_id: v1,
      answers: { samtycker: true, svarar_med: 'self' },
      method: 'self',
    });
    // The organisation's admin publishes version 2 of its consent text.
    v2 ??= await publishNextVersion(store, world.admin, v1);
    const token = (await tokens.signParticipantLink(who)).token;
    return { who, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
  }
  const session = async (headers: Record<string, string>) =>
    (await (await app.request('/api/p/session', { headers })).json()) as Record<string, any>;

  it('the session asks for the new text; nothing is collected until it is given; then all goes on', async () => {
    const { headers } = await consentedBeforeV2();
    const before = await session(headers);
    expect(before.consent_status).toBe('renew');
    expect(before.consent.id).toBe(v2);
    const surveyId = before.survey.id as string;

    const draft = await app.request('/api/p/draft', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ definition_id: surveyId, answers: { mer_redo: 4 }, page: 1 }),
    });
    expect(draft.status).toBe(422);
    const body = (await draft.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: 'CONSENT_RENEWAL_REQUIRED',
      message: expect.stringMatching(/^Texten om samtycke har ändrats/),
    });
    const early = await app.request('/api/p/responses', {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: crypto.randomUUID(), definition_id: surveyId, answers: pagaendeAnswers(4) }),
    });
    expect(early.status).toBe(422);

    const consent = await app.request('/api/p/consent', {
      method: 'POST',
      headers,
      body: JSON.stringify({ definition_id: v2, answers: { samtycker: true, svarar_med: 'self' } }),
    });
    expect(consent.status).toBe(201);
    const after = await session(headers);
    expect(after).toMatchObject({ consent_status: 'given', consent: null });
    const sent = await app.request('/api/p/responses', {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: crypto.randomUUID(), definition_id: surveyId, answers: pagaendeAnswers(4) }),
    });
    expect(sent.status).toBe(201);
  });

  it('in English too', async () => {
    const { headers } = await consentedBeforeV2();
    const res = await app.request('/api/p/draft', {
      method: 'PUT',
      headers: { ...headers, 'accept-language': 'en' },
      body: JSON.stringify({ definition_id: (await session(headers)).survey.id, answers: {}, page: 0 }),
    });
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /^The consent text has changed/,
    );
  });
});
