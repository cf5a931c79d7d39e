/**
 * Threat: an outsider who controls the Host header (issue 16, finding 10). Links sent to
 * participants and staff were built from the request's own origin when PUBLIC_ORIGIN was unset,
 * so a request with `Host: evil.example` produced an invite link to evil.example — a way to
 * phish a one-time link. Now the server refuses to start on a non-loopback address without
 * PUBLIC_ORIGIN, the edge function requires it, and the app never builds a link from a Host
 * naming another machine: it refuses before anything is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

describe('configuration', () => {
  it('a server listening beyond loopback needs PUBLIC_ORIGIN', () => {
    expect(() => parseConfig({ HOST: '0.0.0.0' })).toThrow(/PUBLIC_ORIGIN: is required when HOST \(0\.0\.0\.0\)/);
    expect(parseConfig({ HOST: '0.0.0.0', PUBLIC_ORIGIN: 'https://enkat.example.se' }).HOST).toBe('0.0.0.0');
    // The quick start: loopback by default, links to http://localhost:PORT.
    expect(parseConfig({}).HOST).toBe('127.0.0.1');
  });
});

describe.each(engines.filter((e) => e !== 'supabase'))('links and the Host header on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  const invite = (app: ReturnType<typeof testApp>['app'], host: string, cookie: string, email: string) =>
    app.request(`http://${host}/admin/staff/invite`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: `http://${host}` },
      body: new URLSearchParams([
        ['email', email],
        ['project_id', world.projectId],
        ['roles', 'coach'],
      ]).toString(),
    });

  it('without PUBLIC_ORIGIN a forged Host gets no link, and nothing is stored', async () => {
    const { app } = testApp(store);
    const cookie = await loginCookie(app, world.emails.admin);
    const email = `host-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const res = await invite(app, 'evil.example', cookie, email);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('evil.example');
    expect((await db.query('select 1 from public.staff where email = $1', [email])).length).toBe(0);
  });

  it('with PUBLIC_ORIGIN the link names the configured origin whatever the Host says', async () => {
    const { app } = testApp(store, { publicOrigin: 'https://enkat.example.se' });
    const cookie = await loginCookie(app, world.emails.admin, 'https://enkat.example.se');
    const email = `host-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const res = await app.request('http://evil.example/admin/staff/invite', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://enkat.example.se' },
      body: new URLSearchParams([
        ['email', email],
        ['project_id', world.projectId],
        ['roles', 'coach'],
      ]).toString(),
    });
    const body = await res.text();
    expect(res.status).toBe(201);
    expect(body).toContain('https://enkat.example.se/invite/');
    expect(body).not.toContain('evil.example');
  });
});
