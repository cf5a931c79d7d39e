/**
 * Threat: an outsider with no link guesses short ids (/l/<id>) hoping to open someone's survey, or
 * to learn which ids exist; and the holder of a replaced short link tries to use it anyway.
 * Attack: guess ids (well-formed and not) from many addresses and from one; open a replaced link.
 * Every failed guess gets the same page, with no token and nothing of any participant; the
 * budgets stop the guessing; the replaced link opens nothing; no row but rate_limits changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateShortId } from '../../src/domain/short-link-id.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, NO_RATE_LIMITS, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const ORIGIN = 'http://localhost';

describe.each(engines)('guessing short links and opening a replaced one on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let coachApp: App;
  let coach = '';
  let address = 0;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    coachApp = testApp(store, { rateLimits: NO_RATE_LIMITS }).app;
    coach = await loginCookie(coachApp, world.emails.coach);
  });
  afterAll(() => db.close());

  /** A participant with a live short link; returns its path and the participant's code. */
  async function participantWithLink() {
    const post = (path: string, body: Record<string, string>) =>
      coachApp.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: coach },
        body: new URLSearchParams(body),
      });
    const enrolled = await post('/coach/participants', { project_id: world.projectId, ...REGISTER });
    const id = /participants\/([0-9a-f-]{36})\/start/.exec(enrolled.headers.get('location')!)![1]!;
    const handOut = async () => {
      const page = await (
        await coachApp.request(`/coach/participants/${id}/start`, { headers: { cookie: coach } })
      ).text();
      return new URL(/href="([^"]+)" data-testid="participant-link"/.exec(page)![1]!).pathname;
    };
    const [{ code } = { code: '' }] = await db.query<{ code: string }>(
      'select code from public.participants where id = $1',
      [id],
    );
    return { id, code, handOut };
  }

  /** Everything a guess could change, apart from the rate-limit counters. */
  const state = async () =>
    JSON.stringify(
      await db.query(
        `select (select count(*) from public.audit_log)::int as audit,
                (select count(*) from public.drafts)::int as drafts,
                (select count(*) from public.consents)::int as consents,
                (select md5(coalesce(string_agg(l.id::text || coalesce(l.revoked_at::text, '-') || l.expires_at::text, ',' order by l.id), ''))
                   from public.participant_links l) as links`,
      ),
    );
  const from = (app: App, path: string, ip: string) => app.request(path, { headers: { 'x-forwarded-for': ip } });

  it('guesses from many addresses: one page for every miss, nothing of anyone, then refused', async () => {
    const real = await participantWithLink();
    const live = await real.handOut();
    const app = testApp(store, {
      trustedProxyHops: 1,
      rateLimits: { ...NO_RATE_LIMITS, shortLinkAll: { max: 6, windowSeconds: 600 } },
    }).app;
    const before = await state();
    const misses: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await from(app, `/l/${generateShortId()}`, `198.51.100.${++address % 250}`);
      statuses.push(res.status);
      if (res.status === 404) misses.push(await res.text());
    }
    expect(statuses).toEqual([...Array(6).fill(404), 429, 429]);
    // Every miss is the same page: it cannot tell one id from another.
    expect(new Set(misses).size).toBe(1);
    expect(misses[0]).toContain('Vi hittar inte länken.');
    for (const leak of ['enkat-link', 'eyJ', real.code, real.id, world.projectId])
      expect(misses[0]).not.toContain(leak);
    // Cut-off guesses cost the database nothing and are refused from the address budget only.
    const cut = await from(app, `/l/${generateShortId().slice(0, 12)}`, '198.51.100.251');
    expect(cut.status).toBe(401);
    // Spent: even the real link waits (the guesser cannot use a live id to probe the budget).
    expect((await from(app, live, '198.51.100.252')).status).toBe(429);
    expect(await state()).toBe(before);
  });

  it('guesses from one address are stopped by its own budget; links that open give attempts back', async () => {
    const real = await participantWithLink();
    const live = await real.handOut();
    const app = testApp(store, {
      trustedProxyHops: 1,
      rateLimits: { ...NO_RATE_LIMITS, shortLinkAddress: { max: 4, windowSeconds: 600 } },
    }).app;
    const ip = '203.0.113.7';
    for (let i = 0; i < 10; i++) expect((await from(app, live, ip)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await from(app, `/l/${generateShortId()}`, ip)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    const refused = await from(app, `/l/${generateShortId()}`, ip);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(590);
  });

  it('a replaced short link opens nothing, changes nothing, and the newer link still works', async () => {
    const real = await participantWithLink();
    const old = await real.handOut();
    const oldToken = /name="enkat-link" content="([^"]+)"/.exec(await (await coachApp.request(old)).text())![1]!;
    const current = await real.handOut();
    const before = await state();
    for (let i = 0; i < 3; i++) {
      const res = await coachApp.request(old);
      expect(res.status).toBe(401);
      const body = await res.text();
      expect(body).toContain('Länken fungerar inte längre.');
      for (const leak of ['enkat-link', 'eyJ', real.code, real.id]) expect(body).not.toContain(leak);
    }
    // The token the old short link once gave is refused too, by the database.
    const api = await coachApp.request('/api/p/session', { headers: { authorization: `Bearer ${oldToken}` } });
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('LINK_INVALID');
    const saved = await coachApp.request('/api/p/draft', {
      method: 'PUT',
      headers: { authorization: `Bearer ${oldToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ definition_id: crypto.randomUUID(), answers: {}, page: 0 }),
    });
    expect(saved.status).toBe(401);
    expect(await state()).toBe(before);
    expect((await coachApp.request(current)).status).toBe(200);
  });
});
