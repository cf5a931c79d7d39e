-- Privileges never come from the platform's defaults. Supabase's defaults give anon, authenticated
-- and service_role everything on every table, sequence and function the migrating role creates in
-- public, and PostgreSQL lets PUBLIC execute every new function. This file runs before every other
-- migration: it takes away whatever the four grantees hold in the schemas public and app, and sets
-- the migrating role's default privileges so that what it creates from here on gets nothing. Each
-- later file then grants exactly what its own capability needs, next to the objects it creates.
-- tests/db/privileges.test.ts compares every role's privileges with one explicit list.

-- Owned here so its defaults can be set below; the policies call app.staff_id() and friends as the
-- signed-in role, and nothing else runs anything in app as a role.
create schema if not exists app;
revoke all on schema app from public, anon, authenticated, service_role;
grant usage on schema app to authenticated;

-- What the migrating role already owns in public and app (on a fresh database: app_migrations);
-- extensions' members are theirs.
do $$
declare
  r record;
begin
  for r in
    select case c.relkind when 'S' then 'sequence' else 'table' end as kind, c.oid::regclass::text as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname in ('public', 'app') and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
       and c.relowner = current_user::regrole
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
    union all
    select 'routine', p.oid::regprocedure::text
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'app') and p.proowner = current_user::regrole
       and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('revoke all on %s %s from public, anon, authenticated, service_role', r.kind, r.name);
  end loop;
end
$$;

-- What the migrating role creates from here on: nothing for anyone but itself. The schema-wide
-- entries undo Supabase's "alter default privileges in schema public grant all on … to anon,
-- authenticated, service_role"; the global ones undo PostgreSQL's EXECUTE for PUBLIC.
alter default privileges revoke all on tables from public, anon, authenticated, service_role;
alter default privileges revoke all on sequences from public, anon, authenticated, service_role;
alter default privileges revoke all on functions from public, anon, authenticated, service_role;
alter default privileges in schema public revoke all on tables from public, anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from public, anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from public, anon, authenticated, service_role;
alter default privileges in schema app revoke all on tables from public, anon, authenticated, service_role;
alter default privileges in schema app revoke all on sequences from public, anon, authenticated, service_role;
alter default privileges in schema app revoke all on functions from public, anon, authenticated, service_role;
