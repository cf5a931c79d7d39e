// Submission throughput: the real POST /api/p/responses against a bare "one INSERT" ceiling on the
// same database, per engine, so the ratio b/a shows what the app itself costs.
//   DATABASE_URL=postgres://… BENCH_SECONDS=10 npm run bench:submit
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { fork } from 'node:child_process';
import type { Server } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import { createApp } from '../src/app.ts';
import { createTokenService } from '../src/auth/tokens.ts';
import { ALPHABET } from '../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../src/store/executor.ts';
import { openPglite } from '../src/store/pglite-executor.ts';
import { openPostgres } from '../src/store/postgres-executor.ts';
import type { Store } from '../src/store/store.ts';
import { prepareDatabase } from '../tests/support/db.ts';
import { PAGAENDE_ITEMS } from '../tests/support/fixtures.ts';
import type { LoadJob, Measurement } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 50;
const GOAL = 0.65;
const tokens = createTokenService({
  secret: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  staffTtlMinutes: 60,
  linkTtlDays: 14,
});

/** A measured run plus the server process's CPU time per request (µs), the cost the ratio hides. */
interface Run extends Measurement {
  cpuUs: number;
}
interface Row extends Run {
  engine: string;
  endpoint: string;
}
interface Served {
  url: string;
  stats: { inflight: number; handled: number; created: number };
  close(): Promise<void>;
}
type Fetch = (request: Request) => Response | Promise<Response>;
interface Definitions {
  pagaende: string;
  consent: string;
}

/** Serves on a random free port, counting in-flight requests and 201s on the server side. */
function listen(fetch: Fetch): Promise<Served> {
  const stats = { inflight: 0, handled: 0, created: 0 };
  const counted: Fetch = async (request) => {
    stats.inflight++;
    try {
      const response = await fetch(request);
      if (response.status === 201) stats.created++;
      return response;
    } finally {
      stats.inflight--;
      stats.handled++;
    }
  };
  return new Promise((resolve) => {
    const server = serve({ fetch: counted, hostname: '127.0.0.1', port: 0 }, (info) => {
      const close = () =>
        new Promise<void>((done) => {
          (server as Server).closeAllConnections();
          server.close(() => done());
        });
      resolve({ url: `http://127.0.0.1:${info.port}`, stats, close });
    });
  });
}

/** Runs autocannon in a child process (see load.ts) and waits for the server to drain. */
async function load(served: Served, path: string, links: string[], definitionId: string): Promise<Run> {
  const job: LoadJob = {
    url: served.url + path,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    tokens: links,
    definitionId,
    items: PAGAENDE_ITEMS,
  };
  const child = fork(new URL('./load.ts', import.meta.url), { execArgv: ['--import', 'tsx'] });
  const cpu = process.cpuUsage();
  const reply = await new Promise<{ measurement?: Measurement; error?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { measurement?: Measurement; error?: string }));
    child.once('exit', (code) => reject(new Error(`load generator exited with code ${code}`)));
    child.send(job);
  });
  if (!reply.measurement) throw new Error(`load generator failed: ${reply.error}`);
  // autocannon stops while requests are still being served; let them finish before counting rows.
  while (served.stats.inflight > 0) await new Promise((r) => setTimeout(r, 20));
  const used = process.cpuUsage(cpu);
  return { ...reply.measurement, cpuUs: (used.user + used.system) / Math.max(1, served.stats.handled) };
}

/** (a) A bare Hono endpoint doing one INSERT of the JSON body through the same executor. */
async function measureCeiling(db: SqlExecutor, definitionId: string): Promise<Run> {
  await db.exec(
    'create table if not exists public.bench_ceiling (id uuid primary key, body jsonb not null); truncate public.bench_ceiling',
  );
  const app = new Hono();
  app.post('/ceiling', async (c) => {
    const body = await c.req.json<{ id: string }>();
    // ::text::jsonb as in SqlStore: postgres.js would JSON-encode a string bound straight to jsonb again.
    await db.query('insert into public.bench_ceiling (id, body) values ($1::uuid, $2::text::jsonb)', [
      body.id,
      JSON.stringify(body),
    ]);
    return c.json({ ok: true }, 201);
  });
  // The same requests as the real run (a valid-looking token header included): only the server's work differs.
  const { token } = await tokens.signParticipantLink({
    participantId: crypto.randomUUID(),
    projectId: crypto.randomUUID(),
    survey: 'pagaende',
    occasion: 'pagaende',
    linkId: crypto.randomUUID(),
  });
  const served = await listen(app.fetch);
  try {
    return await load(served, '/ceiling', [token], definitionId);
  } finally {
    await served.close();
    await db.exec('drop table public.bench_ceiling');
  }
}

