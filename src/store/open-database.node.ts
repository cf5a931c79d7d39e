import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { SqlExecutor } from './executor.ts';
import { checkSupabaseMigrations, isSupabaseManaged, migrate } from './migrate.ts';
import { readMigrationFiles } from './migration-files.node.ts';
import { openPglite } from './pglite-executor.ts';
import { openPostgres } from './postgres-executor.ts';

/**
 * Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite persisted in
 * DATA_DIR) and applies pending migrations. On a Supabase database (the CLI's
 * `supabase db push` manages the schema there) it only checks that every migration is applied.
 * Node only: the server and the CLI share it.
 */
export async function openDatabase(config: Config): Promise<{ db: SqlExecutor; description: string; applied: string[] }> {
  let db: SqlExecutor;
  let description: string;
  if (config.DATABASE_URL) {
    db = openPostgres(config.DATABASE_URL);
    description = `PostgreSQL at ${new URL(config.DATABASE_URL).host} (DATABASE_URL)`;
  } else {
    await mkdir(config.DATA_DIR, { recursive: true });
    const dir = join(config.DATA_DIR, 'pglite');
    db = await openPglite(dir);
    description = `embedded PGlite in ${dir}`;
  }
  try {
    const files = await readMigrationFiles();
    if (await isSupabaseManaged(db)) {
      await checkSupabaseMigrations(db, files.migrations);
      return { db, description: `${description}, schema managed by supabase db push`, applied: [] };
    }
    return { db, description, applied: await migrate(db, files.bootstrap, files.migrations) };
  } catch (error) {
    await db.close();
    throw error;
  }
}
