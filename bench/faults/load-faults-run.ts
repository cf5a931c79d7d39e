// The reliability proof of issue 8: simulated participants consent and submit through a fault
// proxy while the PostgreSQL server is stopped and started under the running app. Afterwards each
// client's log is reconciled with the database. bench/load-faults.ts and
// tests/faults/load-faults.test.ts both run it.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { createApp } from '../../src/app.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { ALPHABET } from '../../src/domain/pseudonym-code.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { prepareDatabase } from '../../tests/support/db.ts';
import { PAGAENDE_ITEMS } from '../../tests/support/fixtures.ts';
import { startFaultProxy, type FaultRates } from './fault-proxy.ts';
import {
  emptyStats,
  runParticipant,
  type ClientLog,
  type ClientPolicy,
  type ClientStats,
} from './participant-client.ts';
import type { RestartableDatabase } from './private-cluster.ts';
import { reconcile, type Reconciliation } from './reconcile.ts';
import { prng } from '../../src/setup/demo-answers.ts';

export interface LoadFaultsOptions {
  clients: number;
  /** Clients start spread evenly at random over this window. */
  startWindowMs: number;
  /** The server is stopped this long after the first client starts… */
  outageAtMs: number;
  /** …and started again this long after it has stopped. */
  outageMs: number;
  policy: ClientPolicy;
  proxy: FaultRates;
  seed: number;
  progress?: (line: string) => void;
}

export interface LoadFaultsReport {
  options: LoadFaultsOptions;
  database: string;
  stats: ClientStats;
  injected: { clientAborts: number; delayed: number; dropped: number; cut: number };
  submissionsAttempted: number;
  submissionsAcknowledged: number;
  acknowledgedAsRetry: number;
  /** Stop command start to the server accepting connections again. */
  outageSeconds: number;
  /** Server back to the first 2xx the clients received. */
  recoverySeconds: number | null;
  runSeconds: number;
  /** Server-side: statuses the app sent, and unknown errors it logged. */
  serverStatuses: Record<string, number>;
  serverErrors: string[];
  /** Unhandled rejections and uncaught exceptions in the process during the run. */
  crashes: string[];
  reconciliation: Reconciliation;
  failures: string[];
}

const SECRET = 'load-faults-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const VALUES: (number | 'none')[] = [1, 2, 3, 4, 5, 6, 'none'];

/** Runs the whole proof against a migrated-on-the-fly database that may be restarted. */
export async function runLoadFaults(
  database: RestartableDatabase,
  options: LoadFaultsOptions,
): Promise<LoadFaultsReport> {
  const say = options.progress ?? (() => {});
  const random = prng(options.seed);
  // The superuser connection for setup and reconciliation; the app gets its own pool, as in main.node.ts.
  const admin = openPostgres(database.url, { max: 2 });
  const appDb = openPostgres(database.url);
  const crashes: string[] = [];
  const onCrash = (error: unknown) =>
    crashes.push(
      String((error as Error)?.stack ?? error)
        .split('\n')
        .slice(0, 3)
        .join(' | '),
    );
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const closers: (() => Promise<void>)[] = [];
  try {
    const store = await prepareDatabase(admin);
    const { project_id: projectId } = await store.createProject({
      organisation_name: 'Load faults',
      name: `Load faults ${new Date().toISOString()}`,
    });
    const participantIds = await createParticipants(admin, projectId, options.clients, random);
    const tokens = createTokenService({ secret: SECRET, staffTtlMinutes: 60, linkTtlDays: 1 });
    // Each link's row first (as the app mints them), in bulk as the superuser.
    const linkRows = await admin.query<{ id: string; participant_id: string }>(
      `insert into public.participant_links (participant_id, survey_key, occasion, via, expires_at)
       select unnest($1::uuid[]), 'pagaende', 'pagaende', 'link', now() + interval '1 day' returning id, participant_id`,
      [participantIds],
    );
    const linkOf = new Map(linkRows.map((r) => [r.participant_id, r.id]));
    const links = await Promise.all(
      participantIds.map(
        async (participantId) =>
          (
            await tokens.signParticipantLink({
              participantId,
              projectId,
              survey: 'pagaende',
              occasion: 'pagaende',
              linkId: linkOf.get(participantId)!,
            })
          ).token,
      ),
    );
    await admin.close();

    const serverStatuses: Record<string, number> = {};
    const serverErrors: string[] = [];
    // Production limits (no submitLimit override): retries must get through them as they are.
    const app = createApp({
      store: new SqlStore(appDb),
      tokens,
      passwordIterations: 1000,
      log: (line) => {
        if (line.level === 'error')
          serverErrors.push(`${line.name ?? ''} ${line.code ?? ''} ${line.stack ?? ''}`.slice(0, 400));
        else if (typeof line.status === 'number') serverStatuses[line.status] = (serverStatuses[line.status] ?? 0) + 1;
      },
    });
    const served = await listen(app.fetch);
    closers.push(served.close);
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: served.port }, options.proxy, random);
    closers.push(proxy.close);

    const stats = emptyStats();
    let restartedAt = 0;
    let firstSuccessAfterRestart = 0;
    const ctx = {
      baseUrl: proxy.url,
      policy: options.policy,
      stats,
      random,
      onSuccess: (at: number) => {
        if (restartedAt && !firstSuccessAfterRestart && at >= restartedAt) firstSuccessAfterRestart = at;
      },
    };
    const logs: ClientLog[] = participantIds.map((participantId) => ({
      participantId,
      responseId: crypto.randomUUID(),
      answers: Object.fromEntries(PAGAENDE_ITEMS.map((item) => [item, VALUES[Math.floor(random() * VALUES.length)]!])),
      consented: false,
      submitStarted: false,
      acknowledged: false,
      acknowledgedAsRetry: false,
      attempts: 0,
    }));

    say(
      `${options.clients} participants through the fault proxy; server stop at ${options.outageAtMs} ms for ${options.outageMs} ms`,
    );
    const started = Date.now();
    const outage = (async () => {
      await sleep(options.outageAtMs);
      const stopAt = Date.now();
      say(`stopping PostgreSQL (${stats.requests} requests so far)`);
      await database.stop();
      await sleep(options.outageMs);
      say('starting PostgreSQL');
      await database.start();
      restartedAt = Date.now();
      say(`PostgreSQL back after ${((restartedAt - stopAt) / 1000).toFixed(1)} s`);
      return (restartedAt - stopAt) / 1000;
    })();
    const clients = logs.map(async (log, i) => {
      await sleep(Math.floor(random() * options.startWindowMs));
      return runParticipant(ctx, links[i]!, log);
    });
    const [outageSeconds] = await Promise.all([outage, Promise.all(clients)]);
    const runSeconds = (Date.now() - started) / 1000;
    say(`clients finished after ${runSeconds.toFixed(1)} s; reconciling with the database`);

    const checker = openPostgres(database.url, { max: 1 });
    let reconciliation: Reconciliation;
    try {
      reconciliation = await reconcile(checker, projectId, logs);
    } finally {
      await checker.close();
    }
    const report: LoadFaultsReport = {
      options,
      database: database.description,
      stats,
      injected: { clientAborts: stats.clientTimeouts, ...proxy.injected },
      submissionsAttempted: logs.filter((l) => l.submitStarted).length,
      submissionsAcknowledged: logs.filter((l) => l.acknowledged).length,
      acknowledgedAsRetry: logs.filter((l) => l.acknowledgedAsRetry).length,
      outageSeconds,
      recoverySeconds: firstSuccessAfterRestart ? (firstSuccessAfterRestart - restartedAt) / 1000 : null,
      runSeconds,
      serverStatuses,
      serverErrors: serverErrors.slice(0, 10),
      crashes,
      reconciliation,
      failures: [],
    };
    report.failures = judge(report, logs);
    return report;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    await appDb.close().catch(() => {});
    await admin.close().catch(() => {});
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
  }
}

