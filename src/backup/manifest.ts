import { z } from 'zod';
import { supabaseApi, type Config } from '../config.ts';
import type { SqlQueryable } from '../store/executor.ts';

/**
 * What a backup says about itself, in `<file>.manifest.json` next to it: enough to check the file
 * (size, SHA-256) and the schema version (migrations) before a restore, and to verify the
 * restored database (row counts). Never data.
 */
export const manifestSchema = z.object({
  format: z.literal('enkat-backup/1'),
  /** postgres: pg_dump -Fc of the whole database; pglite: PGlite dumpDataDir() tarball; supabase: pg_dump of public, app, supabase_migrations. */
  engine: z.enum(['postgres', 'pglite', 'supabase']),
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  created_at: z.string(),
  tool: z.string(),
  server_version: z.string(),
  /** app_migrations (name, checksum); on Supabase the versions supabase db push recorded (checksum null). */
  migrations: z.array(z.object({ name: z.string(), checksum: z.string().nullable() })),
  /** Rows per table (schema.table) at the moment of the dump. */
  tables: z.record(z.string(), z.number().int().nonnegative()),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type MigrationEntry = Manifest['migrations'][number];

/** Why a backup's migrations differ from the code's, or undefined when they are the same. */
export function migrationMismatch(backup: MigrationEntry[], code: MigrationEntry[]): string | undefined {
  const inBackup = new Map(backup.map((m) => [m.name, m.checksum]));
  const inCode = new Map(code.map((m) => [m.name, m.checksum]));
  const missing = code.filter((m) => !inBackup.has(m.name)).map((m) => m.name);
  const extra = backup.filter((m) => !inCode.has(m.name)).map((m) => m.name);
  const changed = code.filter((m) => inBackup.has(m.name) && inBackup.get(m.name) !== m.checksum).map((m) => m.name);
  if (!missing.length && !extra.length && !changed.length) return undefined;
  const parts = [
    missing.length ? `${missing.length} migration(s) of this code are not in the backup (${missing.join(', ')})` : '',
    extra.length ? `the backup has ${extra.length} migration(s) this code does not know (${extra.join(', ')})` : '',
    changed.length ? `${changed.length} migration(s) differ from this code's files (${changed.join(', ')})` : '',
  ].filter(Boolean);
  return (
    `the backup is from a different schema version: ${parts.join('; ')}. ` +
    "Restore it with the version of Enkät that made it (then start that version's successor to migrate), or use a backup made by this version."
  );
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every ordinary or partitioned table outside the system schemas (optionally only the given schemas). */
export async function userTables(db: SqlQueryable, schemas?: string[]): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
       and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
       and ($1::text[] is null or n.nspname = any($1::text[]))
     order by 1`,
    [schemas ?? null],
  );
  return rows.map((r) => r.name);
}

/** Rows per table, in one statement (so one snapshot). */
export async function rowCounts(db: SqlQueryable, tables: string[]): Promise<Record<string, number>> {
  if (!tables.length) return {};
  const parts = tables.map((t, i) => {
    const [schema, ...rest] = t.split('.');
    return `select ${i} as i, count(*)::bigint::text as n from ${quoteIdent(schema!)}.${quoteIdent(rest.join('.'))}`;
  });
  const rows = await db.query<{ i: number; n: string }>(parts.join(' union all '));
  const counts: Record<string, number> = {};
  for (const r of rows) counts[tables[Number(r.i)]!] = Number(r.n);
  return counts;
}

/** The migrations recorded in the database: app_migrations, or on Supabase supabase db push's versions. */
export async function recordedMigrations(db: SqlQueryable, supabase: boolean): Promise<MigrationEntry[]> {
  if (supabase) {
    const rows = await db.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations order by version',
    );
    return rows.map((r) => ({ name: r.version, checksum: null }));
  }
  const [exists] = await db.query<{ ok: boolean }>(`select to_regclass('public.app_migrations') is not null as ok`);
  if (!exists?.ok) return [];
  return db.query<MigrationEntry>('select name, checksum from public.app_migrations order by name');
}

/** The facts a manifest records about a database, read in the caller's snapshot. */
export async function databaseFacts(
  db: SqlQueryable,
  supabase: boolean,
): Promise<Pick<Manifest, 'migrations' | 'tables' | 'server_version'>> {
  const [version] = await db.query<{ v: string }>(`select current_setting('server_version') as v`);
  const tables = await userTables(db, supabase ? ['public', 'app'] : undefined);
  return {
    server_version: version!.v,
    migrations: await recordedMigrations(db, supabase),
    tables: await rowCounts(db, tables),
  };
}

/** An audit row for a backup action, as the system (the operator holds the database anyway). Never data. */
export async function auditBackup(
  db: SqlQueryable,
  action: 'backup.create' | 'backup.restore',
  file: string,
  details: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `insert into public.audit_log (actor_kind, action, target_type, target_id, details) values ('system', $1, 'backup', $2, $3::text::jsonb)`,
    [action, file, JSON.stringify(details)],
  );
}

/** With only the Supabase API configured there is no database connection to back up or restore. */
export function refuseApiOnly(config: Config): void {
  if (!config.DATABASE_URL && supabaseApi(config)) {
    throw new Error(
      "the server uses the Supabase API: set DATABASE_URL to the project's connection string, or use Supabase's own backups",
    );
  }
}
