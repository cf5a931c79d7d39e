// The postgres.js pool across a PostgreSQL restart, on a private throwaway cluster. Found by
// bench/load-faults.ts: with postgres.js's default backoff (3^n / 100 s, up to 20 s, over a retry
// count shared by the whole pool) a few seconds of outage under load left queries waiting 10–20 s
// after the server was back, and statements sent during a longer outage waited for the server's
// return (postgres.js queues them until a connection opens) instead of failing fast.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  privateClusterUnavailable,
  startPrivateCluster,
  type RestartableDatabase,
} from '../../bench/faults/private-cluster.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { AppError } from '../../src/errors.ts';
import { SqlStore } from '../../src/store/sql-store.ts';

const unavailable = privateClusterUnavailable();
if (unavailable)
  console.warn(`tests/faults/pool-recovery.test.ts SKIPPED: no private PostgreSQL cluster: ${unavailable}`);

describe.skipIf(unavailable !== null)('postgres.js pool across a server restart', () => {
  let cluster: RestartableDatabase;
  beforeAll(async () => {
    cluster = await startPrivateCluster();
  });
  afterAll(async () => {
    await cluster?.remove();
  });

  it(
    'fails fast while the server is away and serves again within about a second of its return',
    { timeout: 90_000 },
    async () => {
      const db = openPostgres(cluster.url);
      const store = new SqlStore(db);
      try {
        await db.query('select 1');
        await cluster.stop();
        // Two seconds of steady traffic against the stopped server, as the app would see.
        const slowest: number[] = [];
        for (const until = Date.now() + 2_000; Date.now() < until;) {
          const started = Date.now();
          const error = await store.call({ kind: 'system' }, 'no_such_function').then(
            () => null,
            (e: unknown) => e,
          );
          slowest.push(Date.now() - started);
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('DATABASE_UNAVAILABLE');
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(Math.max(...slowest)).toBeLessThan(1_500);
        await cluster.start();
        const back = Date.now();
        for (;;) {
          const ok = await db.query<{ x: number }>('select 1 as x').then(
            (rows) => rows[0]?.x === 1,
            () => false,
          );
          if (ok) break;
          expect(Date.now() - back).toBeLessThan(3_000);
          await new Promise((r) => setTimeout(r, 20));
        }
        expect(Date.now() - back).toBeLessThan(3_000);
      } finally {
        await db.close();
      }
    },
  );

  it(
    'under concurrent load, every statement sent during a 6 s outage fails within 1 s as DATABASE_UNAVAILABLE',
    { timeout: 90_000 },
    async () => {
      const db = openPostgres(cluster.url);
      const store = new SqlStore(db);
      try {
        await db.query('select 1');
        await cluster.stop();
        const outcomes: { ms: number; code: string }[] = [];
        const stopAt = Date.now();
        const sends: Promise<void>[] = [];
        // 20 statements a second for 5 s, none waiting for another.
        for (let i = 0; i < 100; i++) {
          sends.push(
            (async () => {
              await new Promise((r) => setTimeout(r, i * 50));
              const started = Date.now();
              const error = await store.call({ kind: 'system' }, 'no_such_function').then(
                () => null,
                (e: unknown) => e,
              );
              outcomes.push({
                ms: Date.now() - started,
                code: error instanceof AppError ? error.code : String((error as { code?: string })?.code),
              });
            })(),
          );
        }
        await Promise.all(sends);
        await new Promise((r) => setTimeout(r, Math.max(0, 6_000 - (Date.now() - stopAt))));
        await cluster.start();
        expect(new Set(outcomes.map((o) => o.code))).toEqual(new Set(['DATABASE_UNAVAILABLE']));
        console.log(`slowest failure during the outage: ${Math.max(...outcomes.map((o) => o.ms))} ms`);
        expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(1_000);
        const back = Date.now();
        while (
          !(await db.query('select 1').then(
            () => true,
            () => false,
          ))
        ) {
          expect(Date.now() - back).toBeLessThan(3_000);
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await db.close();
      }
    },
  );
});
