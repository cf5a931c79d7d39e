/**
 * Grants that do not depend on the platform's defaults (issue 16, finding 11). Every test database
 * is born with Supabase's default privileges (tests/support/db.ts prepareDatabase), under which each
 * new table, sequence and function in public would be open to anon, authenticated and
 * service_role; supabase/migrations/20261122000050_privileges.sql takes that away before anything
 * is created, and each capability's file grants what it needs. This file holds the one list of
 * what PUBLIC, anon, authenticated and service_role may do in the schemas public and app: a new
 * table, sequence or function adds its grants here (or nothing, when no role needs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { migrate } from '../../src/store/migrate.ts';
import { readMigrationFiles } from '../../src/store/migration-files.node.ts';
import { openPglite } from '../../src/store/pglite-executor.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { engines, openTestDatabase, type Engine } from '../support/db.ts';
import { functionsWithoutSearchPath, heldPrivileges, SUPABASE_DEFAULT_PRIVILEGES } from '../support/privileges.ts';

/**
 * Everything the four grantees hold, as "<kind> <object> <grantee>: <privileges>". Tables: SELECT
 * for authenticated where a policy names whom (RLS), nothing else; no role holds anything on a
 * sequence; app's functions only where a policy calls them as the signed-in role; the API
 * functions (public) for the role the store calls them as (authenticated: staff and participants;
 * service_role: the server itself, e.g. logins and the CLI). Nothing for PUBLIC or anon.
 */
