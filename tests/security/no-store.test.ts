/**
 * Threat: a participant holding the coach's phone after a hand-over presses Back and sees the
 * coach's participant list (or research figures, or a saved draft) from the browser cache.
 * Attack: fetch every kind of page and API answer, allowed and refused, as each kind of caller and
 * check that nothing may be stored by a cache. Only static assets keep their own caching.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

describe.each(engines.filter((e) => e !== 'supabase'))('no caching of anything personal on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let tokens: ReturnType<typeof testApp>['tokens'];
  let coach = '';
  let researcher = '';
  let admin = '';
  let participantToken = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app, tokens } = testApp(store));
    coach = await loginCookie(app, world.emails.coach);
    researcher = await loginCookie(app, world.emails.researcher);
    admin = await loginCookie(app, world.emails.admin);
    const participant = await enrolWithConsent(store, world);
    participantToken = (await tokens.signParticipantLink({ ...participant, survey: 'pagaende', occasion: 'pagaende' }))
      .token;
  });
  afterAll(() => db.close());

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

  it('staff pages and the coach and research APIs, as the staff member who may see them', async () => {
    const p = world.projectId;
    const seen = [
      await get('/coach', { cookie: coach }),
      await get(`/api/coach/participants?project=${p}`, { cookie: coach }),
      await get(`/research?project=${p}`, { cookie: researcher }),
      await get(`/api/research/aggregates?project=${p}&survey=pagaende`, { cookie: researcher }),
      await get(`/api/research/outcomes?project=${p}`, { cookie: researcher }),
      await get('/admin', { cookie: admin }),
      await get('/admin/staff', { cookie: admin }),
      await get('/api/admin/definitions', { cookie: admin }),
    ];
    for (const res of seen) {
      expect(res.status, res.url).toBe(200);
      expect(res.headers.get('cache-control'), res.url).toBe('no-store');
    }
  });

  it('the participant session (with any saved draft) and the participant page', async () => {
    const session = await get('/api/p/session', { authorization: `Bearer ${participantToken}` });
    expect(session.status).toBe(200);
    expect(session.headers.get('cache-control')).toBe('no-store');
    const page = await get(`/d/${participantToken}`);
    expect(page.headers.get('cache-control')).toBe('no-store');
  });

  it('refusals, redirects and errors too', async () => {
    const answers = [
      await get('/coach'), // 303 to login
      await get(`/api/coach/participants?project=${world.projectId}`), // 401
      await get('/admin', { cookie: coach }), // 404
      await get('/no-such-page'),
      await get('/api/p/session', { authorization: 'Bearer not-a-token-not-a-token' }),
    ];
    for (const res of answers) {
      expect(res.status, res.url).toBeGreaterThanOrEqual(300);
      expect(res.headers.get('cache-control'), res.url).toBe('no-store');
    }
  });
});