/** Everything that makes the run a failure; empty when the proof holds. */
function judge(r: LoadFaultsReport, logs: ClientLog[]): string[] {
  const out: string[] = [];
  const rec = r.reconciliation;
  if (rec.lost > 0) out.push(`lost = ${rec.lost}`);
  if (rec.duplicated > 0) out.push(`duplicated = ${rec.duplicated}`);
  if (rec.partial > 0) out.push(`partial or altered answers = ${rec.partial}`);
  if (rec.consentProblems > 0) out.push(`participants without exactly one active consent = ${rec.consentProblems}`);
  if (r.stats.unexpected5xx > 0) out.push(`unexpected 5xx (not 503) = ${r.stats.unexpected5xx}`);
  if (r.stats.status503WithoutRetryAfter > 0)
    out.push(`503 without Retry-After = ${r.stats.status503WithoutRetryAfter}`);
  if (r.stats.hangs > 0)
    out.push(`requests without an answer within ${r.options.policy.requestTimeoutMs} ms = ${r.stats.hangs}`);
  if (r.stats.refused > 0) out.push(`final 4xx answers = ${r.stats.refused}`);
  if (r.crashes.length > 0) out.push(`unhandled rejections / uncaught exceptions = ${r.crashes.length}`);
  const unacknowledged = logs.filter((l) => !l.acknowledged);
  if (unacknowledged.length > 0)
    out.push(`clients never acknowledged = ${unacknowledged.length} (first: ${unacknowledged[0]!.failure})`);
  if (r.stats.status503 === 0) out.push('no 503 seen: the outage did not overlap the load, so nothing was proved');
  return out;
}

/** Enrols participants with plain SQL (as the superuser): they consent themselves over HTTP. */
async function createParticipants(
  db: ReturnType<typeof openPostgres>,
  projectId: string,
  count: number,
  random: () => number,
): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(Array.from({ length: 8 }, () => ALPHABET[Math.floor(random() * 32)]).join(''));
  const rows = await db.query<{ id: string }>(
    'insert into public.participants (project_id, code) select $1::uuid, unnest($2::text[]) returning id',
    [projectId, [...codes]],
  );
  return rows.map((r) => r.id);
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      const close = () =>
        new Promise<void>((done) => {
          (server as Server).closeAllConnections();
          server.close(() => done());
        });
      resolve({ port: info.port, close });
    });
  });
}
