import { hashPassword, randomPassword } from '../auth/passwords.ts';
import type { Store } from '../store/store.ts';
import { validateDefinitionFile } from '../surveys/catalog.ts';
import { STAFF_ROLE } from '../domain/vocabulary.ts';

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

/**
 * On an installation without staff: creates a demo organisation and project and an admin (who is
 * also coach and researcher there, so the whole flow can be tried). Returns the one-time password
 * for the caller to print once; it is stored only as a hash.
 */
export async function createDemoIfEmpty(
  store: Store,
  iterations: number,
): Promise<{ email: string; password: string } | null> {
  if ((await store.installationState()).has_staff) return null;
  const { project_id } = await store.createProject({
    organisation_name: 'Demo samordningsförbund',
    name: DEMO_PROJECT_NAME,
    settings: { contact: 'demo@example.org (demo)', ethics_reference: 'Dnr 0000-00000 (demo)' },
  });
  const email = 'admin@demo.local';
  const password = randomPassword();
  await store.createStaff({
    email,
    password_hash: await hashPassword(password, iterations),
    memberships: STAFF_ROLE.values.map((role) => ({ project_id, role })),
  });
  return { email, password };
}
