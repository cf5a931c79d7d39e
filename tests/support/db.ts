import { migrate } from '../../src/store/migrate.ts';
import { readMigrationFiles } from '../../src/store/migration-files.node.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { openPglite } from '../../src/store/pglite-executor.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import { seedDefinitions } from '../../src/setup/first-start.ts';
import { readSurveyFiles } from '../../src/setup/read-surveys.node.ts';

export type Engine = 'pglite' | 'postgres';

/** The engines the db suite runs on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** Migrates and seeds a database (idempotent). */
export async function prepareDatabase(db: SqlExecutor): Promise<SqlStore> {
  const files = await readMigrationFiles();
  await migrate(db, files.bootstrap, files.migrations);
  const store = new SqlStore(db);
  await seedDefinitions(store, await readSurveyFiles());
  return store;
}

/**
 * A migrated database with the shipped definitions seeded: a fresh in-memory PGlite, or the
 * PostgreSQL server that tests/support/global-setup.ts migrated once. Tests isolate themselves by
 * creating their own project (random ids), so they run in parallel without truncation.
 */
export async function openTestDatabase(engine: Engine): Promise<{ db: SqlExecutor; store: SqlStore }> {
  if (engine === 'postgres') {
    const db = openPostgres(process.env.DATABASE_URL!, { max: 4 });
    return { db, store: new SqlStore(db) };
  }
  const db = await openPglite();
  return { db, store: await prepareDatabase(db) };
}
