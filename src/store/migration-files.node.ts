import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationFile } from './migrate.ts';

const root = new URL('../../supabase/', import.meta.url).pathname;

/** Reads supabase/local/bootstrap.sql and supabase/migrations/*.sql from disk (Node only). */
export async function readMigrationFiles(): Promise<{ bootstrap: string; migrations: MigrationFile[] }> {
  const dir = join(root, 'migrations');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const migrations = await Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(join(dir, name), 'utf8') })),
  );
  return { bootstrap: await readFile(join(root, 'local', 'bootstrap.sql'), 'utf8'), migrations };
}
