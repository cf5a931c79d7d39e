// The API contract PostgREST relies on (issue 21, point 3): it calls a function by its argument
// name, public.fn(p := …). Every function the store calls must exist with exactly one jsonb
// argument named p, executable by the API roles; renaming the argument would pass a positional
// call and break production, so the app and the stand-in call by name and this test names it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { engines, openTestDatabase } from '../support/db.ts';

/** The function names the store calls (RpcStore: this.call(who, 'name', …)). */
function calledNames(): string[] {
  const source = readFileSync(new URL('../../src/store/rpc-store.ts', import.meta.url), 'utf8');
  return [
    ...new Set([...source.matchAll(/this\.call(?:<[^(]*?>)?\(\s*[a-zA-Z.]+,\s*'([a-z_0-9]+)'/g)].map((m) => m[1]!)),
  ].sort();
}

describe.each(engines.filter((e) => e !== 'supabase'))('the API functions PostgREST calls (%s)', (engine) => {
  let db: SqlExecutor;
  beforeAll(async () => {
    ({ db } = await openTestDatabase(engine));
  });
  afterAll(() => db.close());

  it('every function the store calls takes exactly one jsonb argument named p', async () => {
    const names = calledNames();
    expect(names.length).toBeGreaterThan(60);
    const rows = await db.query<{ name: string; args: string; names: string[] | null }>(
      `select p.proname as name, pg_get_function_identity_arguments(p.oid) as args, p.proargnames as names
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.proname = any($1::text[])`,
      [names],
    );
    const byName = new Map(rows.map((r) => [r.name, r]));
    const problems = names.flatMap((name) => {
      const row = byName.get(name);
      if (!row) return [`${name}: missing`];
      if (rows.filter((r) => r.name === name).length > 1) return [`${name}: overloaded`];
      return row.args === 'p jsonb' ? [] : [`${name}(${row.args})`];
    });
    expect(problems).toEqual([]);
  });

  it('a call by another argument name fails, as it would through PostgREST', async () => {
    await expect(db.query(`select public.published_definition(q => '{}'::jsonb)`)).rejects.toThrow();
  });
});
