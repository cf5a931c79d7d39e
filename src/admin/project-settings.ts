/**
 * The project form: what an admin may set on a project (insats) and how it is stored — name and
 * minimum group size as columns, the rest in projects.settings under the keys the rest of the
 * app reads (schedule keys from domain/schedule-settings.ts, contact and ethics_reference for the
 * consent page, target_participants, goal_work_or_studies_percent, target_women_percent and
 * outcome_map (admin/outcome-map-form.ts) for outcomes, reporting_minimums (per survey and
 * occasion: what is worth reporting, never below the minimum group size) for the research figures
 * and the Rapportunderlag, accessibility_contact (else contact) for the accessibility statement,
 * requireReconsent for re-consent,
 * withdrawalPolicy for what a withdrawal does to answers already sent).
 */
import { z } from 'zod';
import { scheduleSettingsSchema } from '../domain/schedule-settings.ts';
import { MIN_GROUP_SIZE } from '../domain/limits.ts';
import { DEFAULT_WITHDRAWAL_POLICY, WITHDRAWAL_POLICY } from '../domain/vocabulary.ts';
import type { AdminProject } from '../store/store.ts';
import { outcomeMapValues, parseOutcomeMap } from './outcome-map-form.ts';

const GROUP_SIZE_MESSAGE = `Minsta gruppstorlek ska vara ett heltal mellan ${MIN_GROUP_SIZE.min} och ${MIN_GROUP_SIZE.max}.`;

const REPORTING_FIELDS = [
  'reporting_min_wai_start',
  'reporting_min_pagaende',
  'reporting_min_avslut',
  'reporting_min_wai_avslut',
] as const;

/** The form fields, all as strings (what an HTML form posts), and the outcome mapping's choices. */
export type ProjectFormValues = Record<(typeof FIELDS)[number], string> & Record<string, string>;

const FIELDS = [
  'name',
  'municipality',
  'period_start',
  'period_end',
  'target_participants',
  'goal_work_or_studies_percent',
  'target_women_percent',
  'min_group_size',
  ...REPORTING_FIELDS,
  'startDueDays',
  'pagaendeFromWeeks',
  'pagaendeToWeeks',
  'exitDueDays',
  'missedAfterDays',
  'languages',
  'ethics_reference',
  'contact',
  'accessibility_contact',
  'requireReconsent',
  'withdrawalPolicy',
] as const;

/** Reporting minimums: form field → settings.reporting_minimums key ("survey:occasion"). */
export const REPORTING_MINIMUMS = {
  reporting_min_wai_start: 'wai:start',
  reporting_min_pagaende: 'pagaende:pagaende',
  reporting_min_avslut: 'avslut:avslut',
  reporting_min_wai_avslut: 'wai:avslut',
} as const;

const SCHEDULE_KEYS = [
  'startDueDays',
  'pagaendeFromWeeks',
  'pagaendeToWeeks',
  'exitDueDays',
  'missedAfterDays',
] as const;

// A field left out of the post counts as empty.
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v === undefined ? '' : v);
const text = (max: number, message: string) =>
  z.preprocess(
    trimmed,
    z
      .string()
      .max(max, message)
      .transform((s) => (s === '' ? null : s)),
  );
const int = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (trimmed(v) === '' ? null : Number(trimmed(v))),
    z.number({ error: message }).int(message).min(min, message).max(max, message).nullable(),
  );
const date = (message: string) =>
  z.preprocess((v) => (trimmed(v) === '' ? null : trimmed(v)), z.iso.date({ error: message }).nullable());

const formSchema = z
  .object({
    name: z.preprocess(
      trimmed,
      z
        .string({ error: 'Skriv ett namn på projektet.' })
        .min(1, 'Skriv ett namn på projektet.')
        .max(200, 'Namnet får vara högst 200 tecken.'),
    ),
    municipality: text(200, 'Kommun får vara högst 200 tecken.'),
    period_start: date('Startdatum ska vara ett datum (ÅÅÅÅ-MM-DD).'),
    period_end: date('Slutdatum ska vara ett datum (ÅÅÅÅ-MM-DD).'),
    target_participants: int(1, 100_000, 'Målet för antal deltagare ska vara ett heltal, minst 1.'),
    goal_work_or_studies_percent: int(
      1,
      100,
      'Målet för andelen som går till arbete eller studier anges i procent, ett heltal mellan 1 och 100.',
    ),
    target_women_percent: int(1, 100, 'Målet för andelen kvinnor anges i procent, ett heltal mellan 1 och 100.'),
    min_group_size: int(MIN_GROUP_SIZE.min, MIN_GROUP_SIZE.max, GROUP_SIZE_MESSAGE).refine(
      (n) => n !== null,
      GROUP_SIZE_MESSAGE,
    ),
    ...Object.fromEntries(
      REPORTING_FIELDS.map((k) => [
        k,
        int(1, 10_000, 'En rapporteringsgräns ska vara ett heltal, minst 1 (tomt: minsta gruppstorlek).'),
      ]),
    ),
    startDueDays: int(1, 365, 'Dagar för start-WAI ska vara ett heltal mellan 1 och 365.'),
    pagaendeFromWeeks: int(1, 104, 'Veckan då Pågående öppnar ska vara ett heltal mellan 1 och 104.'),
    pagaendeToWeeks: int(2, 104, 'Veckan då Pågående stänger ska vara ett heltal mellan 2 och 104.'),
    exitDueDays: int(1, 365, 'Dagar för avslutsenkäter ska vara ett heltal mellan 1 och 365.'),
    missedAfterDays: int(
      1,
      365,
      'Dagar innan en försenad enkät räknas som missad ska vara ett heltal mellan 1 och 365.',
    ),
    languages: z.preprocess(
      (v) =>
        typeof v === 'string'
          ? v
              .toLowerCase()
              .split(/[\s,;]+/)
              .filter(Boolean)
          : [],
      z
        .array(z.string().regex(/^[a-z]{2,3}$/, 'Språk anges som språkkoder, till exempel en, ar, so.'))
        .max(20, 'Högst 20 språk.'),
    ),
    ethics_reference: text(200, 'Etikprövningens diarienummer får vara högst 200 tecken.'),
    contact: text(500, 'Kontaktuppgiften får vara högst 500 tecken.'),
    accessibility_contact: text(300, 'Kontakten för tillgänglighet får vara högst 300 tecken.'),
    requireReconsent: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
    // Left out: the key is removed and the default applies.
    withdrawalPolicy: z.preprocess(
      (v) => (trimmed(v) === '' ? null : trimmed(v)),
      z
        .enum(WITHDRAWAL_POLICY.values, { error: 'Välj vad som händer med svaren när någon återkallar sitt samtycke.' })
        .nullable(),
    ),
  })
  .refine((f) => !f.period_start || !f.period_end || f.period_start <= f.period_end, {
    path: ['period_end'],
    message: 'Perioden kan inte sluta innan den börjar.',
  });

