import { hashPassword, randomPassword } from '../auth/passwords.ts';
import type { StaffRole, Store } from '../store/store.ts';
import { validateDefinitionFile } from '../surveys/catalog.ts';

/** Seeds every shipped definition (published, immutable). Refuses to start on an invalid file. */
export async function seedDefinitions(store: Store, files: { name: string; raw: unknown }[]): Promise<number> {
  let created = 0;
  for (const f of files) {
    const checked = validateDefinitionFile(f.raw);
    if (!checked.ok) throw new Error(`surveys/${f.name} is invalid: ${checked.problems.join('; ')}`);
    const { meta, survey } = checked.file;
    const result = await store.seedDefinition({
      key: meta.key,
      version: meta.version,
      kind: meta.kind,
      json: survey,
      meta,
    });
    if (result.created) created++;
  }
  return created;
}

/** The project createDemoIfEmpty makes; `npm run demo-data` looks it up by this name. */
export const DEMO_PROJECT_NAME = 'Demo IPS-insats';

/** A demo account createDemoIfEmpty made, with the one-time password to print once. */
export interface DemoAccount {
  email: string;
  password: string;
  /** What the account may do, in the words the start-up message uses. */
  roles: string;
}

/**
 * On an installation without staff: creates a demo organisation and project, an admin who is also
 * researcher there and a coach, so the whole flow can be tried. One person is never coach and
 * researcher in the same project (separation of duties), so the coach is an account of its own.
 * Returns the one-time passwords for the caller to print once; only their hashes are stored.
 */
export async function createDemoIfEmpty(store: Store, iterations: number): Promise<DemoAccount[] | null> {
  if ((await store.installationState()).has_staff) return null;
  const { project_id } = await store.createProject({
    organisation_name: 'Demo samordningsförbund',
    name: DEMO_PROJECT_NAME,
    settings: { contact: 'demo@example.org (demo)', ethics_reference: 'Dnr 0000-00000 (demo)' },
  });
  const accounts: { email: string; roles: StaffRole[]; words: string }[] = [
    { email: 'admin@demo.local', roles: ['admin', 'researcher'], words: 'admin and researcher' },
    { email: 'coach@demo.local', roles: ['coach'], words: 'coach' },
  ];
  const created: DemoAccount[] = [];
  for (const account of accounts) {
    const password = randomPassword();
    await store.createStaff({
      email: account.email,
      password_hash: await hashPassword(password, iterations),
      memberships: account.roles.map((role) => ({ project_id, role })),
      must_change_password: true,
    });
    created.push({ email: account.email, password, roles: account.words });
  }
  return created;
}
