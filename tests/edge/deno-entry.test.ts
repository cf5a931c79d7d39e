/**
 * The Supabase Edge Function entry under real Deno (the npm package `deno` ships the binary):
 * builds the function bundle, starts supabase/functions/api/index.ts against the PostgreSQL test
 * database and drives the participant happy path over HTTP. Needs DATABASE_URL; without it the
 * suite is skipped on a developer machine and fails in CI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFunction } from '../../src/edge/build-function.node.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { TEST_SECRET } from '../support/app.ts';
import { startPostgrestStandin, type PostgrestStandin } from '../support/postgrest-standin.ts';
import { createWorld, pagaendeAnswers, REGISTER, TEST_PASSWORD, type World } from '../support/fixtures.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const databaseUrl = process.env.DATABASE_URL;
const inCi = process.env.CI === 'true' || process.env.CI === '1';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const ANON_KEY = 'anon-key-for-the-postgrest-stand-in-0123456789';
const JWT_SECRET = 'project-jwt-secret-for-the-stand-in-0123456789';

// sql: postgres.js straight to PostgreSQL. supabase: supabase-js rpc() through the PostgREST
// stand-in (tests/support/postgrest-standin.ts) over the same database, as on a Supabase project.
describe.skipIf(!databaseUrl && !inCi).each(['sql', 'supabase'] as const)(
  'the Deno entry (supabase/functions/api/index.ts) under real Deno, store %s',
  (mode) => {
    let deno: ChildProcess | undefined;
    let standin: PostgrestStandin | undefined;
    let db: SqlExecutor;
    let store: SqlStore;
    let world: World;
    let base: string;
    let output = '';
    let coachCookie: string;

    beforeAll(async () => {
      if (!databaseUrl) throw new Error('CI must set DATABASE_URL: the Deno entry runs against PostgreSQL');
      if (!existsSync(`${root}dist/assets/manifest.json`)) {
        const built = spawnSync('npx', ['tsx', 'src/client/build.node.ts'], { cwd: root, encoding: 'utf8' });
        if (built.status !== 0) throw new Error(`client build failed: ${built.stderr}`);
      }
      await buildFunction();
      db = openPostgres(databaseUrl, { max: 2 });
      store = new SqlStore(db);
      world = await createWorld(store);

      const storeEnv: Record<string, string> = { DATABASE_URL: databaseUrl };
      if (mode === 'supabase') {
        standin = await startPostgrestStandin(db, { jwtSecret: JWT_SECRET, anonKey: ANON_KEY });
        Object.assign(storeEnv, {
          STORE: 'supabase',
          SUPABASE_URL: standin.url,
          SUPABASE_ANON_KEY: ANON_KEY,
          JWT_SECRET,
        });
      }
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      const started = performance.now();
      // --no-remote/--no-npm/--cached-only: the bundle needs nothing from a registry, and must not try.
      deno = spawn(
        `${root}node_modules/.bin/deno`,
        [
          'run',
          '--no-remote',
          '--no-npm',
          '--no-config',
          '--cached-only',
          '--allow-net',
          '--allow-env',
          '--allow-read',
          'supabase/functions/api/index.ts',
        ],
        {
          cwd: root,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            DENO_DIR: process.env.DENO_DIR,
            PORT: String(port),
            SESSION_SECRET: TEST_SECRET,
            PUBLIC_ORIGIN: base,
            NO_COLOR: '1',
            ...storeEnv,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      deno.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      deno.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      for (;;) {
        if (deno.exitCode !== null) throw new Error(`deno exited with ${deno.exitCode}:\n${output}`);
        if (performance.now() - started > 30_000)
          throw new Error(`deno did not answer /healthz within 30 s:\n${output}`);
        const ok = await fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // Reported, not asserted: the shared machine's load decides it.
      console.log(
        `Deno cold start, store ${mode} (spawn to first /healthz 200): ${Math.round(performance.now() - started)} ms`,
      );

      const login = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
        body: new URLSearchParams({ email: world.emails.coach, password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(303);
      coachCookie = login.headers.get('set-cookie')!.split(';')[0]!;
    });

    afterAll(async () => {
      if (deno && deno.exitCode === null) {
        const exited = new Promise((r) => deno!.once('exit', r));
        deno.kill('SIGTERM');
        await exited;
      }
      await standin?.close();
      await db?.close();
    });

    const json = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
      fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    it('serves the participant flow: link, page, hashed bundle, session, consent, one stored response, an idempotent retry', async () => {
      const enrol = await json(
        'POST',
        '/api/coach/participants',
        { project_id: world.projectId, ...REGISTER },
        { cookie: coachCookie },
      );
      expect(enrol.status).toBe(201);
      const { participant } = (await enrol.json()) as { participant: { id: string } };
      const link = await json(
        'POST',
        `/api/coach/participants/${participant.id}/links`,
        { survey: 'pagaende', occasion: 'pagaende' },
        { cookie: coachCookie },
      );
      expect(link.status).toBe(201);
      const token = ((await link.json()) as { url: string }).url.split('/d/')[1]!;

      const page = await fetch(`${base}/d/${token}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toBeTruthy();
      const html = await page.text();
      const script = html.match(/\/assets\/survey-runner-[0-9A-Z]{8}\.js/)?.[0];
      expect(script, 'the page links the content-hashed runner bundle').toBeTruthy();

      const bundle = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(bundle.headers.get('content-encoding')).toBe('br');
      expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await bundle.text()).length).toBeGreaterThan(100_000);
      const plain = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect((await fetch(`${base}/assets/nope-00000000.js`)).status).toBe(404);

      const auth = { authorization: `Bearer ${token}` };
      const session = async () =>
        (await (await fetch(`${base}/api/p/session`, { headers: auth })).json()) as Record<string, any>;
      const before = await session();
      expect(before).toMatchObject({
        consent_status: 'missing',
        consent: { key: 'samtycke-forskning' },
        survey: { key: 'pagaende' },
      });
      const consent = await json(
        'POST',
        '/api/p/consent',
        { definition_id: before.consent.id, answers: { samtycker: true, svarar_med: 'self' } },
        auth,
      );
      expect(consent.status).toBe(201);
      const surveyId = (await session()).survey.id as string;

      const body = { id: crypto.randomUUID(), definition_id: surveyId, answers: pagaendeAnswers(4) };
      const first = await json('POST', '/api/p/responses', body, auth);
      expect(first.status).toBe(201);
      const retry = await json('POST', '/api/p/responses', body, auth);
      expect(retry.status).toBe(200);
      expect(((await retry.json()) as { response: unknown }).response).toMatchObject({ id: body.id, created: false });
      expect(await db.query('select id from public.responses where participant_id = $1', [participant.id])).toEqual([
        { id: body.id },
      ]);
      expect(await session()).toMatchObject({ submitted: true, survey: null });
      // Through supabase-js, every call went over the PostgREST stand-in.
      if (mode === 'supabase') expect(standin!.calls.get('submit_response')).toBeGreaterThanOrEqual(2);
    });

    it('logs one line per request without tokens', () => {
      expect(output).toContain('"path":"/d/[token]"');
      expect(output).not.toMatch(/eyJ[\w-]{10,}/);
    });
  },
);
