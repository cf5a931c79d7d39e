/**
 * Staff accounts from the command line (Node):
 *   npm run staff -- add --email anna@forbund.se --role coach --project <project id or name> [--project …]
 *   npm run staff -- invite --email anna@forbund.se --role coach --project <project id or name> [--project …]
 *   npm run staff -- projects
 *   npm run staff -- grant-export <email> <project id or name> [--free-text]
 *   npm run staff -- revoke-export <email> <project id or name>
 * Uses the same database as the server (DATABASE_URL, else PGlite in DATA_DIR: stop the server
 * first, PGlite allows one process per data directory). The one-time password (add) or the
 * one-time link where the person chooses a password (invite, valid 7 days) is printed once.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { newLinkToken } from '../auth/link-tokens.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { parseConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import { openDatabase } from '../store/open-database.node.ts';
import { SqlStore } from '../store/sql-store.ts';
import { STAFF_ROLE } from '../domain/vocabulary.ts';

const addArgs = z.object({
  email: z.email('--email must be an e-mail address').transform((e) => e.toLowerCase()),
  role: z.enum(STAFF_ROLE.values, { error: '--role must be admin, coach or researcher' }),
  project: z.array(z.string().min(1)).min(1, 'give at least one --project (id or exact name)'),
});

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      project: { type: 'string', multiple: true },
      'free-text': { type: 'boolean' },
    },
  });
  const command = positionals[0];
  const exportGrant = command === 'grant-export' || command === 'revoke-export';
  if (
    (command !== 'add' && command !== 'invite' && command !== 'projects' && !exportGrant) ||
    (exportGrant && positionals.length !== 3)
  ) {
    console.error(
      'usage: npm run staff -- add|invite --email E --role admin|coach|researcher --project ID_OR_NAME\n       npm run staff -- projects\n' +
        '       npm run staff -- grant-export EMAIL ID_OR_NAME [--free-text]\n       npm run staff -- revoke-export EMAIL ID_OR_NAME',
    );
    return 2;
  }
  const config = parseConfig(process.env);
  const { db } = await openDatabase(config);
  try {
    const projects = await db.query<{ id: string; name: string }>(
      'select id::text, name from public.projects order by name',
    );
    if (command === 'projects') {
      for (const p of projects) console.log(`${p.id}  ${p.name}`);
      return 0;
    }
    if (exportGrant)
      return await exportGrantCommand(
        new SqlStore(db),
        projects,
        command,
        positionals[1]!,
        positionals[2]!,
        values['free-text'] === true,
      );
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
    const store = new SqlStore(db);
    const memberships = ids.map((id) => ({ project_id: id!, role }));
    if (command === 'invite')
      return await inviteCommand(store, email, memberships, config.PUBLIC_ORIGIN ?? `http://localhost:${config.PORT}`);
    const password = randomPassword();
    await store.createStaff({
      email,
      password_hash: await hashPassword(password, config.PASSWORD_ITERATIONS),
      memberships,
      must_change_password: true,
    });
    console.log(
      `Created ${role} ${email}.\nOne-time password (shown once; the first login asks for a new one): ${password}`,
    );
    return 0;
  } catch (error) {
    console.error(`failed: ${error instanceof AppError ? errorMessage(error.code, 'en') : (error as Error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}

/** Grants or revokes row-level export as the system (the operator has the database anyway); audited. */
async function exportGrantCommand(
  store: SqlStore,
  projects: { id: string; name: string }[],
  command: 'grant-export' | 'revoke-export',
  email: string,
  ref: string,
  freeText: boolean,
) {
  const project = projects.find((p) => p.id === ref || p.name === ref);
  if (!project) {
    console.error(`unknown project: ${ref} (see: npm run staff -- projects)`);
    return 2;
  }
  const input = { project_id: project.id, staff_email: email.toLowerCase() };
  if (command === 'revoke-export') {
    await store.revokeRowExport({ kind: 'system' }, input);
    console.log(`Revoked row-level export for ${email} in ${project.name}.`);
  } else {
    const grant = await store.grantRowExport({ kind: 'system' }, { ...input, include_free_text: freeText });
    console.log(
      `${grant.created ? 'Granted' : 'Already granted:'} row-level export for ${email} in ${project.name}, free text ${grant.include_free_text ? 'included' : 'excluded'}.`,
    );
  }
  return 0;
}

/** Invites as the system (audited): the person chooses their own password through the link. */
async function inviteCommand(
  store: SqlStore,
  email: string,
  memberships: { project_id: string; role: 'admin' | 'coach' | 'researcher' }[],
  origin: string,
) {
  const link = await newLinkToken();
  const result = await store.adminInviteStaff({ kind: 'system' }, { email, memberships, token_hash: link.hash });
  if (!result.invite) {
    console.log(`${email} already has an account with a password; the roles were added.`);
  } else {
    console.log(
      `Invited ${email}.\nOne-time link (shown once, valid until ${result.expires_at}): ${origin}/invite/${link.token}`,
    );
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
