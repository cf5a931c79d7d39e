import type { SqlQueryable } from '../../src/store/executor.ts';

/** The grantees a deployment must never depend on defaults for: everyone, and PostgREST's three roles. */
export const GRANTEES = ['PUBLIC', 'anon', 'authenticated', 'service_role'] as const;

/**
 * What Supabase's initialisation gives the migrating role's new objects in schema public
 * (supabase/postgres, migrations/db/init-scripts: `alter default privileges in schema public grant
 * all on tables|functions|sequences to postgres, anon, authenticated, service_role`, which a
 * project's dump shows for role postgres). Test databases are born with it (prepareDatabase), so
 * every test runs where the defaults are as generous as on Supabase.
 */
export const SUPABASE_DEFAULT_PRIVILEGES = `
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
`;

/**
 * Every privilege the grantees hold on the schema app and on every table, column, sequence and
 * function in public and app (extensions' members left out), one line per object and grantee:
 * "function public.give_consent(jsonb) authenticated: EXECUTE". A missing ACL is read as the
 * built-in default it stands for (PUBLIC may execute a function).
 */
export async function heldPrivileges(db: SqlQueryable, namePattern = '%'): Promise<string[]> {
  const rows = await db.query<{ line: string }>(
    `with grantee(oid, name) as (
       select 0::oid, 'PUBLIC'
       union all
       select oid, rolname::text from pg_roles where rolname in ('anon', 'authenticated', 'service_role')
     ),
     object(kind, name, acl) as (
       select case c.relkind when 'S' then 'sequence' else 'table' end, format('%I.%I', n.nspname, c.relname),
              coalesce(c.relacl, acldefault(case c.relkind when 'S' then 's' else 'r' end::"char", c.relowner))
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'app') and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
          and not exists (select 1 from pg_depend d
                           where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
       union all
       select 'column', format('%I.%I(%I)', n.nspname, c.relname, a.attname), a.attacl
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'app') and a.attnum > 0 and not a.attisdropped and a.attacl is not null
       union all
       select 'function', format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)), coalesce(p.proacl, acldefault('f', p.proowner))
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'app')
          and not exists (select 1 from pg_depend d
                           where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
       union all
       select 'schema', n.nspname::text, coalesce(n.nspacl, acldefault('n', n.nspowner))
         from pg_namespace n where n.nspname = 'app'
     )
     select o.kind || ' ' || o.name || ' ' || g.name || ': ' || string_agg(a.privilege_type, ',' order by a.privilege_type) as line
       from object o cross join lateral aclexplode(o.acl) a join grantee g on g.oid = a.grantee
      where o.name like $1
      group by o.kind, o.name, g.name
      order by 1`,
    [namePattern],
  );
  return rows.map((r) => r.line);
}

/** Functions in public and app (extensions' members left out) whose search_path is not fixed. */
export async function functionsWithoutSearchPath(db: SqlQueryable): Promise<string[]> {
  const rows = await db.query<{ fn: string }>(
    `select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as fn
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname in ('public', 'app')
        and not exists (select 1 from pg_depend d
                         where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
        and not exists (select 1 from unnest(p.proconfig) c where c like 'search\\_path=%')
      order by 1`,
  );
  return rows.map((r) => r.fn);
}
