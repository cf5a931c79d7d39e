import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import postgres from 'postgres';
import type { Config } from '../config.ts';
import { lockDataDir } from '../store/data-dir-lock.node.ts';
import type { SqlQueryable } from '../store/executor.ts';
import { openPgliteInstance, pgliteExecutor } from '../store/pglite-executor.ts';
import { backupPath, pgConnection, privateFile, runPgTool, writeManifest } from './files.node.ts';
import { auditBackup, databaseFacts, refuseApiOnly, type Manifest } from './manifest.ts';

export interface BackupResult {
  file: string;
  manifestFile: string;
  manifest: Manifest;
  seconds: number;
}

/** Schemas a Supabase backup holds: ours. Supabase's own (auth, storage, …) belong to its backups. */
const supabaseSchemas = ['public', 'app', 'supabase_migrations'];

/**
 * Backs up the configured database (the server's configuration): pg_dump -Fc when DATABASE_URL is
 * set, else a dumpDataDir() tarball of the PGlite data directory (refused while the server holds
 * it). Writes the file and its manifest with mode 0600 and records backup.create in the audit log.
 */
export async function createBackup(config: Config, out?: string): Promise<BackupResult> {
  refuseApiOnly(config);
  const started = performance.now();
  const { file, manifest } = config.DATABASE_URL
    ? await backupPostgres(config.DATABASE_URL, out)
    : await backupPglite(config.DATA_DIR, out);
  const manifestFile = await writeManifest(file, manifest);
  return { file, manifestFile, manifest, seconds: (performance.now() - started) / 1000 };
}

const queryable = (tx: postgres.Sql | postgres.TransactionSql): SqlQueryable => ({
  query: async <T>(text: string, params: unknown[] = []) =>
    (await tx.unsafe(text, params as never[])) as unknown as T[],
  exec: async (script: string) => void (await tx.unsafe(script)),
});

async function pgDumpVersion(env: NodeJS.ProcessEnv): Promise<string> {
  const { execFile } = await import('node:child_process');
  return new Promise((ok) =>
    execFile('pg_dump', ['--version'], { env }, (error, stdout) => ok(error ? 'pg_dump' : stdout.trim())),
  );
}

async function backupPostgres(url: string, out: string | undefined): Promise<{ file: string; manifest: Manifest }> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {}, prepare: false });
  try {
    const [managed] = await queryable(sql).query<{ yes: boolean }>(
      `select to_regclass('supabase_migrations.schema_migrations') is not null as yes`,
    );
    const supabase = managed?.yes === true;
    const engine = supabase ? 'supabase' : 'postgres';
    const file = await backupPath(out, engine);
    const { dbname, env } = pgConnection(url);
    const sink = privateFile(file);
    const created_at = new Date().toISOString();
    let facts: Awaited<ReturnType<typeof databaseFacts>>;
    let written: { bytes: number; sha256: string };
    try {
      // pg_dump reads the snapshot this transaction exported: the row counts and the dump agree.
      ({ facts, written } = await sql.begin('isolation level repeatable read read only', async (tx) => {
        const [row] = await tx.unsafe<{ snapshot: string }[]>('select pg_export_snapshot() as snapshot');
        const facts = await databaseFacts(queryable(tx), supabase);
        const schemas = supabase ? supabaseSchemas.map((s) => `--schema=${s}`) : [];
        await runPgTool(
          'pg_dump',
          ['--format=custom', `--snapshot=${row!.snapshot}`, ...schemas, `--dbname=${dbname}`],
          env,
          sink,
        );
        return { facts, written: await sink.end() };
      }));
    } catch (error) {
      await sink.discard();
      throw error;
    }
    const manifest: Manifest = {
      format: 'enkat-backup/1',
      engine,
      file: basename(file),
      ...written,
      created_at,
      tool: await pgDumpVersion(env),
      ...facts,
    };
    await auditBackup(queryable(sql), 'backup.create', manifest.file, summary(manifest));
    return { file, manifest };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function backupPglite(dataDir: string, out: string | undefined): Promise<{ file: string; manifest: Manifest }> {
  const dir = join(dataDir, 'pglite');
  // PGlite would create an empty database in a missing directory: check first.
  await access(join(dir, 'PG_VERSION')).catch(() => {
    throw new Error(`no PGlite database in ${dir} (check DATA_DIR)`);
  });
  const release = await lockDataDir(dataDir, 'npm run backup');
  try {
    const pg = await openPgliteInstance(dir);
    try {
      const db = pgliteExecutor(pg);
      const created_at = new Date().toISOString();
      const facts = await databaseFacts(db, false);
      // The engine's own copy of its files (this process is the only one holding the directory).
      const tarball = await pg.dumpDataDir('gzip');
      const file = await backupPath(out, 'pglite');
      const sink = privateFile(file);
      let written: { bytes: number; sha256: string };
      try {
        sink.write(new Uint8Array(await tarball.arrayBuffer()));
        written = await sink.end();
      } catch (error) {
        await sink.discard();
        throw error;
      }
      const manifest: Manifest = {
        format: 'enkat-backup/1',
        engine: 'pglite',
        file: basename(file),
        ...written,
        created_at,
        tool: `PGlite ${await pgliteVersion()} dumpDataDir`,
        ...facts,
      };
      await auditBackup(db, 'backup.create', manifest.file, summary(manifest));
      return { file, manifest };
    } finally {
      await pg.close();
    }
  } finally {
    await release();
  }
}

async function pgliteVersion(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** What the audit log keeps about a backup: never data. */
export function summary(m: Manifest): Record<string, unknown> {
  return {
    engine: m.engine,
    bytes: m.bytes,
    sha256: m.sha256,
    created_at: m.created_at,
    migrations: m.migrations.length,
    tables: Object.keys(m.tables).length,
    rows: Object.values(m.tables).reduce((a, b) => a + b, 0),
  };
}