const EXPECTED_PRIVILEGES = [
  'schema app authenticated: USAGE',
  'table public.audit_log authenticated: SELECT',
  'table public.consents authenticated: SELECT',
  'table public.memberships authenticated: SELECT',
  'table public.organisations authenticated: SELECT',
  'table public.participants authenticated: SELECT',
  'table public.projects authenticated: SELECT',
  'table public.survey_definitions authenticated: SELECT',
  'column public.staff(active) authenticated: SELECT',
  'column public.staff(created_at) authenticated: SELECT',
  'column public.staff(email) authenticated: SELECT',
  'column public.staff(id) authenticated: SELECT',
  'function app.caller_organisation(uuid) authenticated: EXECUTE',
  'function app.claims() authenticated: EXECUTE',
  'function app.has_role(uuid, text[]) authenticated: EXECUTE',
  'function app.participant_id() authenticated: EXECUTE',
  'function app.staff_id() authenticated: EXECUTE',
  'function public.accept_invite(jsonb) service_role: EXECUTE',
  'function public.rate_limit_forgive(jsonb) service_role: EXECUTE',
  'function public.rate_limit_hit(jsonb) service_role: EXECUTE',
  'function public.admin_audit_log(jsonb) authenticated: EXECUTE',
  'function public.admin_count_report(jsonb) authenticated: EXECUTE',
  'function public.admin_create_project(jsonb) authenticated: EXECUTE',
  'function public.admin_invite_staff(jsonb) authenticated: EXECUTE',
  'function public.admin_invite_staff(jsonb) service_role: EXECUTE',
  'function public.admin_issue_password_reset(jsonb) authenticated: EXECUTE',
  'function public.admin_projects(jsonb) authenticated: EXECUTE',
  'function public.admin_set_membership(jsonb) authenticated: EXECUTE',
  'function public.admin_set_staff_active(jsonb) authenticated: EXECUTE',
  'function public.admin_staff(jsonb) authenticated: EXECUTE',
  'function public.admin_update_project(jsonb) authenticated: EXECUTE',
  'function public.adopt_library_definition(jsonb) authenticated: EXECUTE',
  'function public.begin_row_export(jsonb) authenticated: EXECUTE',
  'function public.answer_languages(jsonb) authenticated: EXECUTE',
  'function public.coach_participants(jsonb) authenticated: EXECUTE',
  'function public.coach_worklist(jsonb) authenticated: EXECUTE',
  'function public.decline_consent(jsonb) authenticated: EXECUTE',
  'function public.create_definition_draft(jsonb) authenticated: EXECUTE',
  'function public.create_project(jsonb) service_role: EXECUTE',
  'function public.create_short_code(jsonb) authenticated: EXECUTE',
  'function public.create_staff(jsonb) service_role: EXECUTE',
  'function public.definition_by_id(jsonb) authenticated: EXECUTE',
  'function public.definition_by_id(jsonb) service_role: EXECUTE',
  'function public.definition_get(jsonb) authenticated: EXECUTE',
  'function public.definition_language_list(jsonb) authenticated: EXECUTE',
  'function public.definition_list(jsonb) authenticated: EXECUTE',
  'function public.definition_translation_export(jsonb) authenticated: EXECUTE',
  'function public.definition_versions(jsonb) authenticated: EXECUTE',
  'function public.change_own_password(jsonb) authenticated: EXECUTE',
  'function public.end_handover(jsonb) authenticated: EXECUTE',
  'function public.end_staff_sessions(jsonb) authenticated: EXECUTE',
  'function public.library_definitions(jsonb) service_role: EXECUTE',
  'function public.mint_participant_link(jsonb) authenticated: EXECUTE',
  'function public.enrol_participant(jsonb) authenticated: EXECUTE',
  'function public.give_consent(jsonb) authenticated: EXECUTE',
  'function public.grant_row_export(jsonb) authenticated: EXECUTE',
  'function public.grant_row_export(jsonb) service_role: EXECUTE',
  'function public.import_definition(jsonb) authenticated: EXECUTE',
  'function public.installation_state(jsonb) service_role: EXECUTE',
  'function public.accessibility_statement(jsonb) service_role: EXECUTE',
  'function public.invite_lookup(jsonb) service_role: EXECUTE',
  'function public.item_aggregates(jsonb) authenticated: EXECUTE',
  'function public.participant_for_link(jsonb) authenticated: EXECUTE',
  'function public.participant_register(jsonb) authenticated: EXECUTE',
  'function public.participant_session(jsonb) authenticated: EXECUTE',
  'function public.participant_state(jsonb) authenticated: EXECUTE',
  'function public.project_outcomes(jsonb) authenticated: EXECUTE',
  'function public.project_settings(jsonb) authenticated: EXECUTE',
  'function public.publish_definition(jsonb) authenticated: EXECUTE',
  'function public.published_definition(jsonb) authenticated: EXECUTE',
  'function public.published_definition(jsonb) service_role: EXECUTE',
  'function public.record_login(jsonb) service_role: EXECUTE',
  'function public.redeem_short_code(jsonb) service_role: EXECUTE',
  'function public.record_decline(jsonb) authenticated: EXECUTE',
  'function public.register_exit(jsonb) authenticated: EXECUTE',
  'function public.resolve_short_link(jsonb) service_role: EXECUTE',
  'function public.update_participant_register(jsonb) authenticated: EXECUTE',
  'function public.retire_definition(jsonb) authenticated: EXECUTE',
  'function public.revoke_row_export(jsonb) authenticated: EXECUTE',
  'function public.revoke_row_export(jsonb) service_role: EXECUTE',
  'function public.row_export_grant(jsonb) authenticated: EXECUTE',
  'function public.row_export_grants(jsonb) authenticated: EXECUTE',
  'function public.row_export_grants(jsonb) service_role: EXECUTE',
  'function public.row_export_page(jsonb) authenticated: EXECUTE',
  'function public.row_export_syntax(jsonb) authenticated: EXECUTE',
  'function public.save_definition_draft(jsonb) authenticated: EXECUTE',
  'function public.set_definition_language(jsonb) authenticated: EXECUTE',
  'function public.save_draft(jsonb) authenticated: EXECUTE',
  'function public.seed_definition(jsonb) service_role: EXECUTE',
  'function public.staff_by_id(jsonb) service_role: EXECUTE',
  'function public.staff_context(jsonb) authenticated: EXECUTE',
  'function public.staff_login_lookup(jsonb) service_role: EXECUTE',
  'function public.submit_response(jsonb) authenticated: EXECUTE',
  'function public.unlock_definition_wording(jsonb) authenticated: EXECUTE',
  'function public.wai_change(jsonb) authenticated: EXECUTE',
  'function public.withdraw_consent(jsonb) authenticated: EXECUTE',
];

const same = (held: string[]) => expect([...held].sort()).toEqual([...EXPECTED_PRIVILEGES].sort());

