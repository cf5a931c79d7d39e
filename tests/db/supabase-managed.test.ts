import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { checkSupabaseMigrations, isSupabaseManaged } from '../../src/store/migrate.ts';
import { readMigrationFiles } from '../../src/store/migration-files.node.ts';
import { openPglite } from '../../src/store/pglite-executor.ts';

describe('a database whose schema `supabase db push` manages', () => {
  let db: SqlExecutor;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(() => db.close());

  it('is recognised by supabase_migrations.schema_migrations; a missing migration is named with the fix', async () => {
    expect(await isSupabaseManaged(db)).toBe(false);
    await db.exec(
      'create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key)',
    );
    expect(await isSupabaseManaged(db)).toBe(true);
    const { migrations } = await readMigrationFiles();
    const [last, ...rest] = [...migrations].sort((a, b) => b.name.localeCompare(a.name));
    for (const m of rest)
      await db.query('insert into supabase_migrations.schema_migrations values ($1)', [m.name.split('_')[0]]);
    await expect(checkSupabaseMigrations(db, migrations)).rejects.toThrow(`(${last!.name}): run \`supabase db push\``);
    await db.query('insert into supabase_migrations.schema_migrations values ($1)', [last!.name.split('_')[0]]);
    await expect(checkSupabaseMigrations(db, migrations)).resolves.toBeUndefined();
  });
});
