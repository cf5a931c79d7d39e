/**
 * The funder's outcome categories (seed 000, section 5): how exits count as "arbete / studier /
 * annan sysselsättning / ingen sysselsättning", and the gender categories of the participants
 * reached. The default mapping is defined here and in SQL (app.default_outcome_map(), which
 * tests/db/outcomes.test.ts compares with this one); a project may store its own in
 * projects.settings.outcome_map, edited on the admin's project form.
 */
import { EXIT_REASON, OCCUPATION, type ExitReason, type Occupation } from './vocabulary.ts';

/** Where an exit counts for the funder, best first: an exit counts in the first its data maps to. */
export const ACTIVITY = [
  ['arbete', 'Arbete'],
  ['studier', 'Studier'],
  ['annan_sysselsattning', 'Annan sysselsättning'],
  ['ingen', 'Ingen sysselsättning'],
] as const;
export type Activity = (typeof ACTIVITY)[number][0];
export const ACTIVITY_VALUES = ACTIVITY.map(([v]) => v) as Activity[];
export const ACTIVITY_LABEL = Object.fromEntries(ACTIVITY) as Record<Activity, string>;

/** Gender as the participant states it (participants.gender), and "saknas" where none is recorded. */
export const GENDER_CATEGORY = [
  ['kvinna', 'Kvinna'],
  ['man', 'Man'],
  ['annat', 'Annat'],
  ['vill_inte_ange', 'Vill inte ange'],
  ['saknas', 'Uppgift saknas'],
] as const;
export type GenderCategory = (typeof GENDER_CATEGORY)[number][0];
export const GENDER_LABEL = Object.fromEntries(GENDER_CATEGORY) as Record<GenderCategory, string>;

/** Each exit reason and each occupation at exit mapped to an activity category. */
export interface OutcomeMap {
  exit_reason: Record<ExitReason, Activity>;
  occupation_exit: Record<Occupation, Activity>;
}

/**
 * The default follows the final report of seed 000: work (with or without wage subsidy), studies,
 * and "other activity", which counts enrolment at Arbetsförmedlingen (arbetssökande) and work
 * practice (praktik); so 3 to work, 6 to studies and 2 to Arbetsförmedlingen are 11 of 26 = 42 %.
 * Continued rehabilitation, ill health, moving, not reachable and "annat" are no activity unless
 * the occupation at exit says otherwise.
 */
export const DEFAULT_OUTCOME_MAP: OutcomeMap = {
  exit_reason: {
    arbete: 'arbete',
    studier: 'studier',
    fortsatt_rehabilitering: 'ingen',
    ohalsa: 'ingen',
    flytt: 'ingen',
    ej_kontaktbar: 'ingen',
    annat: 'ingen',
  },
  occupation_exit: {
    arbete_osubventionerad: 'arbete',
    arbete_subventionerad: 'arbete',
    studier: 'studier',
    praktik: 'annan_sysselsattning',
    arbetssokande: 'annan_sysselsattning',
    sjukskriven: 'ingen',
    forsorjningsstod: 'ingen',
    annat: 'ingen',
  },
};

const isActivity = (v: unknown): v is Activity => (ACTIVITY_VALUES as unknown[]).includes(v);

/** A project's mapping (settings.outcome_map) over the default: unknown keys and values are ignored, as in SQL. */
export function outcomeMapOf(settings: Record<string, unknown> | undefined): OutcomeMap {
  const stored = (settings?.outcome_map ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const pick = <K extends string>(keys: readonly K[], part: Record<K, Activity>, given: Record<string, unknown> = {}) =>
    Object.fromEntries(keys.map((k) => [k, isActivity(given[k]) ? given[k] : part[k]])) as Record<K, Activity>;
  return {
    exit_reason: pick(EXIT_REASON.values, DEFAULT_OUTCOME_MAP.exit_reason, stored.exit_reason ?? undefined),
    occupation_exit: pick(OCCUPATION.values, DEFAULT_OUTCOME_MAP.occupation_exit, stored.occupation_exit ?? undefined),
  };
}
