import type { SqlExecutor } from './executor.ts';

export interface MigrationFile {
  name: string;
  sql: string;
}

async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Applies supabase/local/bootstrap.sql (idempotent) and then every migration not yet recorded
 * in app_migrations, each in its own transaction, in name order. Returns the names applied.
 * A recorded migration whose file has changed since is refused: the database would no longer
 * match the files, and silently skipping it would hide that.
 */
export async function migrate(db: SqlExecutor, bootstrap: string, migrations: MigrationFile[]): Promise<string[]> {
  await db.exec(bootstrap);
  await db.exec(`create table if not exists public.app_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now());
    alter table public.app_migrations enable row level security;
    revoke all on public.app_migrations from anon, authenticated;`);
  const done = new Map((await db.query<{ name: string; checksum: string }>('select name, checksum from public.app_migrations')).map((r) => [r.name, r.checksum]));
  const applied: string[] = [];
  for (const m of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
    const checksum = await sha256(m.sql);
    const recorded = done.get(m.name);
    if (recorded !== undefined) {
      if (recorded !== checksum) throw new Error(`migration ${m.name} was changed after it was applied to this database; add a new migration instead`);
      continue;
    }
    try {
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('insert into public.app_migrations (name, checksum) values ($1, $2)', [m.name, checksum]);
      });
    } catch (error) {
      throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
    }
    applied.push(m.name);
  }
  return applied;
}
