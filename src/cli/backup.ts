/**
 * Backs up the server's database (same configuration as the server):
 *   npm run backup [-- --out FILE|DIR]       default: ./backups/enkat-<engine>-<UTC time>.<dump|tar.gz>
 * DATABASE_URL: pg_dump in custom format of the whole database (pg_dump on PATH, the server's major
 * version or newer); on a Supabase-managed database only the schemas public, app and
 * supabase_migrations. Else PGlite in DATA_DIR: the engine's own copy (dumpDataDir), refused while
 * the server holds the directory. Writes `<file>.manifest.json` next to it; both mode 0600.
 * Prints the path, size and SHA-256, never data.
 */
import { parseArgs } from 'node:util';
import { createBackup } from '../backup/backup.node.ts';
import { parseConfig } from '../config.ts';

async function main(argv: string[]): Promise<number> {
  let out: string | undefined;
  try {
    ({
      values: { out },
    } = parseArgs({ args: argv, options: { out: { type: 'string' } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run backup [-- --out FILE|DIR]`);
    return 2;
  }
  try {
    const { file, manifestFile, manifest, seconds } = await createBackup(parseConfig(process.env), out);
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    console.log(
      `Backup of ${manifest.engine} (${manifest.migrations.length} migrations, ${Object.keys(manifest.tables).length} tables, ${rows} rows) in ${seconds.toFixed(1)} s:\n` +
        `  ${file}\n  ${formatBytes(manifest.bytes)}, SHA-256 ${manifest.sha256}\n  manifest: ${manifestFile}\n` +
        'It holds special-category health data: store it encrypted, limit who can read it, delete it by your retention rule.',
    );
    return 0;
  } catch (error) {
    console.error(`backup failed: ${(error as Error).message}`);
    return 1;
  }
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

process.exitCode = await main(process.argv.slice(2));
