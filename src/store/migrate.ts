import type { SqlExecutor } from './executor.ts';

export interface MigrationFile {
  name: string;
  sql: string;
}

/** The checksum app_migrations records for a migration file (hex SHA-256 of its text). */
export async function migrationChecksum(text: string): Promise<string> {
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
    revoke all on public.app_migrations from public, anon, authenticated, service_role;`);
  const done = new Map(
    (await db.query<{ name: string; checksum: string }>('select name, checksum from public.app_migrations')).map(
      (r) => [r.name, r.checksum],
    ),
  );
  const applied: string[] = [];
  for (const m of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
    const checksum = await migrationChecksum(m.sql);
    const recorded = done.get(m.name);
    if (recorded !== undefined) {
      if (recorded !== checksum)
        throw new Error(
          `migration ${m.name} was changed after it was applied to this database; add a new migration instead`,
        );
      continue;
    }
    try {
      await db.transaction(async (tx) => {
        await tx.exec(m.sql);
        await tx.query('insert into public.app_migrations (name, checksum) values ($1, $2)', [m.name, checksum]);
      });
    } catch (error) {
      throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(m.name);
  }
  return applied;
}

/**
 * True on a database whose schema the Supabase CLI manages (`supabase db push` records its
 * migrations in supabase_migrations.schema_migrations). There bootstrap.sql must not run:
 * Supabase has the roles and auth.* functions itself, and their owner is not ours.
 */
export async function isSupabaseManaged(db: SqlExecutor): Promise<boolean> {
  const rows = await db.query<{ managed: boolean }>(
    `select to_regclass('supabase_migrations.schema_migrations') is not null as managed`,
  );
  return rows[0]?.managed === true;
}

/**
 * On a Supabase-managed database: checks that `supabase db push` applied every migration file
 * (versions are the file names' timestamp prefixes) and applies nothing itself.
 */
export async function checkSupabaseMigrations(db: SqlExecutor, migrations: MigrationFile[]): Promise<void> {
  const applied = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map(
      (r) => r.version,
    ),
  );
  const missing = migrations.map((m) => m.name).filter((name) => !applied.has(name.split('_')[0]!));
  if (missing.length) {
    throw new Error(
      `this Supabase database lacks ${missing.length} migration(s) (${missing.join(', ')}): run \`supabase db push\``,
    );
  }
}
