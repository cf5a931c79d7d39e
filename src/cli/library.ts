/**
 * The definition library from the command line (Node); the operator's tool, not a project admin's:
 *   npm run library -- list
 *   npm run library -- publish surveys/pagaende.json [more files …]
 * publish checks the file like first start does and publishes its (key, version) in the library;
 * the same content again is a no-op, other content under a published version is refused. An
 * organisation that has no version of the key adopts it at once; the others keep theirs until
 * one of their admins adopts the new version (/admin/definitions). Uses the same database as the
 * server (DATABASE_URL, else PGlite in DATA_DIR: stop the server first).
 */
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../config.ts';
import { seedDefinitions } from '../setup/first-start.ts';
import { openDatabase } from '../store/open-database.node.ts';
import { SqlStore } from '../store/sql-store.ts';

async function main(argv: string[]) {
  const [command, ...files] = argv;
  if (!((command === 'list' && files.length === 0) || (command === 'publish' && files.length > 0))) {
    console.error('usage: npm run library -- list\n       npm run library -- publish FILE.json [FILE.json …]');
    return 2;
  }
  const { db } = await openDatabase(parseConfig(process.env));
  const store = new SqlStore(db);
  try {
    if (command === 'publish') {
      const raw = await Promise.all(
        files.map(async (name) => ({ name, raw: JSON.parse(await readFile(name, 'utf8')) as unknown })),
      );
      const created = await seedDefinitions(store, raw);
      console.log(`Published ${created} new library version(s); ${files.length - created} already in the library.`);
    }
    for (const d of await store.libraryDefinitions()) {
      console.log(`${d.key}  v${d.version}  ${d.kind}  ${d.title?.sv ?? ''}  (adopted by ${d.organisations})`);
    }
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
