import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { supabaseApi, type Config } from '../config.ts';
import { lockDataDir } from './data-dir-lock.node.ts';
import type { SqlExecutor } from './executor.ts';
import { checkSupabaseMigrations, isSupabaseManaged, migrate } from './migrate.ts';
import { readMigrationFiles } from './migration-files.node.ts';
import { openPglite } from './pglite-executor.ts';
import { openPostgres } from './postgres-executor.ts';
import { SqlStore } from './sql-store.ts';
import { createSupabaseStore } from './supabase-store.ts';
import type { Store } from './store.ts';

/** What a data directory lock names as its holder: the script this process runs. */
function processPurpose(): string {
  return basename(process.argv[1] ?? 'node');
}

/**
 * Connects to the configured database without migrating: PostgreSQL when DATABASE_URL is set,
 * else PGlite persisted in DATA_DIR/pglite, locked for this process (PGlite does not stop a second
 * process from opening the directory). close() releases the lock.
 */
export async function connectDatabase(config: Config): Promise<{ db: SqlExecutor; description: string }> {
  if (config.DATABASE_URL) {
    // Host only: the URL's user and password are never printed.
    return {
      db: openPostgres(config.DATABASE_URL),
      description: `PostgreSQL at ${new URL(config.DATABASE_URL).host} (DATABASE_URL)`,
    };
  }
  if (supabaseApi(config))
    throw new Error('this command needs a direct connection: set DATABASE_URL (the Supabase connection string)');
  await mkdir(config.DATA_DIR, { recursive: true });
  const dir = join(config.DATA_DIR, 'pglite');
  const release = await lockDataDir(config.DATA_DIR, processPurpose());
  let db: SqlExecutor;
  try {
    db = await openPglite(dir);
  } catch (error) {
    await release();
    throw error;
  }
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await release();
  };
  return { db, description: `embedded PGlite in ${dir}` };
}

/**
 * Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite persisted in
 * DATA_DIR) and applies pending migrations. On a Supabase database (the CLI's
 * `supabase db push` manages the schema there) it only checks that every migration is applied.
 * Node only: the server and the CLI share it.
 */
export async function openDatabase(
  config: Config,
): Promise<{ db: SqlExecutor; description: string; applied: string[] }> {
  const { db, description } = await connectDatabase(config);
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

/**
 * The server's store: SupabaseStore when SUPABASE_URL, SUPABASE_ANON_KEY and SUPABASE_JWT_SECRET
 * are set (no migrations here: `supabase db push` applies them to the project), else SqlStore over
 * openDatabase(). The description names the engine and host, never a key.
 */
export async function openStore(config: Config): Promise<{ store: Store; description: string; applied: string[] }> {
  const api = supabaseApi(config);
  if (api) {
    const store = createSupabaseStore(api);
    const note = config.DATABASE_URL ? '; DATABASE_URL is left to the CLI commands' : '';
    return {
      store,
      description: `Supabase ${new URL(api.url).origin} via supabase-js (migrations are applied with supabase db push${note})`,
      applied: [],
    };
  }
  const { db, description, applied } = await openDatabase(config);
  return { store: new SqlStore(db), description, applied };
}
