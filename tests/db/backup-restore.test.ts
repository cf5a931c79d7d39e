import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, type BackupResult } from '../../src/backup/backup.node.ts';
import { fileDigest, manifestPath } from '../../src/backup/files.node.ts';
import { userTables, type Manifest } from '../../src/backup/manifest.ts';
import { restoreBackup } from '../../src/backup/restore.node.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import { seedDemoData } from '../../src/setup/demo-data.ts';
import { seedDefinitions } from '../../src/setup/first-start.ts';
import { readSurveyFiles } from '../../src/setup/read-surveys.node.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { connectDatabase, openDatabase } from '../../src/store/open-database.node.ts';
import { openPostgres } from '../../src/store/postgres-executor.ts';
import { readMigrationFiles } from '../../src/store/migration-files.node.ts';
import { SqlStore } from '../../src/store/sql-store.ts';
import type { AggregateReport } from '../../src/store/store.ts';
import {
  createWorld,
  enrolWithConsent,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

type Kind = 'pglite' | 'postgres';
const kinds: Kind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const run = promisify(execFile);

/**
 * Every table's rows (ordered md5 of the row texts), every sequence's position, and the schema's
 * access rules (table ACLs and RLS flags, function bodies and ACLs, policies; a NULL ACL is the
 * owner's default, which pg_dump restores as NULL). The audit row the
 * restore itself writes is left out of the audit log's digest; its sequence is checked apart.
 */
async function snapshot(db: SqlExecutor) {
  const rows: Record<string, string> = {};
  for (const table of await userTables(db)) {
    const skip = table === 'public.audit_log' ? ` where action <> 'backup.restore'` : '';
    const [r] = await db.query<{ n: number; md5: string | null }>(
      `select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as md5 from ${table} t${skip}`,
    );
    rows[table] = `${r!.n} ${r!.md5}`;
  }
  const sequences = Object.fromEntries(
    (
      await db.query<{ name: string; v: string | null }>(
        `select schemaname || '.' || sequencename as name, last_value::text as v from pg_sequences order by 1`,
      )
    ).map((s) => [s.name, s.v]),
  );
  const [schema] = await db.query<{ tables: string; functions: string; policies: string }>(`
    select (select md5(string_agg(n.nspname || '.' || c.relname || c.relkind::text || coalesce(c.relacl, acldefault((case c.relkind when 'S' then 's' else 'r' end)::"char", c.relowner))::text || c.relrowsecurity::text, '|' order by n.nspname, c.relname))
              from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('app', 'public', 'auth')) as tables,
           (select md5(string_agg(n.nspname || '.' || p.proname || md5(p.prosrc) || coalesce(p.proacl, acldefault('f'::"char", p.proowner))::text || p.prosecdef::text, '|' order by n.nspname, p.proname, p.prosrc))
              from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('app', 'public', 'auth')) as functions,
           (select md5(string_agg(schemaname || tablename || policyname || cmd || roles::text || coalesce(qual, '') || coalesce(with_check, ''), '|' order by schemaname, tablename, policyname))
              from pg_policies) as policies`);
  return { rows, sequences, schema: schema! };
}

async function totalRows(rows: Record<string, string>) {
  return Object.values(rows).reduce((n, v) => n + Number(v.split(' ')[0]), 0);
}

describe.each(kinds)('backup and restore on %s', (kind) => {
  const tag = crypto.randomUUID().slice(0, 8);
  let tmp: string;
  let admin: SqlExecutor | undefined;
  const databases: string[] = [];
  let world: World;
  let resumer: ParticipantPrincipal;
  let pagaendeId: string;
  let before: Awaited<ReturnType<typeof snapshot>>;
  let aggregates: AggregateReport;
  let backup: BackupResult;

  /** A configuration for a fresh target: a new PGlite data directory, or a new scratch database. */
  async function freshConfig(name: string): Promise<Config> {
    if (kind === 'pglite') return parseConfig({ DATA_DIR: join(tmp, name) });
    const url = new URL(process.env.DATABASE_URL!);
    const database = `${url.pathname.slice(1)}_${name}_${tag}`;
    await admin!.exec(`create database "${database}"`);
    databases.push(database);
    url.pathname = `/${database}`;
    return parseConfig({ DATABASE_URL: url.toString() });
  }

  let source: Config;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'enkat-backup-'));
    if (kind === 'postgres') admin = openPostgres(process.env.DATABASE_URL!, { max: 1 });
    source = await freshConfig('src');
    const { db } = await openDatabase(source);
    try {
      const store = new SqlStore(db);
      await seedDefinitions(store, await readSurveyFiles());
      world = await createWorld(store);
      await seedDemoData(store, db, world.projectId, { seed: 11, participants: 30 });
      // A participant half-way through a questionnaire: after the restore they continue.
      resumer = await enrolWithConsent(store, world);
      pagaendeId = (await store.publishedDefinition(resumer, 'pagaende'))!.id;
      await store.saveDraft(resumer, {
        definition_id: pagaendeId,
        answers: { stod_till_hjalp: 5, paverka_plan: 4 },
        page: 1,
      });
      aggregates = await store.itemAggregates(world.researcher, {
        project_id: world.projectId,
        survey_key: 'pagaende',
      });
      before = await snapshot(db);
    } finally {
      await db.close();
    }
    backup = await createBackup(source, join(tmp, 'backups') + '/');
  }, 180_000);

  afterAll(async () => {
    for (const database of databases) await admin?.exec(`drop database if exists "${database}" with (force)`);
    await admin?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('writes the backup and its manifest readable by the owner only, with migrations, row counts and the SHA-256', async () => {
    expect((await stat(backup.file)).mode & 0o777).toBe(0o600);
    expect((await stat(backup.manifestFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(tmp, 'backups'))).mode & 0o777).toBe(0o700);
    expect(basename(backup.file)).toMatch(
      new RegExp(`^enkat-${kind}-\\d{8}T\\d{6}Z\\.${kind === 'pglite' ? 'tar\\.gz' : 'dump'}$`),
    );
    const manifest = JSON.parse(await readFile(backup.manifestFile, 'utf8')) as Manifest;
    expect(manifest).toMatchObject({
      format: 'enkat-backup/1',
      engine: kind,
      file: basename(backup.file),
      ...(await fileDigest(backup.file)),
    });
    expect(manifest.migrations.length).toBeGreaterThanOrEqual(19);
    expect(manifest.migrations.every((m) => /^[0-9a-f]{64}$/.test(m.checksum!))).toBe(true);
    expect(Object.fromEntries(Object.entries(before.rows).map(([t, v]) => [t, Number(v.split(' ')[0])]))).toEqual(
      manifest.tables,
    );
    expect(manifest.tables['public.responses']).toBeGreaterThan(50);
    // The source records the backup (after the dump: the backup does not contain its own row).
    const { db } = await connectDatabase(source);
    try {
      const audit = await db.query<{ actor_kind: string; target_id: string; details: { sha256: string } }>(
        `select actor_kind, target_id, details from public.audit_log where action = 'backup.create'`,
      );
      expect(audit).toEqual([
        {
          actor_kind: 'system',
          target_id: manifest.file,
          details: expect.objectContaining({ sha256: manifest.sha256 }),
        },
      ]);
    } finally {
      await db.close();
    }
  });

  it('restores into an empty target: the same rows, sequences and access rules, and the app works on it', async () => {
    const target = await freshConfig('dst');
    const result = await restoreBackup(target, backup.file);
    expect(result.movedAside).toBeUndefined();
    const { db, applied } = await openDatabase(target);
    try {
      expect(applied).toEqual([]);
      const after = await snapshot(db);
      expect(after.rows).toEqual(before.rows);
      expect(await totalRows(after.rows)).toBeGreaterThan(1000);
      expect(after.schema).toEqual(before.schema);
      const auditSeq = Object.keys(before.sequences).find((s) => s.includes('audit_log'))!;
      expect({ ...after.sequences, [auditSeq]: null }).toEqual({ ...before.sequences, [auditSeq]: null });
      expect(Number(after.sequences[auditSeq])).toBe(Number(before.sequences[auditSeq]) + 1); // the backup.restore row
      const [restoreRow] = await db.query<{ n: number }>(
        `select count(*)::int as n from public.audit_log where action = 'backup.restore' and actor_kind = 'system'`,
      );
      expect(restoreRow!.n).toBe(1);

      const store = new SqlStore(db);
      expect(
        await store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: 'pagaende' }),
      ).toEqual(aggregates);
      const session = await store.participantSession(resumer);
      expect(session?.draft?.answers).toEqual({ stod_till_hjalp: 5, paverka_plan: 4 });
      const submitted = await store.submitResponse(resumer, {
        id: crypto.randomUUID(),
        definition_id: pagaendeId,
        answers: pagaendeAnswers(4),
      });
      expect(submitted).toBeTruthy();
    } finally {
      await db.close();
    }
  });

  it('refuses a damaged file', async () => {
    const damaged = join(tmp, `damaged-${basename(backup.file)}`);
    const bytes = await readFile(backup.file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(damaged, bytes);
    await copyFile(backup.manifestFile, manifestPath(damaged));
    await expect(restoreBackup(await freshConfig('dmg'), damaged)).rejects.toThrow(
      /checksum mismatch: .* the file is damaged/,
    );
    await expect(restoreBackup(await freshConfig('nomf'), join(tmp, 'no-such.dump'))).rejects.toThrow(/no manifest/);
  });

  it('refuses a backup from another schema version', async () => {
    const manifest = JSON.parse(await readFile(backup.manifestFile, 'utf8')) as Manifest;
    const older = join(tmp, `older-${basename(backup.file)}`);
    await copyFile(backup.file, older);
    await writeFile(manifestPath(older), JSON.stringify({ ...manifest, migrations: manifest.migrations.slice(0, -1) }));
    await expect(restoreBackup(await freshConfig('old'), older)).rejects.toThrow(
      /different schema version: 1 migration\(s\) of this code are not in the backup/,
    );
    const changed = join(tmp, `changed-${basename(backup.file)}`);
    await copyFile(backup.file, changed);
    await writeFile(
      manifestPath(changed),
      JSON.stringify({
        ...manifest,
        migrations: manifest.migrations.map((m, i) => (i === 3 ? { ...m, checksum: '0'.repeat(64) } : m)),
      }),
    );
    await expect(restoreBackup(await freshConfig('chg'), changed)).rejects.toThrow(
      /different schema version: 1 migration\(s\) differ/,
    );
  });

  it('refuses a target that is not empty without --force; with it, replaces the contents', async () => {
    await expect(restoreBackup(source, backup.file)).rejects.toThrow(
      kind === 'pglite'
        ? /already holds a database: restore with --force/
        : /not empty \(\d+ tables\): restore with --force/,
    );
    const result = await restoreBackup(source, backup.file, { force: true });
    if (kind === 'pglite') {
      expect(result.movedAside).toMatch(/pglite\.before-restore-\d{8}T\d{6}Z$/);
      expect(await readdir(source.DATA_DIR)).toEqual(expect.arrayContaining(['pglite', basename(result.movedAside!)]));
    }
    const { db } = await connectDatabase(source);
    try {
      const after = await snapshot(db);
      // The backup.create row was written after the dump, so the forced restore removed it again.
      expect(after.rows).toEqual(before.rows);
    } finally {
      await db.close();
    }
  });

  it.runIf(kind === 'postgres')(
    'backs up only our schemas of a Supabase-managed database, and leaves its restore to Supabase',
    async () => {
      const managed = await freshConfig('supa');
      const { db } = await openDatabase(managed);
      try {
        const { migrations } = await readMigrationFiles();
        await db.exec(
          'create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key)',
        );
        for (const m of migrations)
          await db.query('insert into supabase_migrations.schema_migrations values ($1)', [m.name.split('_')[0]]);
      } finally {
        await db.close();
      }
      const result = await createBackup(managed, join(tmp, 'backups') + '/');
      expect(result.manifest.engine).toBe('supabase');
      expect(result.manifest.migrations.every((m) => m.checksum === null && /^\d{14}$/.test(m.name))).toBe(true);
      expect(Object.keys(result.manifest.tables).every((t) => /^(public|app)\./.test(t))).toBe(true);
      const { stdout } = await run('pg_restore', ['--list', result.file]);
      const schemas = new Set([...stdout.matchAll(/ SCHEMA - (\S+) /g)].map((m) => m[1]));
      expect(schemas.has('auth')).toBe(false);
      expect(schemas.has('app')).toBe(true);
      await expect(restoreBackup(await freshConfig('supa2'), result.file)).rejects.toThrow(
        /Supabase-managed database: restore it as the README describes/,
      );
    },
  );

  it.runIf(kind === 'pglite')('refuses to copy or replace a PGlite directory another process holds', async () => {
    const { db } = await connectDatabase(source);
    try {
      await expect(createBackup(source, join(tmp, 'backups') + '/')).rejects.toThrow(/in use by .*stop it first/);
      await expect(restoreBackup(source, backup.file, { force: true })).rejects.toThrow(/in use by/);
    } finally {
      await db.close();
    }
  });

  it.runIf(kind === 'pglite')(
    'works from the command line and prints the path, size and SHA-256, never data',
    async () => {
      const env = { ...process.env, DATABASE_URL: '', DATA_DIR: source.DATA_DIR };
      const out = join(tmp, 'cli-backups') + '/';
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', '--out', out], { env });
      const file = stdout.match(/^ {2}(\/\S+\.tar\.gz)$/m)?.[1];
      expect(file).toBeDefined();
      expect(stdout).toMatch(/MiB, SHA-256 [0-9a-f]{64}/);
      expect(stdout).not.toMatch(/[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/); // no pseudonym code
      const restored = { ...env, DATA_DIR: join(tmp, 'cli-restore') };
      const first = await run(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts', file!], { env: restored });
      expect(first.stdout).toMatch(/^Restored .* verified\.$/m);
      const again = await run(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts', file!], {
        env: restored,
      }).catch((e: { code: number; stderr: string }) => e);
      expect(again).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/restore failed: .*already holds a database/),
      });
    },
  );
});

describe('backup and restore with only the Supabase API configured', () => {
  it('refuse: there is no database connection (and a local PGlite is not what the server uses)', async () => {
    const config = parseConfig({
      SUPABASE_URL: 'https://example.supabase.co',
      SUPABASE_ANON_KEY: 'anon',
      SUPABASE_JWT_SECRET: 'x'.repeat(40),
      DATA_DIR: join(tmpdir(), 'enkat-no-such-dir'),
    });
    await expect(createBackup(config)).rejects.toThrow(/uses the Supabase API: set DATABASE_URL/);
    await expect(restoreBackup(config, 'backup.dump')).rejects.toThrow(/uses the Supabase API: set DATABASE_URL/);
  });
});