/** Objects made by the migrating role after the migrations, inside a transaction rolled back at the end. */
async function probeNewObjects(db: SqlExecutor): Promise<{ before: string[]; granted: string[] }> {
  const tag = `zz_probe_${crypto.randomUUID().slice(0, 8)}`;
  let result: { before: string[]; granted: string[] } | undefined;
  await db
    .transaction(async (tx) => {
      await tx.exec(`
        create table public.${tag}_t (id bigint generated always as identity primary key, note text);
        create table app.${tag}_t (id bigint generated always as identity primary key);
        create sequence public.${tag}_s;
        create sequence app.${tag}_s;
        create view public.${tag}_v as select 1 as one;
        create function public.${tag}_f(p jsonb) returns jsonb language sql as 'select p';
        create function app.${tag}_f() returns int language plpgsql as 'begin return 1; end';`);
      const before = await heldPrivileges(tx, `%${tag}%`);
      // The listing sees a grant when there is one (it does not pass by seeing nothing).
      await tx.exec(
        `grant select on public.${tag}_t to anon; grant execute on function app.${tag}_f() to service_role;`,
      );
      result = { before, granted: await heldPrivileges(tx, `%${tag}%`) };
      throw new Error('roll back');
    })
    .catch((error: unknown) => {
      if ((error as Error).message !== 'roll back') throw error;
    });
  return result!;
}

describe.each(engines)('privileges of PUBLIC, anon, authenticated and service_role on %s', (engine) => {
  let db: SqlExecutor;
  beforeAll(async () => {
    ({ db } = await openTestDatabase(engine));
  });
  afterAll(() => db.close());

  it('each role holds exactly the expected privileges on every table, column, sequence and function', async () => {
    same(await heldPrivileges(db));
  });

  it('a table, sequence, view or function the migrating role creates later gets nothing by default', async () => {
    const { before, granted } = await probeNewObjects(db);
    expect(before).toEqual([]);
    expect(granted).toHaveLength(2);
  });

  it('no role may use or change a sequence: none appears in the list', () => {
    expect(EXPECTED_PRIVILEGES.filter((line) => line.startsWith('sequence '))).toEqual([]);
  });

  it('every function in public and app has a fixed search_path', async () => {
    expect(await functionsWithoutSearchPath(db)).toEqual([]);
    const [count] = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'app') and p.proconfig is not null`,
    );
    expect(count!.n).toBeGreaterThan(80);
  });
});

/** An empty database of its own (PGlite in memory, or a new database on the DATABASE_URL server). */
async function openEmptyDatabase(engine: Exclude<Engine, 'supabase'>): Promise<SqlExecutor> {
  if (engine === 'pglite') return openPglite();
  const url = new URL(process.env.DATABASE_URL!);
  const database = `${decodeURIComponent(url.pathname.slice(1))
    .replace(/[^\w-]/g, '_')
    .slice(0, 40)}_privs_${crypto.randomUUID().slice(0, 8)}`;
  const admin = openPostgres(url.toString(), { max: 1 });
  await admin.exec(`create database "${database}"`);
  url.pathname = `/${database}`;
  const db = openPostgres(url.toString(), { max: 2 });
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
      await admin.exec(`drop database if exists "${database}" with (force)`);
    } finally {
      await admin.close();
    }
  };
  return db;
}

describe.each(engines.filter((e) => e !== 'supabase') as Exclude<Engine, 'supabase'>[])(
  'migrating a database that has Supabase default privileges, on %s',
  (engine) => {
    let db: SqlExecutor;
    beforeAll(async () => {
      db = await openEmptyDatabase(engine);
    });
    afterAll(() => db.close());

    it('the defaults open what exists before; the migrations close it and grant only the list', async () => {
      const { bootstrap, migrations } = await readMigrationFiles();
      await db.exec(bootstrap);
      await db.exec(SUPABASE_DEFAULT_PRIVILEGES);
      await db.exec(`create table public.early_t (id bigint generated always as identity primary key);
        create function public.early_f(p jsonb) returns jsonb language sql as 'select p';`);
      const open = await heldPrivileges(db, '%early%');
      for (const role of ['anon', 'authenticated', 'service_role']) {
        // PostgreSQL 17 adds MAINTAIN to a table's ALL.
        expect(open).toContainEqual(
          expect.stringMatching(`^table public.early_t ${role}: DELETE,INSERT,.*TRUNCATE,UPDATE$`),
        );
        expect(open).toContain(`sequence public.early_t_id_seq ${role}: SELECT,UPDATE,USAGE`);
        expect(open).toContain(`function public.early_f(jsonb) ${role}: EXECUTE`);
      }

      await migrate(db, bootstrap, migrations);
      expect(await heldPrivileges(db, '%early%')).toEqual([]);
      await db.exec('drop table public.early_t; drop function public.early_f(jsonb);');
      same(await heldPrivileges(db));
      expect((await probeNewObjects(db)).before).toEqual([]);
    });
  },
);
