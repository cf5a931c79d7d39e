/**
 * Threat: a coach reads what a participant typed but has not sent (issue 16, finding 4). Attack:
 * the participant answers half the questionnaire on their own phone; the coach mints a link for
 * them (the coach API) and calls GET /api/p/session with it, with no device cookie, with a device
 * cookie of their own, and with a guessed one. The coach gets the questionnaire and no draft; the
 * participant's own phone still resumes where it was, through the new link too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, randomDeviceHash, type World } from '../support/fixtures.ts';

const ORIGIN = 'http://localhost';
/** What the participant typed: none of it may reach the coach. */
const TYPED = { stod_till_hjalp: 4, paverka_plan: 2, tid_som_behovs: 5 };

describe.each(engines.filter((e) => e !== 'supabase'))('a coach cannot read a draft on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let coach: string;
  let pagaendeId: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    coach = await loginCookie(app, world.emails.coach);
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
  });
  afterAll(() => db.close());

  const mint = async (participantId: string) => {
    const res = await app.request(`/api/coach/participants/${participantId}/links`, {
      method: 'POST',
      headers: { cookie: coach, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ survey: 'pagaende', occasion: 'pagaende' }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { url: string }).url.split('/d/')[1]!;
  };
  const session = (token: string, cookie?: string) =>
    app.request('/api/p/session', {
      headers: { authorization: `Bearer ${token}`, ...(cookie ? { cookie } : {}) },
    });

  it('the coach’s own call gets no draft; the participant’s phone resumes, even through a new link', async () => {
    const who = await enrolWithConsent(store, world);
    const phoneLink = await mint(who.participantId);
    // The participant's phone: its first call is given a device cookie, which it keeps.
    const first = await session(phoneLink);
    expect(first.status).toBe(200);
    const deviceCookie = first.headers.getSetCookie().find((c) => c.startsWith('enkat_device='))!;
    expect(deviceCookie).toMatch(/HttpOnly/);
    expect(deviceCookie).toMatch(/SameSite=Strict/);
    const phone = deviceCookie.split(';')[0]!;
    const saved = await app.request('/api/p/draft', {
      method: 'PUT',
      headers: { authorization: `Bearer ${phoneLink}`, cookie: phone, 'content-type': 'application/json' },
      body: JSON.stringify({ definition_id: pagaendeId, answers: TYPED, page: 1 }),
    });
    expect(saved.status).toBe(200);
    // Only a hash of the device id is stored.
    const rows = await db.query<{ device_hash: string }>(
      'select device_hash from public.drafts where participant_id = $1',
      [who.participantId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.device_hash).not.toContain(phone.split('=')[1]!);

    // The attack: a fresh link, read without the phone's cookie.
    const coachLink = await mint(who.participantId);
    for (const cookie of [undefined, `enkat_device=${'0'.repeat(32)}`, 'enkat_device=not-a-device-id']) {
      const res = await session(coachLink, cookie);
      expect(res.status).toBe(200);
      const text = await res.text();
      const body = JSON.parse(text) as { draft: unknown; survey: { id: string } | null };
      expect(body.survey?.id).toBe(pagaendeId); // the link lets the holder answer...
      expect(body.draft).toBeNull(); // ...never read back
      expect(text).not.toContain('"answers"');
      expect(text).not.toContain('stod_till_hjalp":4');
      // A request without a (valid) device id is given a new one, never the phone's.
      const given = res.headers.getSetCookie().find((c) => c.startsWith('enkat_device='));
      expect(given?.split(';')[0]).not.toBe(phone);
    }
    // The coach's own autosave lands beside the phone's draft and does not replace it.
    const coachSave = await app.request('/api/p/draft', {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${coachLink}`,
        cookie: `enkat_device=${'0'.repeat(32)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ definition_id: pagaendeId, answers: { stod_till_hjalp: 1 }, page: 0 }),
    });
    expect(coachSave.status).toBe(200);

    // The participant's phone, with the new link, still resumes from its own copy.
    const resumed = (await (await session(coachLink, phone)).json()) as { draft: { answers: unknown; page: number } };
    expect(resumed.draft).toMatchObject({ answers: TYPED, page: 1 });
    // The earlier link was revoked by the new mint.
    expect((await session(phoneLink, phone)).status).toBe(401);
  });

  it('in SQL: a session for another device hash carries no draft, for any principal of the participant', async () => {
    const who = await enrolWithConsent(store, world);
    await store.saveDraft(who, { definition_id: pagaendeId, answers: TYPED, page: 0 });
    expect((await store.participantSession(who))!.draft).toMatchObject({ answers: TYPED });
    expect((await store.participantSession({ ...who, deviceHash: randomDeviceHash() }))!.draft).toBeNull();
    const { deviceHash: _omitted, ...noDevice } = who;
    expect((await store.participantSession(noDevice))!.draft).toBeNull();
  });
});
