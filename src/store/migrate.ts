import type { SqlExecutor } from './executor.ts';

export interface MigrationFile {
  name: string;
  sql: string;
}

/**
 * Applies supabase/local/bootstrap.sql (idempotent) and then every migration not yet recorded
 * in app_migrations, each in its own transaction, in name order. Returns the names applied.
 */
export async function migrate(db: SqlExecutor, bootstrap: string, migrations: MigrationFile[]): Promise<string[]> {
  await db.exec(bootstrap);
  await db.exec(`create table if not exists public.app_migrations (
    name text primary key, applied_at timestamptz not null default now());
    alter table public.app_migrations enable row level security;
    revoke all on public.app_migrations from anon, authenticated;`);
  const done = new Set((await db.query<{ name: string }>('select name from public.app_migrations')).map((r) => r.name));
  const applied: string[] = [];
  for (const m of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
    if (done.has(m.name)) continue;
    try {
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('insert into public.app_migrations (name) values ($1)', [m.name]);
      });
    } catch (error) {
      throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
    }
    applied.push(m.name);
  }
  return applied;
}
