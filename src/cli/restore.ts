/**
 * Restores a backup made by `npm run backup` into the server's database (same configuration):
 *   npm run restore -- FILE [--force]
 * Checks the file against `<FILE>.manifest.json` (size, SHA-256) and the backup's migrations
 * against this code's (a backup from another schema version is refused). A target that is not
 * empty is replaced only with --force. Stop the server first.
 * DATABASE_URL: pg_restore --clean --if-exists --no-owner in one transaction.
 * PGlite: a new data directory is filled from the backup, the old one is moved aside (kept).
 */
import { parseArgs } from 'node:util';
import { restoreBackup } from '../backup/restore.node.ts';
import { parseConfig } from '../config.ts';

async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  let force: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { force: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new Error('give exactly one backup file');
    file = positionals[0];
    force = values.force === true;
  } catch (error) {
    console.error(`${(error as Error).message}\nusage: npm run restore -- FILE [--force]`);
    return 2;
  }
  try {
    const { manifest, movedAside, seconds } = await restoreBackup(parseConfig(process.env), file!, { force });
    const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
    console.log(
      `Restored ${manifest.file} (${manifest.engine}, made ${manifest.created_at}) in ${seconds.toFixed(1)} s: ` +
        `checksum, ${manifest.migrations.length} migrations and ${rows} rows in ${Object.keys(manifest.tables).length} tables verified.`,
    );
    if (movedAside)
      console.log(
        `The previous data directory was moved to ${movedAside}: it holds health data, delete it once the restore is confirmed.`,
      );
    return 0;
  } catch (error) {
    console.error(`restore failed: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
