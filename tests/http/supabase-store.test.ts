import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { SupabaseStore } from '../../src/store/supabase-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openSupabaseTestDatabase, standinSecrets } from '../support/db.ts';
import { createWorld, pagaendeAnswers, REGISTER, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

/**
 * The app over SupabaseStore (through the PostgREST stand-in): a participant's and staff's whole
 * path works, and no token minted for PostgREST (service_role above all), nor the JWT secret or
 * the anon key, ever appears in a response or a log line.
 */
describe('HTTP over SupabaseStore: per-call tokens stay between the server and PostgREST', () => {
  let db: SqlExecutor;
  let app: App;
  let logs: Record<string, unknown>[];
  let world: World;
  const minted: string[] = [];
  const responses: string[] = [];

  beforeAll(async () => {
    const opened = await openSupabaseTestDatabase();
    db = opened.db;
    const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const auth = new Headers(init?.headers).get('authorization');
      if (auth) minted.push(auth.slice('Bearer '.length));
      return fetch(input, init);
    }) as typeof fetch;
    const store = new SupabaseStore({ url: opened.standin.url, ...standinSecrets, fetch: recording });
    world = await createWorld(store);
    ({ app, logs } = testApp(store));
  });
  afterAll(() => db.close());

  async function request(path: string, init: RequestInit = {}) {
    const res = await app.request(path, init);
    const text = await res.clone().text();
    responses.push(`${JSON.stringify([...res.headers])}\n${text}`);
    return res;
  }
  const json = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('a coach enrols, a participant consents and submits, a researcher reads aggregates', async () => {
    const login = (email: string) => loginCookie({ request: (path, init) => request(path, init) }, email);
    const coach = await login(world.emails.coach);
    const enrol = await json(
      'POST',
      '/api/coach/participants',
      { project_id: world.projectId, ...REGISTER },
      { cookie: coach },
    );
    expect(enrol.status).toBe(201);
    const { participant } = (await enrol.json()) as { participant: { id: string } };
    const link = await json(
      'POST',
      `/api/coach/participants/${participant.id}/links`,
      { survey: 'pagaende', occasion: 'pagaende' },
      { cookie: coach },
    );
    const token = ((await link.json()) as { url: string }).url.split('/d/')[1]!;
    const bearer = { authorization: `Bearer ${token}` };
    const session = (await (await request('/api/p/session', { headers: bearer })).json()) as {
      consent: { id: string };
      survey: { id: string };
    };
    expect(
      (
        await json(
          'POST',
          '/api/p/consent',
          { definition_id: session.consent.id, answers: { samtycker: true, svarar_med: 'self' } },
          bearer,
        )
      ).status,
    ).toBeLessThan(300);
    const again = (await (await request('/api/p/session', { headers: bearer })).json()) as { survey: { id: string } };
    const submit = await json(
      'POST',
      '/api/p/responses',
      { id: crypto.randomUUID(), definition_id: again.survey.id, answers: pagaendeAnswers(4) },
      bearer,
    );
    expect(submit.status).toBe(201);
    const researcher = await login(world.emails.researcher);
    const report = await request(`/api/research/aggregates?project=${world.projectId}&survey=pagaende`, {
      headers: { cookie: researcher },
    });
    expect(report.status).toBe(200);
    // A refusal and an unknown route go through the error path too.
    expect(
      (
        await request(`/api/research/aggregates?project=${crypto.randomUUID()}&survey=pagaende`, {
          headers: { cookie: researcher },
        })
      ).status,
    ).toBe(404);
    expect((await json('POST', '/login', {}, {})).status).toBeGreaterThanOrEqual(400);
  });

  it('minted service_role tokens for the system principal, and none of them left the server', () => {
    const roles = new Set(minted.map((t) => decodeJwt(t).role));
    expect(roles).toEqual(new Set(['service_role', 'authenticated']));
    expect(responses.length).toBeGreaterThan(8);
    const everything = `${responses.join('\n')}\n${JSON.stringify(logs)}`;
    for (const t of minted) {
      expect(everything.includes(t)).toBe(false);
      expect(everything.includes(t.split('.')[2]!)).toBe(false);
    }
    expect(everything).not.toContain(standinSecrets.jwtSecret);
    expect(everything).not.toContain(standinSecrets.anonKey);
  });
});
