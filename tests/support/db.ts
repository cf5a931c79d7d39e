import { readFile } from 'node:fs/promises';
import { migrate } from '../../src/store/migrate.ts';
import { readMigrationFiles } from '../../src/store/migration-files.node.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { openPglite, openPgliteInstance, pgliteExecutor } from '../../src/store/pglite-executor.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { SupabaseStore } from '../../src/store/supabase-store.ts';
import { seedDefinitions } from '../../src/setup/first-start.ts';
import { readSurveyFiles } from '../../src/setup/read-surveys.node.ts';
import { startPostgrestStandin, type PostgrestStandin } from './postgrest-standin.ts';
import { SUPABASE_DEFAULT_PRIVILEGES } from './privileges.ts';

export type Engine = 'pglite' | 'postgres' | 'supabase';

/**
 * The engines the db suite runs on: PGlite always, PostgreSQL when DATABASE_URL is set, and
 * SupabaseStore (supabase-js over HTTP) always, against the PostgREST stand-in in front of
 * PostgreSQL when DATABASE_URL is set, else in front of a fresh PGlite.
 */
export const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres', 'supabase'] : ['pglite', 'supabase'];

/** Whether the engine runs on a server with concurrent connections (lock and race tests). */
export function concurrentEngine(engine: Engine): boolean {
  return engine === 'postgres' || (engine === 'supabase' && !!process.env.DATABASE_URL);
}

/** Test-only project secrets for the stand-in (a real project's come from the environment). */
export const standinSecrets = {
  jwtSecret: 'test-only-jwt-secret-not-a-real-project-0123456789',
  anonKey: 'test-only-anon-key',
};

/**
 * Migrates and seeds a database (idempotent). A database not migrated yet first gets Supabase's
 * generous default privileges, so that the migrations are tested where defaults would leak.
 */
export async function prepareDatabase(db: SqlExecutor): Promise<SqlStore> {
  const files = await readMigrationFiles();
  const [fresh] = await db.query<{ fresh: boolean }>(`select to_regclass('public.app_migrations') is null as fresh`);
  if (fresh?.fresh) {
    await db.exec(files.bootstrap);
    await db.exec(SUPABASE_DEFAULT_PRIVILEGES);
  }
  await migrate(db, files.bootstrap, files.migrations);
  const store = new SqlStore(db);
  await seedDefinitions(store, await readSurveyFiles());
  return store;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump (pg.dumpDataDir('none')) of a PGlite that global setup migrated and seeded. */
    pgliteTemplate?: string;
    /** A database on the DATABASE_URL server that global setup migrated and seeded, for CREATE DATABASE … TEMPLATE. */
    postgresTemplate?: string;
    /** The ws endpoint of the run's shared Chromium (tests/support/chromium.ts). */
    chromiumEndpoint?: string;
  }
}

/** What tests/support/global-setup.ts provided (nothing outside vitest, e.g. in the benches). */
async function provided<K extends 'pgliteTemplate' | 'postgresTemplate'>(key: K): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject(key);
}

let templateDump: Promise<Blob> | undefined;

/**
 * A fresh in-memory PGlite of its own, migrated and seeded: loaded from the dump global setup made
 * once (no initdb, no migrations per test file), or migrated here when there is no dump.
 */
export async function openMigratedPglite(): Promise<{ db: SqlExecutor; store: SqlStore }> {
  const file = await provided('pgliteTemplate');
  if (!file) {
    const db = await openPglite();
    return { db, store: await prepareDatabase(db) };
  }
  templateDump ??= readFile(file).then((bytes) => new Blob([bytes]));
  const db = pgliteExecutor(await openPgliteInstance(undefined, await templateDump));
  return { db, store: new SqlStore(db) };
}

/**
 * A migrated database with the shipped definitions seeded: a fresh in-memory PGlite, or the
 * PostgreSQL server that tests/support/global-setup.ts migrated once. Tests isolate themselves by
 * creating their own project (random ids), so they run in parallel without truncation.
 * For 'supabase', `db` is the superuser connection behind the stand-in (for direct inspection) and
 * its close() also stops the stand-in.
 */
export async function openTestDatabase(engine: Engine): Promise<{ db: SqlExecutor; store: RpcStore }> {
  if (engine === 'postgres') {
    const db = openPostgres(process.env.DATABASE_URL!, { max: 4 });
    return { db, store: new SqlStore(db) };
  }
  if (engine === 'supabase') {
    const { db, store } = await openSupabaseTestDatabase();
    return { db, store };
  }
  return openMigratedPglite();
}

/**
 * A scratch database of its own on the DATABASE_URL server (`<database>_<label>_<random>`; the
 * role may create databases), migrated and seeded as the shared one is: for suites that watch
 * every table (triggers, checksums) and must not see other test files' writes. close() drops it,
 * and so does a failure while preparing it.
 */
export async function openScratchPostgres(
  label: string,
): Promise<{ db: SqlExecutor; store: SqlStore; database: string }> {
  const url = new URL(process.env.DATABASE_URL!);
  const suffix = `_${label}_${crypto.randomUUID().slice(0, 8)}`;
  // Within PostgreSQL's 63 bytes, and safe inside double quotes.
  const database =
    decodeURIComponent(url.pathname.slice(1))
      .replace(/[^\w-]/g, '_')
      .slice(0, 63 - suffix.length) + suffix;
  const admin = openPostgres(process.env.DATABASE_URL!, { max: 1 });
  const drop = async () => {
    try {
      await admin.exec(`drop database if exists "${database}" with (force)`);
    } finally {
      await admin.close();
    }
  };
  const template = await provided('postgresTemplate');
  let db: SqlExecutor | undefined;
  try {
    await createDatabase(admin, database, template);
    url.pathname = `/${database}`;
    db = openPostgres(url.toString(), { max: 4 });
    const store = template ? new SqlStore(db) : await prepareDatabase(db);
    const close = db.close.bind(db);
    db.close = async () => {
      try {
        await close();
      } finally {
        await drop();
      }
    };
    return { db, store, database };
  } catch (error) {
    await db?.close().catch(() => undefined);
    await drop();
    throw error;
  }
}

/**
 * Creates a database, as a copy of the migrated template when there is one. Copying fails while
 * another session is connected to the template (none should be, after global setup): retried.
 */
async function createDatabase(admin: SqlExecutor, database: string, template: string | undefined): Promise<void> {
  if (!template) return admin.exec(`create database "${database}"`);
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.exec(`create database "${database}" template "${template}"`);
    } catch (error) {
      if (attempt >= 10 || !/being accessed by other users/.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

/** The name of the migrated template database global setup makes next to `database`. */
export function postgresTemplateName(database: string): string {
  const suffix = '_template';
  return database.replace(/[^\w-]/g, '_').slice(0, 63 - suffix.length) + suffix;
}

/**
 * SupabaseStore against the PostgREST stand-in, over PostgreSQL (DATABASE_URL) or a fresh migrated PGlite.
 * `db` is the superuser connection behind the stand-in; its close() also stops the stand-in.
 */
export async function openSupabaseTestDatabase(): Promise<{
  db: SqlExecutor;
  store: SupabaseStore;
  standin: PostgrestStandin;
}> {
  const db = process.env.DATABASE_URL
    ? openPostgres(process.env.DATABASE_URL, { max: 4 })
    : (await openMigratedPglite()).db;
  const standin = await startPostgrestStandin(db, standinSecrets);
  const store = new SupabaseStore({ url: standin.url, ...standinSecrets });
  const close = db.close.bind(db);
  db.close = async () => {
    await standin.close();
    await close();
  };
  return { db, store, standin };
}