export interface ProjectInput {
  name: string;
  min_group_size: number;
  /** null removes a key (the database merges settings). */
  settings: Record<string, unknown>;
}

/** Parses the posted form into columns and settings; errors are plain Swedish sentences. */
export function parseProjectForm(
  form: Record<string, unknown>,
): { ok: true; value: ProjectInput } | { ok: false; errors: string[] } {
  const parsed = formSchema.safeParse(form);
  const map = parseOutcomeMap(form);
  if (!parsed.success || !map.ok) {
    const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    return { ok: false, errors: [...new Set([...errors, ...(map.ok ? [] : [map.error])])] };
  }
  const f = parsed.data;
  const schedule = Object.fromEntries(SCHEDULE_KEYS.filter((k) => f[k] !== null).map((k) => [k, f[k]]));
  const checked = scheduleSettingsSchema.safeParse(schedule);
  if (!checked.success) {
    return {
      ok: false,
      errors: checked.error.issues.map((i) =>
        i.path[0] === 'pagaendeToWeeks'
          ? 'Pågående ska stänga senare än det öppnar.'
          : 'Start-WAI ska vara besvarad senast den vecka Pågående öppnar.',
      ),
    };
  }
  const languages = ['sv', ...f.languages.filter((l) => l !== 'sv')];
  return {
    ok: true,
    value: {
      name: f.name,
      min_group_size: f.min_group_size!,
      settings: {
        municipality: f.municipality,
        period_start: f.period_start,
        period_end: f.period_end,
        target_participants: f.target_participants,
        goal_work_or_studies_percent: f.goal_work_or_studies_percent,
        target_women_percent: f.target_women_percent,
        outcome_map: map.map,
        reporting_minimums: reportingMinimums(f as unknown as Record<string, number | null>),
        ...Object.fromEntries(SCHEDULE_KEYS.map((k) => [k, f[k]])),
        languages: [...new Set(languages)],
        ethics_reference: f.ethics_reference,
        contact: f.contact,
        accessibility_contact: f.accessibility_contact,
        requireReconsent: f.requireReconsent,
        withdrawalPolicy: f.withdrawalPolicy,
      },
    },
  };
}

/** The reporting minimums set in the form, or null (the key removed) when none is. */
function reportingMinimums(f: Record<string, number | null>): Record<string, number> | null {
  const set = Object.entries(REPORTING_MINIMUMS).filter(([field]) => f[field] !== null && f[field] !== undefined);
  return set.length === 0 ? null : Object.fromEntries(set.map(([field, key]) => [key, f[field]!]));
}

/** The form filled from a stored project (or empty, for a new one). */
export function projectFormValues(
  project?: Pick<AdminProject, 'name' | 'min_group_size' | 'settings'>,
): ProjectFormValues {
  const s = project?.settings ?? {};
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const values = {
    ...Object.fromEntries(FIELDS.map((k) => [k, str(s[k])])),
    ...outcomeMapValues(s),
  } as ProjectFormValues;
  values.name = project?.name ?? '';
  values.min_group_size = String(project?.min_group_size ?? MIN_GROUP_SIZE.default);
  const minimums = (s.reporting_minimums ?? {}) as Record<string, unknown>;
  for (const [field, key] of Object.entries(REPORTING_MINIMUMS)) values[field] = str(minimums[key]);
  values.languages = Array.isArray(s.languages) ? s.languages.filter((l) => l !== 'sv').join(', ') : '';
  values.requireReconsent = s.requireReconsent === true ? 'on' : '';
  values.withdrawalPolicy = (WITHDRAWAL_POLICY.values as readonly unknown[]).includes(s.withdrawalPolicy)
    ? String(s.withdrawalPolicy)
    : DEFAULT_WITHDRAWAL_POLICY;
  return values;
}
