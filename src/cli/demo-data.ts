/**
 * Synthetic demo data (made-up participants, random codes, nothing personal) for trying the pages:
 *   npm run demo-data                      # into the demo project made at the first start
 *   npm run demo-data -- --project <id or exact name> [--seed 20261122] [--participants 60]
 * Uses the same database as the server (DATABASE_URL, else PGlite in DATA_DIR: stop the server
 * first, PGlite allows one process per data directory). Refuses a project that has participants.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import { seedDemoData } from '../setup/demo-data.ts';
import { DEMO_PROJECT_NAME, seedDefinitions } from '../setup/first-start.ts';
import { readSurveyFiles } from '../setup/read-surveys.node.ts';
import { openDatabase } from '../store/open-database.node.ts';
import { SqlStore } from '../store/sql-store.ts';

const args = z.object({
  project: z.string().min(1).default(DEMO_PROJECT_NAME),
  seed: z.coerce.number().int('--seed must be a whole number').default(20261122),
  participants: z.coerce
    .number()
    .int()
    .min(10, '--participants must be 10 to 500')
    .max(500, '--participants must be 10 to 500')
    .default(60),
});

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { project: { type: 'string' }, seed: { type: 'string' }, participants: { type: 'string' } },
  });
  const parsed = args.safeParse(values);
  if (!parsed.success) {
    console.error(parsed.error.issues.map((i) => i.message).join('\n'));
    console.error('usage: npm run demo-data -- [--project ID_OR_NAME] [--seed N] [--participants N]');
    return 2;
  }
  const config = parseConfig(process.env);
  const { db, description } = await openDatabase(config);
  try {
    console.log(`Database: ${description}`);
    const store = new SqlStore(db);
    await seedDefinitions(store, await readSurveyFiles());
    const { project, seed, participants } = parsed.data;
    const found = await db.query<{ id: string; name: string }>(
      'select id::text, name from public.projects where id::text = $1 or name = $1',
      [project],
    );
    if (found.length !== 1) {
      console.error(
        found.length === 0
          ? `no project "${project}" (start the server once to create the demo project, or see: npm run staff -- projects)`
          : `several projects are called "${project}": give its id`,
      );
      return 2;
    }
    const s = await seedDemoData(store, db, found[0]!.id, { seed, participants });
    console.log(
      `Added SYNTHETIC demo data to "${found[0]!.name}" (seed ${seed}): ${s.participants} participants, ` +
        `${s.consented} with research consent (${s.withdrawn} withdrawn), ${s.exited} exits.`,
    );
    for (const [key, n] of Object.entries(s.responses)) console.log(`  ${key}: ${n} responses`);
    return 0;
  } catch (error) {
    console.error(`failed: ${error instanceof AppError ? errorMessage(error.code, 'en') : (error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
