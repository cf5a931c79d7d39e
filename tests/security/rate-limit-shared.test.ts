/**
 * Threat: an outsider multiplying the budget by the number of instances (issue 16, finding 8).
 * Limiter state used to live in each process or edge isolate, so every instance allowed the full
 * budget. Attack: spread failed sign-ins and short-code guesses over two instances of the app,
 * each with its own connection to the same database, one after the other and all at once. The
 * budget lives in the database: the two instances together allow what one allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { SupabaseStore } from '../../src/store/supabase-store.ts';
import { testApp } from '../support/app.ts';
import { engines, openSupabaseTestDatabase, openTestDatabase, standinSecrets, type Engine } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

/** The first instance's store and a second, separate one over the same database. */
async function twoStores(
  engine: Engine,
): Promise<{ db: SqlExecutor; stores: [RpcStore, RpcStore]; close(): Promise<void> }> {
  if (engine === 'supabase') {
    const { db, store, standin } = await openSupabaseTestDatabase();
    return { db, stores: [store, new SupabaseStore({ url: standin.url, ...standinSecrets })], close: () => db.close() };
  }
  const { db, store } = await openTestDatabase(engine);
  if (engine === 'pglite') return { db, stores: [store, new SqlStore(db)], close: () => db.close() };
  const other = openPostgres(process.env.DATABASE_URL!, { max: 4 });
  return {
    db,
    stores: [store, new SqlStore(other)],
    close: async () => {
      await other.close();
      await db.close();
    },
  };
}

describe.each(engines)('two instances share one budget on %s', (engine) => {
  let setup: Awaited<ReturnType<typeof twoStores>>;
  let world: World;

  beforeAll(async () => {
    setup = await twoStores(engine);
    world = await createWorld(setup.stores[0]);
  });
  afterAll(() => setup.close());

  /** Two instances of one installation: same SESSION_SECRET (hence the same key hashing), one proxy hop. */
  function instances(options: Parameters<typeof testApp>[1] = {}): [App, App] {
    const rateLimitSecret = `installation-${crypto.randomUUID()}`;
    const make = (i: 0 | 1) => testApp(setup.stores[i], { rateLimitSecret, trustedProxyHops: 1, ...options }).app;
    return [make(0), make(1)];
  }
  const post = (app: App, path: string, body: Record<string, string>, from: string) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
      body: new URLSearchParams(body),
    });

  it('failed sign-ins alternating between the instances', async () => {
    const pair = instances();
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push(
        (await post(pair[i % 2]!, '/login', { email: world.emails.admin, password: `x${i}` }, '203.0.113.20')).status,
      );
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(4).fill(429)]);
  });

  it('failed sign-ins sent to both instances at once: only the budget reaches the password check', async () => {
    const pair = instances();
    const statuses = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const res = await post(
          pair[i % 2]!,
          '/login',
          { email: world.emails.researcher, password: `y${i}` },
          '203.0.113.21',
        );
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(14);
  });

  it('the installation-wide short-code budget, guessed from many addresses over both instances', async () => {
    const pair = instances({ rateLimits: { shortCodeAll: { max: 6, windowSeconds: 600 } } });
    const statuses: number[] = [];
    // Well-formed codes (valid check character) that match nothing (35 random bits), each from a fresh address.
    for (let i = 0; i < 9; i++)
      statuses.push((await post(pair[i % 2]!, '/k', { code: generateCode() }, `198.51.100.${i + 1}`)).status);
    expect(statuses).toEqual([...Array(6).fill(404), 429, 429, 429]);
  });
});
