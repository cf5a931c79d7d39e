/**
 * Staff accounts from the command line (Node):
 *   npm run staff -- add --email anna@forbund.se --role coach --project <project id or name> [--project …]
 *   npm run staff -- projects
 * Uses the same database as the server (DATABASE_URL, else PGlite in DATA_DIR: stop the server
 * first, PGlite allows one process per data directory). The one-time password is printed once.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { parseConfig } from '../config.ts';
import { AppError, errorMessage } from '../http/errors.ts';
import { openDatabase } from '../store/open-database.node.ts';
import { SqlStore } from '../store/sql-store.ts';

const addArgs = z.object({
  email: z.email('--email must be an e-mail address').transform((e) => e.toLowerCase()),
  role: z.enum(['admin', 'coach', 'researcher'], { error: '--role must be admin, coach or researcher' }),
  project: z.array(z.string().min(1)).min(1, 'give at least one --project (id or exact name)'),
});

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, role: { type: 'string' }, project: { type: 'string', multiple: true } },
  });
  const command = positionals[0];
  if (command !== 'add' && command !== 'projects') {
    console.error('usage: npm run staff -- add --email E --role admin|coach|researcher --project ID_OR_NAME\n       npm run staff -- projects');
    return 2;
  }
  const config = parseConfig(process.env);
  const { db } = await openDatabase(config);
  try {
    const projects = await db.query<{ id: string; name: string }>('select id::text, name from public.projects order by name');
    if (command === 'projects') {
      for (const p of projects) console.log(`${p.id}  ${p.name}`);
      return 0;
    }
    const parsed = addArgs.safeParse(values);
    if (!parsed.success) {
      console.error(parsed.error.issues.map((i) => i.message).join('\n'));
      return 2;
    }
    const { email, role, project } = parsed.data;
    const ids = project.map((ref) => projects.find((p) => p.id === ref || p.name === ref)?.id);
    const missing = project.filter((_, i) => !ids[i]);
    if (missing.length) {
      console.error(`unknown project(s): ${missing.join(', ')} (see: npm run staff -- projects)`);
      return 2;
    }
    const password = randomPassword();
    const store = new SqlStore(db);
    await store.createStaff({ email, password_hash: await hashPassword(password, config.PASSWORD_ITERATIONS), memberships: ids.map((id) => ({ project_id: id!, role })) });
    console.log(`Created ${role} ${email}.\nOne-time password (shown once): ${password}`);
    return 0;
  } catch (error) {
    console.error(`failed: ${error instanceof AppError ? errorMessage(error.code, 'en') : (error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
