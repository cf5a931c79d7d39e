import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import type { Config } from '../config.ts';
import { lockDataDir } from '../store/data-dir-lock.node.ts';
import type { SqlQueryable } from '../store/executor.ts';
import { migrationChecksum } from '../store/migrate.ts';
import { readMigrationFiles } from '../store/migration-files.node.ts';
import { openPgliteInstance, pgliteExecutor } from '../store/pglite-executor.ts';
import { summary } from './backup.node.ts';
import { pgConnection, readVerifiedManifest, runPgTool } from './files.node.ts';
import { auditBackup, databaseFacts, migrationMismatch, refuseApiOnly, userTables, type Manifest } from './manifest.ts';

export interface RestoreResult {
  manifest: Manifest;
  /** PGlite: where the replaced data directory was moved (kept, never deleted). */
  movedAside?: string;
  seconds: number;
}

/**
 * Restores a backup into the configured database after checking the file against its manifest
 * and the manifest's migrations against this code's. A target that has tables (PostgreSQL) or a
 * data directory (PGlite) is replaced only with `force`. Records backup.restore in the audit log
 * of the restored database.
 */
export async function restoreBackup(
  config: Config,
  file: string,
  options: { force?: boolean } = {},
): Promise<RestoreResult> {
  refuseApiOnly(config);
  const started = performance.now();
  const path = resolve(file);
  const manifest = await readVerifiedManifest(path);
  const files = await readMigrationFiles();
  const code = await Promise.all(
    files.migrations.map(async (m) => ({ name: m.name, checksum: await migrationChecksum(m.sql) })),
  );
  if (manifest.engine === 'supabase') {
    throw new Error(
      "this backup is of a Supabase-managed database: restore it as the README describes (Deploy to Supabase → Backups and restore), or use Supabase's own backups",
    );
  }
  const mismatch = migrationMismatch(manifest.migrations, code);
  if (mismatch) throw new Error(mismatch);
  const wanted = config.DATABASE_URL ? 'postgres' : 'pglite';
  if (manifest.engine !== wanted) {
    throw new Error(
      `this is a ${manifest.engine} backup but the configuration points at ${wanted === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (DATA_DIR, no DATABASE_URL)'}: restore it into the same kind of database`,
    );
  }
  const movedAside = config.DATABASE_URL
    ? await restorePostgres(config.DATABASE_URL, path, manifest, files.bootstrap, options.force === true)
    : await restorePglite(config.DATA_DIR, path, manifest, options.force === true);
  return { manifest, movedAside, seconds: (performance.now() - started) / 1000 };
}

const queryable = (tx: postgres.Sql): SqlQueryable => ({
  query: async <T>(text: string, params: unknown[] = []) =>
    (await tx.unsafe(text, params as never[])) as unknown as T[],
  exec: async (script: string) => void (await tx.unsafe(script)),
});

async function restorePostgres(
  url: string,
  file: string,
  manifest: Manifest,
  bootstrap: string,
  force: boolean,
): Promise<undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {}, prepare: false });
  try {
    const db = queryable(sql);
    const [managed] = await db.query<{ yes: boolean }>(
      `select to_regclass('supabase_migrations.schema_migrations') is not null as yes`,
    );
    if (managed?.yes)
      throw new Error(
        "the target is a Supabase-managed database: use Supabase's backups, or restore as the README describes (Deploy to Supabase → Backups and restore)",
      );
    const existing = await userTables(db);
    if (existing.length && !force) {
      throw new Error(
        `the target database is not empty (${existing.length} tables): restore with --force to replace its contents (back it up first), or into an empty database`,
      );
    }
    // The roles the grants in the dump name (anon, authenticated, service_role) live in the cluster, not the dump.
    await db.exec(bootstrap);
    const { dbname, env } = pgConnection(url);
    await runPgTool(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file],
      env,
    );
    await verify(db, manifest);
    await auditBackup(db, 'backup.restore', manifest.file, summary(manifest));
    return undefined;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function restorePglite(
  dataDir: string,
  file: string,
  manifest: Manifest,
  force: boolean,
): Promise<string | undefined> {
  const dir = join(dataDir, 'pglite');
  const hasData = await readdir(dir).then(
    (names) => names.length > 0,
    () => false,
  );
  if (hasData && !force) {
    throw new Error(
      `${dir} already holds a database: restore with --force to replace it (it is moved aside, not deleted), or set DATA_DIR to an empty directory`,
    );
  }
  await mkdir(dataDir, { recursive: true });
  const release = await lockDataDir(dataDir, 'npm run restore');
  const incoming = `${dir}.restoring`;
  try {
    // Left over by an interrupted restore: a partial copy of a backup that still exists.
    await rm(incoming, { recursive: true, force: true });
    const pg = await openPgliteInstance(incoming, new Blob([await readFile(file)]));
    try {
      const db = pgliteExecutor(pg);
      await verify(db, manifest);
      await auditBackup(db, 'backup.restore', manifest.file, summary(manifest));
    } finally {
      await pg.close();
    }
    let movedAside: string | undefined;
    if (hasData) {
      movedAside = `${dir}.before-restore-${new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}`;
      await rename(dir, movedAside);
    } else {
      await rm(dir, { recursive: true, force: true });
    }
    await rename(incoming, dir);
    return movedAside;
  } catch (error) {
    await rm(incoming, { recursive: true, force: true });
    throw error;
  } finally {
    await release();
  }
}

/** The restored database must hold what the manifest says: the same migrations and row counts. */
async function verify(db: SqlQueryable, manifest: Manifest): Promise<void> {
  const facts = await databaseFacts(db, false);
  const differ = migrationMismatch(facts.migrations, manifest.migrations);
  if (differ) throw new Error(`the restored database does not match the manifest: ${differ}`);
  const tables = new Set([...Object.keys(facts.tables), ...Object.keys(manifest.tables)]);
  const wrong = [...tables].filter((t) => facts.tables[t] !== manifest.tables[t]);
  if (wrong.length)
    throw new Error(`the restored database does not match the manifest: row counts differ in ${wrong.join(', ')}`);
}