/** Bulk-creates consenting participants with plain SQL (as the superuser): seconds, not minutes. */
async function createParticipants(
  db: SqlExecutor,
  projectId: string,
  consentId: string,
  count: number,
): Promise<string[]> {
  // Random codes in the stored format; a rare clash with an existing code is skipped, not fatal.
  await db.query(
    `insert into public.participants (project_id, code)
     select $1::uuid, string_agg(substr($3, 1 + floor(random() * 32)::int, 1), '')
     from generate_series(1, $2::int) g cross join generate_series(1, 8) k group by g
     on conflict (code) do nothing`,
    [projectId, count, ALPHABET],
  );
  await db.query(
    `insert into public.consents (participant_id, definition_id, method, answers)
     select id, $2::uuid, 'self', '{"samtycker":true}'::jsonb from public.participants where project_id = $1::uuid`,
    [projectId, consentId],
  );
  // Fresh statistics, so the planner and autovacuum do not react to the bulk load mid-run.
  await db.exec('analyze public.participants; analyze public.consents');
  return (
    await db.query<{ id: string }>('select id from public.participants where project_id = $1::uuid', [projectId])
  ).map((r) => r.id);
}

async function signLinks(db: SqlExecutor, projectId: string, participantIds: string[]): Promise<string[]> {
  // Each link's row first (as the app mints them), in bulk as the superuser.
  const rows = await db.query<{ id: string; participant_id: string }>(
    `insert into public.participant_links (participant_id, survey_key, occasion, via, expires_at)
     select unnest($1::uuid[]), 'pagaende', 'pagaende', 'link', now() + interval '1 day' returning id, participant_id`,
    [participantIds],
  );
  const linkOf = new Map(rows.map((r) => [r.participant_id, r.id]));
  const out: string[] = [];
  for (let i = 0; i < participantIds.length; i += 1000) {
    const batch = participantIds.slice(i, i + 1000).map((participantId) =>
      tokens.signParticipantLink({
        participantId,
        projectId,
        survey: 'pagaende',
        occasion: 'pagaende',
        linkId: linkOf.get(participantId)!,
      }),
    );
    for (const { token } of await Promise.all(batch)) out.push(token);
  }
  return out;
}

/** (b) The real app, one fresh consenting participant per request. */
async function measureReal(db: SqlExecutor, store: Store, ids: Definitions, ceilingRps: number): Promise<Run> {
  const { project_id: projectId } = await store.createProject({
    organisation_name: 'Bench',
    name: `Bench ${new Date().toISOString()}`,
  });
  // The real endpoint cannot outrun the ceiling; 30 % headroom covers noise and the warm-up.
  const wanted = Math.ceil(ceilingRps * (SECONDS + WARMUP_SECONDS) * 1.3) + 2000;
  const started = performance.now();
  const participants = await createParticipants(db, projectId, ids.consent, wanted);
  const links = await signLinks(db, projectId, participants);
  console.log(
    `  ${participants.length} consenting participants and their links ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // A 1 s window never limits and keeps the limiter's map (one key per participant) well under the
  // 50,000 entries above which createRateLimiter scans the whole map on every hit.
  const app = createApp({
    store,
    tokens,
    passwordIterations: 1000,
    log: () => {},
    submitLimit: { max: 1_000_000, windowMs: 1_000 },
  });
  const served = await listen(app.fetch);
  try {
    const run = await load(served, '/api/p/responses', links, ids.pagaende);
    await verify(db, projectId, run, served.stats.created, participants.length);
    return run;
  } finally {
    await served.close();
    if (db.engine === 'postgres') await removeProjectData(db, projectId);
  }
}

/** Keeps enkat_dev from growing by ~500k rows a run. Children first: consents has no plain index
 * on participant_id, so a cascading delete would scan it once per participant (minutes). */
async function removeProjectData(db: SqlExecutor, projectId: string) {
  await db.query('delete from public.responses where project_id = $1::uuid', [projectId]);
  await db.query(
    'delete from public.consents c using public.participants p where p.id = c.participant_id and p.project_id = $1::uuid',
    [projectId],
  );
  await db.exec('vacuum public.consents');
  await db.query('delete from public.participants where project_id = $1::uuid', [projectId]);
}

/** Every response must be a 201 and every 201 the server sent must be one row. */
async function verify(db: SqlExecutor, projectId: string, run: Run, serverCreated: number, participants: number) {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from public.responses where project_id = $1::uuid',
    [projectId],
  );
  const rows = row!.n;
  const sent = Object.values(run.statuses).reduce((a, b) => a + b, 0);
  const client2xx = Object.entries(run.statuses).reduce((sum, [code, n]) => sum + (code.startsWith('2') ? n : 0), 0);
  console.log(
    `  verify: ${rows} response rows = ${serverCreated} x 201 sent by the server; client got ${client2xx} x 2xx of ${sent} (warm-up included; the rest were in flight at the stop); statuses ${JSON.stringify(run.statuses)}`,
  );
  const problems: string[] = [];
  if (rows !== serverCreated) problems.push(`rows (${rows}) != server 201s (${serverCreated})`);
  if (client2xx > rows) problems.push(`client 2xx (${client2xx}) > rows (${rows})`);
  if (sent > client2xx || run.errors > 0)
    problems.push(`${sent - client2xx} non-2xx and ${run.errors} errors/timeouts`);
  if (sent > participants) problems.push(`ran out of participants (${sent} requests, ${participants} participants)`);
  if (problems.length) throw new Error(`real endpoint check failed: ${problems.join('; ')}`);
}

async function definitions(db: SqlExecutor): Promise<Definitions> {
  const latest = async (key: string) =>
    (
      await db.query<{ id: string }>(
        `select id from public.survey_definitions where key = $1 and status = 'published' order by version desc limit 1`,
        [key],
      )
    )[0]!.id;
  return { pagaende: await latest('pagaende'), consent: await latest('samtycke-forskning') };
}

async function prepare(db: SqlExecutor): Promise<Store> {
  try {
    return await prepareDatabase(db);
  } catch (error) {
    if ((error as { code?: string }).code !== 'DEFINITION_IMMUTABLE') throw error;
    throw new Error(
      'The database holds a shipped survey whose file (surveys/*.json) has since changed without a new meta.version. Bump the version, or recreate the database.',
      { cause: error },
    );
  }
}

async function benchEngine(engine: string, db: SqlExecutor): Promise<Row[]> {
  try {
    const store = await prepare(db);
    const ids = await definitions(db);
    console.log(`${engine}: (a) ceiling, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
    const ceiling = await measureCeiling(db, ids.pagaende);
    console.log(`${engine}: (b) POST /api/p/responses, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s…`);
    const real = await measureReal(db, store, ids, ceiling.rps);
    return [
      { engine, endpoint: '(a) ceiling: 1 INSERT', ...ceiling },
      { engine, endpoint: '(b) POST /api/p/responses', ...real },
    ];
  } finally {
    await db.close();
  }
}

