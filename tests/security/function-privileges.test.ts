/**
 * Threat: a function the product never meant to expose, callable by anyone because PostgreSQL
 * grants EXECUTE to PUBLIC by default (issue 16, finding 11, the functions' part). Attack: list
 * every function of the schemas public and app that PUBLIC may execute, and call one as anon.
 * None may be executable by PUBLIC: each role gets exactly what a migration grants it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';

describe.each(engines.filter((e) => e !== 'supabase'))('no function is executable by PUBLIC on %s', (engine) => {
  let db: SqlExecutor;
  beforeAll(async () => {
    ({ db } = await openTestDatabase(engine));
  });
  afterAll(() => db.close());

  it('every function in public and app has an explicit ACL without PUBLIC', async () => {
    const open = await db.query<{ fn: string }>(`
      select p.oid::regprocedure::text as fn
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'app')
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
         and (p.proacl is null
              or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
       order by 1`);
    expect(open.map((r) => r.fn)).toEqual([]);
  });

  it('a signed-in staff member cannot call a figure helper directly', async () => {
    const staff = { kind: 'staff', staffId: crypto.randomUUID() } as const;
    const res = await sqlAs(db, staff, `select app.quantile_from_counts(array[1,2], array[1,9], 0.5)`);
    expect(res).toEqual({ error: '42501' });
  });
});
