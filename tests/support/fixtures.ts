import { hashPassword } from '../../src/auth/passwords.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { Principal, StaffRole, Store } from '../../src/store/store.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';

/** Low iteration count for test accounts only (production enforces >= 600,000). */
export const TEST_ITERATIONS = 1000;
export const TEST_PASSWORD = 'correct horse battery staple';

export interface World {
  projectId: string;
  otherProjectId: string;
  admin: Principal & { kind: 'staff' };
  coach: Principal & { kind: 'staff' };
  researcher: Principal & { kind: 'staff' };
  otherCoach: Principal & { kind: 'staff' };
  otherResearcher: Principal & { kind: 'staff' };
  emails: Record<'admin' | 'coach' | 'researcher' | 'otherCoach' | 'otherResearcher', string>;
}

const rand = () => crypto.randomUUID().slice(0, 8);

/** Two fresh projects with staff in each role; unique e-mails so tests can share a database. */
/** The shipped definition keys (the organisation adopts them from the library as it is created). */
export const SHIPPED_KEYS = ['samtycke-forskning', 'pagaende', 'avslut', 'wai'] as const;

/**
 * Approves languages of the organisation's current shipped versions for participants, as its
 * admin does on /admin/definitions/:id/languages (audited like that).
 */
export async function approveLanguages(store: Store, admin: Principal, languages: readonly string[]): Promise<void> {
  for (const key of SHIPPED_KEYS) {
    const def = await store.publishedDefinition(admin, key);
    if (!def) continue;
    for (const lang of languages) await store.setDefinitionLanguage(admin, { id: def.id, lang, approved: true });
  }
}

/**
 * A fresh organisation with two projects and their staff. Its admin has approved English for
 * participants (the language most tests switch to); `languages` approves others, [] none.
 */
export async function createWorld(
  store: Store,
  options: { minGroupSize?: number; languages?: readonly string[] } = {},
): Promise<World> {
  const tag = rand();
  const { project_id: projectId, organisation_id } = await store.createProject({
    organisation_name: `Org ${tag}`,
    name: `Projekt ${tag}`,
    min_group_size: options.minGroupSize ?? 5,
  });
  const { project_id: otherProjectId } = await store.createProject({ organisation_id, name: `Annat ${tag}` });
  const password_hash = await hashPassword(TEST_PASSWORD, TEST_ITERATIONS);
  const make = async (name: string, project: string, role: StaffRole) => {
    const email = `${name}-${tag}@test.local`;
    const { id } = await store.createStaff({ email, password_hash, memberships: [{ project_id: project, role }] });
    return { principal: { kind: 'staff', staffId: id } as const, email };
  };
  const admin = await make('admin', projectId, 'admin');
  const coach = await make('coach', projectId, 'coach');
  const researcher = await make('researcher', projectId, 'researcher');
  const otherCoach = await make('coach2', otherProjectId, 'coach');
  const otherResearcher = await make('researcher2', otherProjectId, 'researcher');
  await approveLanguages(store, admin.principal, options.languages ?? ['en']);
  return {
    projectId,
    otherProjectId,
    admin: admin.principal,
    coach: coach.principal,
    researcher: researcher.principal,
    otherCoach: otherCoach.principal,
    otherResearcher: otherResearcher.principal,
    emails: {
      admin: admin.email,
      coach: coach.email,
      researcher: researcher.email,
      otherCoach: otherCoach.email,
      otherResearcher: otherResearcher.email,
    },
  };
}

/** Register data every enrolment records (gender and age band); tests that do not care use these. */
export const REGISTER = { gender: 'kvinna', age_band: '30_49' } as const;

export type ParticipantPrincipal = Principal & { kind: 'participant'; linkId: string; deviceHash: string };

/** A random device hash (what the app derives from a browser's device cookie). */
export const randomDeviceHash = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Enrols a participant (as the coach), mints a link for one survey occasion as the coach would,
 * and returns the participant's principal for it on one device.
 */
export async function enrol(
  store: Store,
  world: World,
  survey = 'pagaende',
  occasion: 'start' | 'pagaende' | 'avslut' = 'pagaende',
): Promise<ParticipantPrincipal> {
  const p = await store.enrolParticipant(world.coach, {
    project_id: world.projectId,
    code: generateCode(),
    ...REGISTER,
  });
  const link = await store.mintParticipantLink(world.coach, {
    participant_id: p.id,
    survey,
    occasion,
    via: 'link',
    ttl_days: 14,
  });
  return {
    kind: 'participant',
    participantId: p.id,
    projectId: p.project_id,
    survey,
    occasion,
    linkId: link.link_id,
    deviceHash: randomDeviceHash(),
  };
}

/** Enrols and records consent. */
export async function enrolWithConsent(store: Store, world: World): Promise<ParticipantPrincipal> {
  const who = await enrol(store, world);
  const consent = await store.publishedDefinition(who, 'samtycke-forskning');
  await store.giveConsent(who, {
    definition_id: consent!.id,
    answers: { samtycker: true, svarar_med: 'self' },
    method: 'self',
  });
  return who;
}

export const PAGAENDE_ITEMS = [
  'stod_till_hjalp',
  'paverka_plan',
  'tid_som_behovs',
  'hantera_situation',
  'stod_kontakter',
  'erfarenhet_tillvara',
  'mer_redo',
] as const;

/** Answers with every Pågående item set to the given value (or "none" for missing). */
export function pagaendeAnswers(
  value: number | 'none',
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { ...Object.fromEntries(PAGAENDE_ITEMS.map((i) => [i, value])), ...overrides };
}

/**
 * Moves a project's answers a year back, into closed quarters: research figures include closed
 * quarters only (docs/disclosure-control.md), so answers submitted today show after this.
 */
export async function closeQuarters(db: SqlExecutor, projectId: string): Promise<void> {
  await db.query(`update public.responses set submitted_at = submitted_at - interval '1 year' where project_id = $1`, [
    projectId,
  ]);
}