function printTable(rows: Row[]) {
  const head = ['engine', 'endpoint', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'node cpu µs/req', 'b/a'];
  const cells = rows.map((r, i) => {
    const ratio = i % 2 === 1 ? (r.rps / rows[i - 1]!.rps).toFixed(2) : '';
    return [
      r.engine,
      r.endpoint,
      r.rps.toFixed(0),
      String(r.p50),
      String(r.p99),
      String(r.errors),
      String(r.non2xx),
      r.cpuUs.toFixed(0),
      ratio,
    ];
  });
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((v, c) => (c < 2 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
  console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of cells) console.log(line(row));
}

/** Share of all CPUs busy over one second: the server, the database and the load generator share
 * these CPUs, so anything else running lowers and scatters the numbers. */
async function busyShare(): Promise<number> {
  const sample = () =>
    cpus().reduce(
      (a, c) => ({ idle: a.idle + c.times.idle, total: a.total + Object.values(c.times).reduce((x, y) => x + y, 0) }),
      { idle: 0, total: 0 },
    );
  const before = sample();
  await new Promise((r) => setTimeout(r, 1000));
  const after = sample();
  return 1 - (after.idle - before.idle) / Math.max(1, after.total - before.total);
}

async function main() {
  const busy = await busyShare();
  console.log(
    `bench:submit: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s per run; ${availableParallelism()} CPUs, ${(busy * 100).toFixed(0)} % busy before the start`,
  );
  if (busy > 0.15) console.log('note: other processes are using the CPUs; results will be low and noisy.');
  const rows: Row[] = [];
  const url = process.env.DATABASE_URL;
  if (url) rows.push(...(await benchEngine('postgresql', openPostgres(url, { max: 10 }))));
  else console.log('PostgreSQL skipped: DATABASE_URL is not set.');
  rows.push(...(await benchEngine('pglite', await openPglite())));
  printTable(rows);
  const pg = rows.filter((r) => r.engine === 'postgresql');
  const ratio = pg.length === 2 ? pg[1]!.rps / pg[0]!.rps : undefined;
  const verdict =
    ratio === undefined
      ? 'not measured (DATABASE_URL not set)'
      : `${ratio >= GOAL ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`;
  console.log(`\ngoal: ratio >= ${GOAL} on PostgreSQL: ${verdict}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
