// public.rate_limit_hit / rate_limit_forgive: system only, all or none, atomic under concurrency,
// windows that end and rows that are pruned. The table is closed to every API role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { RateLimitHit } from '../../src/store/store.ts';
import { sqlAs } from '../support/as-role.ts';
import { concurrentEngine, engines, openTestDatabase } from '../support/db.ts';

const DENIED = '42501';
const hex = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');
const hit = (key_hash: string, limit: number, scope = 'test_scope', window_seconds = 600): RateLimitHit => ({
  scope,
  key_hash,
  limit,
  window_seconds,
});

describe.each(engines)('rate limits in the database on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
  });
  afterAll(() => db.close());

  const hitsOf = async (key: string) =>
    (await db.query<{ hits: number }>('select hits from public.rate_limits where key_hash = $1', [key]))[0]?.hits;

  it('counts to the limit, then refuses with the seconds left of the window', async () => {
    const key = hex();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await store.rateLimitHit([hit(key, 3)]));
    expect(answers.slice(0, 3)).toEqual(Array(3).fill({ allowed: true, retry_after: 0 }));
    expect(answers[3]!.allowed).toBe(false);
    expect(answers[3]!.retry_after).toBeGreaterThan(595);
    expect(answers[3]!.retry_after).toBeLessThanOrEqual(600);
    expect(await hitsOf(key)).toBe(3); // a refused attempt spends nothing
  });

  it('all or none: a spent budget in the call leaves the others uncounted', async () => {
    const spent = hex();
    const other = hex();
    await store.rateLimitHit([hit(spent, 1)]);
    expect((await store.rateLimitHit([hit(other, 5), hit(spent, 1)])).allowed).toBe(false);
    expect(await hitsOf(other)).toBeUndefined();
  });

  it('forgive returns one attempt, or forgets the key', async () => {
    const key = hex();
    for (let i = 0; i < 3; i++) await store.rateLimitHit([hit(key, 3)]);
    await store.rateLimitForgive([{ scope: 'test_scope', key_hash: key }]);
    expect(await hitsOf(key)).toBe(2);
    await store.rateLimitForgive([{ scope: 'test_scope', key_hash: key, clear: true }]);
    expect(await hitsOf(key)).toBeUndefined();
  });

  it('a window that ended starts over, and ended rows are pruned', async () => {
    const key = hex();
    const stale = hex();
    await store.rateLimitHit([hit(key, 1)]);
    await store.rateLimitHit([hit(stale, 1, 'test_other')]);
    await db.query(
      `update public.rate_limits set expires_at = now() - interval '10 years' where key_hash in ($1, $2)`,
      [key, stale],
    );
    expect(await store.rateLimitHit([hit(key, 1)])).toEqual({ allowed: true, retry_after: 0 });
    expect(await hitsOf(key)).toBe(1);
    expect(await hitsOf(stale)).toBeUndefined();
  });

  it.runIf(concurrentEngine(engine))('concurrent calls never give out more than the limit', async () => {
    const key = hex();
    const answers = await Promise.all(Array.from({ length: 20 }, () => store.rateLimitHit([hit(key, 5)])));
    expect(answers.filter((a) => a.allowed)).toHaveLength(5);
    expect(await hitsOf(key)).toBe(5);
  });

  it('refuses malformed items', async () => {
    const bad: Partial<RateLimitHit>[] = [
      { ...hit(hex(), 1), key_hash: 'not-a-hash' },
      { ...hit(hex(), 1), scope: 'Bad Scope' },
      { ...hit(hex(), 0) },
      { ...hit(hex(), 1), window_seconds: 0 },
      { ...hit(hex(), 1), window_seconds: 86_401 },
    ];
    for (const item of bad)
      await expect(store.rateLimitHit([item as RateLimitHit]), JSON.stringify(item)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    await expect(store.rateLimitHit([])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('an outsider (anon key) or a signed-in user cannot call the functions or read the table', async () => {
    const key = hex();
    await store.rateLimitHit([hit(key, 1)]);
    const who = [{ kind: 'anonymous' }, { kind: 'staff', staffId: crypto.randomUUID() }] as const;
    for (const principal of who) {
      // As PostgREST would run it (on 'supabase' over HTTP with the anon key's role): refused.
      await expect(
        store.call(principal, 'rate_limit_forgive', { forgive: [{ scope: 'test_scope', key_hash: key, clear: true }] }),
      ).rejects.toMatchObject({ code: DENIED });
      await expect(store.call(principal, 'rate_limit_hit', { hits: [hit(key, 1000)] })).rejects.toMatchObject({
        code: DENIED,
      });
      if (engine !== 'supabase')
        expect(await sqlAs(db, principal, 'select * from public.rate_limits')).toEqual({ error: DENIED });
    }
    expect(await hitsOf(key)).toBe(1);
  });
});
