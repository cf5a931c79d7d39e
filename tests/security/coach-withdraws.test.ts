/**
 * Threat: a coach erases a participant's answers through a link they minted, and the audit log
 * blames the participant (issue 16, finding 4). Attacks: (1) the coach keeps a link, hands a new
 * one to the participant, and later uses the kept link to withdraw, submit, save or read; (2) the
 * coach withdraws through a link that is still current. (1) fails: minting revokes the earlier
 * link, and nothing changes. (2) cannot be told apart from the participant by the server, so the
 * audit trail names who minted the link used; every mint is audited with the staff member and
 * without the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

const ORIGIN = 'http://localhost';

describe.each(engines.filter((e) => e !== 'supabase'))('a coach-minted link and withdrawal on %s', (engine) => {
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

  const mint = async (participantId: string, survey = 'pagaende', occasion = 'pagaende') => {
    const res = await app.request(`/api/coach/participants/${participantId}/links`, {
      method: 'POST',
      headers: { cookie: coach, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ survey, occasion }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { url: string }).url.split('/d/')[1]!;
  };
  const call = (method: string, path: string, token: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const audit = (participantId: string, action: string) =>
    db.query<{ actor_kind: string; actor_id: string | null; details: Record<string, unknown> }>(
      'select actor_kind, actor_id, details from public.audit_log where target_id = $1 and action = $2 order by id',
      [participantId, action],
    );

  it('a link the coach kept stops working once a new one is minted: nothing is erased, sent or read', async () => {
    const who = await enrolWithConsent(store, world);
    await store.submitResponse(
      { ...who, survey: 'wai', occasion: 'start' },
      {
        id: crypto.randomUUID(),
        definition_id: (await store.publishedDefinition(world.coach, 'wai'))!.id,
        answers: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`wai_${i + 1}`, 3])),
      },
    );
    const kept = await mint(who.participantId);
    const handedOut = await mint(who.participantId);
    for (const [method, path, body] of [
      ['GET', '/api/p/session', undefined],
      ['POST', '/api/p/withdraw', undefined],
      ['PUT', '/api/p/draft', { definition_id: pagaendeId, answers: { stod_till_hjalp: 1 }, page: 0 }],
      ['POST', '/api/p/responses', { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(1) }],
    ] as const) {
      const res = await call(method, path, kept, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('LINK_INVALID');
    }
    // Nothing changed: still consented, the response kept, no draft, nothing new sent.
    const [row] = await db.query<{ status: string; responses: number; drafts: number }>(
      `select p.status, (select count(*)::int from public.responses r where r.participant_id = p.id) as responses,
              (select count(*)::int from public.drafts d where d.participant_id = p.id) as drafts
       from public.participants p where p.id = $1`,
      [who.participantId],
    );
    expect(row).toEqual({ status: 'active', responses: 1, drafts: 0 });
    expect(await audit(who.participantId, 'consent.withdraw')).toEqual([]);
    // The link handed out works; a link for another questionnaire is not revoked by it.
    expect((await call('GET', '/api/p/session', handedOut)).status).toBe(200);
  });

  it('every mint is audited with the staff member, never the token; a withdrawal names who minted the link', async () => {
    const who = await enrolWithConsent(store, world);
    const first = await mint(who.participantId);
    const second = await mint(who.participantId);
    const minted = await audit(who.participantId, 'link.minted');
    // The fixture's own mint, then the two above.
    expect(minted).toHaveLength(3);
    const coachId = world.coach.staffId;
    for (const m of minted) {
      expect(m).toMatchObject({ actor_kind: 'staff', actor_id: coachId });
      expect(m.details).toMatchObject({ minted_by: coachId, via: 'link', survey: 'pagaende', occasion: 'pagaende' });
    }
    expect(minted.map((m) => m.details.revoked_links)).toEqual([0, 1, 1]);
    const logged = JSON.stringify(
      await db.query('select details from public.audit_log where target_id = $1', [who.participantId]),
    );
    for (const token of [first, second]) {
      expect(logged).not.toContain(token);
      expect(logged).not.toContain(token.split('.')[2]!);
    }
    // The withdrawal through the current (coach-minted) link: the trail leads to the coach.
    const res = await call('POST', '/api/p/withdraw', second);
    expect(res.status).toBe(200);
    const [withdrawal] = await audit(who.participantId, 'consent.withdraw');
    expect(withdrawal).toMatchObject({
      actor_kind: 'participant',
      details: { link_id: minted[2]!.details.link_id, link_minted_by: coachId, link_via: 'link' },
    });
    // Admins see it in their audit view, with the minter.
    const seen = await store.auditLog(world.admin, { action: 'consent.withdraw', limit: 50 });
    expect(
      seen.rows.find((r) => (r.details as Record<string, unknown>).link_id === minted[2]!.details.link_id)?.details,
    ).toMatchObject({ link_minted_by: coachId });
  });

  it('a short code becomes a link minted in the name of the coach who made it, and revokes the earlier one', async () => {
    const who = await enrolWithConsent(store, world);
    const earlier = await mint(who.participantId);
    const page = await app.request(`/coach/participants/${who.participantId}/short-code`, {
      method: 'POST',
      headers: { cookie: coach, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ target: 'pagaende:pagaende' }),
    });
    expect(page.status).toBe(200);
    // Making the code revokes nothing: only its use mints a link.
    expect((await call('GET', '/api/p/session', earlier)).status).toBe(200);
    const typed = /data-testid="short-code">\s*([0-9A-Z-]+)/.exec(await page.text())?.[1];
    expect(typed).toBeDefined();
    const redeemed = await app.request('/k', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ code: typed! }),
    });
    expect(redeemed.status).toBe(303);
    // The code opens a short link; its page carries the token.
    const opened = await app.request(redeemed.headers.get('location')!);
    const token = /name="enkat-link" content="([^"]+)"/.exec(await opened.text())![1]!;
    expect((await call('GET', '/api/p/session', token)).status).toBe(200);
    expect((await call('GET', '/api/p/session', earlier)).status).toBe(401);
    const minted = await audit(who.participantId, 'link.minted');
    expect(minted.at(-1)).toMatchObject({
      actor_kind: 'system',
      details: { minted_by: world.coach.staffId, via: 'short_code', revoked_links: 1 },
    });
  });
});
