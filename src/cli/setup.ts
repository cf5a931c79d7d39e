/**
 * Prepares a database the server did not prepare itself (a Supabase project: the function has
 * no "first start"):
 *   npm run setup                      seeds the shipped survey definitions (idempotent)
 *   npm run setup -- --email anna@forbund.se --organisation "Förbundet" --project "IPS Ockelbo"
 *                                      also creates the first project and its admin, only while
 *                                      the installation has no staff; the one-time password is
 *                                      printed once (only its hash is stored)
 * Uses DATABASE_URL (on Supabase: the project's connection string), else PGlite in DATA_DIR.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { parseConfig } from '../config.ts';
import { seedDefinitions } from '../setup/first-start.ts';
import { readSurveyFiles } from '../setup/read-surveys.node.ts';
import { openDatabase } from '../store/open-database.node.ts';
import { SqlStore } from '../store/sql-store.ts';

const adminArgs = z.object({
  email: z.email('--email must be an e-mail address').transform((e) => e.toLowerCase()),
  organisation: z.string().trim().min(1, 'give --organisation (the name of the organisation)'),
  project: z.string().trim().min(1, 'give --project (the name of the first project)'),
});

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, organisation: { type: 'string' }, project: { type: 'string' } },
  });
  const wantsAdmin = values.email !== undefined || values.organisation !== undefined || values.project !== undefined;
  const parsed = wantsAdmin ? adminArgs.safeParse(values) : undefined;
  if (parsed && !parsed.success) {
    console.error(
      `${parsed.error.issues.map((i) => i.message).join('\n')}\nusage: npm run setup [-- --email E --organisation NAME --project NAME]`,
    );
    return 2;
  }
  const config = parseConfig(process.env);
  const { db, description } = await openDatabase(config);
  try {
    console.log(`Database: ${description}`);
    const store = new SqlStore(db);
    const created = await seedDefinitions(store, await readSurveyFiles());
    console.log(`Survey definitions: ${created} new (the others were there already).`);
    if (!parsed) return 0;
    if ((await store.installationState()).has_staff) {
      console.error(
        'This installation has staff already: add people with `npm run staff -- add|invite` or on the admin pages.',
      );
      return 1;
    }
    const { email, organisation, project } = parsed.data;
    const { project_id } = await store.createProject({ organisation_name: organisation, name: project });
    const password = randomPassword();
    await store.createStaff({
      email,
      password_hash: await hashPassword(password, config.PASSWORD_ITERATIONS),
      memberships: [{ project_id, role: 'admin' }],
      must_change_password: true,
    });
    console.log(
      `Created project "${project}" (${project_id}) and its admin ${email}.\n` +
        `One-time password (shown once; the first login asks for a new one): ${password}`,
    );
    return 0;
  } catch (error) {
    console.error(`failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
