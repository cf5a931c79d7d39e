/**
 * The domain's closed lists, each defined once: the values stored (and checked by the SQL CHECK
 * constraints, which tests/db/vocabulary.test.ts compares with these) and their Swedish labels.
 * Zod schemas, the views' option lists and the store's types are derived from here.
 */

/** An ordered list of [stored value, Swedish label] pairs with its values and a label lookup. */
function vocabulary<const T extends readonly (readonly [string, string])[]>(entries: T) {
  type Value = T[number][0];
  return {
    entries,
    values: entries.map(([value]) => value) as unknown as { readonly [K in keyof T]: T[K][0] } & readonly [
      Value,
      ...Value[],
    ],
    label: Object.fromEntries(entries) as Record<Value, string>,
  };
}

export type ValueOf<V extends { values: readonly string[] }> = V['values'][number];

/** The languages of the app's own texts (survey definitions carry their own translations). */
export const LANGS = ['sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** When in the programme a questionnaire is answered. */
export const OCCASION = vocabulary([
  ['start', 'Start'],
  ['pagaende', 'Pågående'],
  ['avslut', 'Avslut'],
]);
export type Occasion = ValueOf<typeof OCCASION>;

/** A staff member's role in a project. */
export const STAFF_ROLE = vocabulary([
  ['admin', 'Administratör'],
  ['coach', 'Coach'],
  ['researcher', 'Forskare'],
]);
export type StaffRole = ValueOf<typeof STAFF_ROLE>;

/** Who referred the participant to the programme (register data at enrolment). */
export const REFERRAL = vocabulary([
  ['af', 'Arbetsförmedlingen'],
  ['ifo', 'Socialtjänsten (IFO)'],
  ['fk', 'Försäkringskassan'],
  ['varden', 'Vården'],
  ['annan', 'Annan'],
]);
export type Referral = ValueOf<typeof REFERRAL>;

/** The participant's main occupation at enrolment and at exit. */
export const OCCUPATION = vocabulary([
  ['arbete_osubventionerad', 'Arbete utan stöd'],
  ['arbete_subventionerad', 'Arbete med lönestöd'],
  ['studier', 'Studier'],
  ['praktik', 'Praktik / arbetsträning'],
  ['arbetssokande', 'Arbetssökande'],
  ['sjukskriven', 'Sjukskriven / sjukersättning'],
  ['forsorjningsstod', 'Försörjningsstöd utan sysselsättning'],
  ['annat', 'Annat'],
]);
export type Occupation = ValueOf<typeof OCCUPATION>;

/** Why the participant left the programme. */
export const EXIT_REASON = vocabulary([
  ['arbete', 'Arbete'],
  ['studier', 'Studier'],
  ['fortsatt_rehabilitering', 'Fortsatt rehabilitering'],
  ['ohalsa', 'Ohälsa'],
  ['flytt', 'Flytt'],
  ['ej_kontaktbar', 'Går inte att nå'],
  ['annat', 'Annat'],
]);
export type ExitReason = ValueOf<typeof EXIT_REASON>;

/**
 * Gender as the participant states it (register data for the funder's and the national follow-up's
 * counts; never shown next to answers).
 */
export const GENDER = vocabulary([
  ['kvinna', 'Kvinna'],
  ['man', 'Man'],
  ['annat', 'Annat'],
  ['vill_inte_ange', 'Vill inte ange'],
]);
export type Gender = ValueOf<typeof GENDER>;

/** A broad age band at enrolment (never a birth date); register data like GENDER. */
export const AGE_BAND = vocabulary([
  ['16_29', '16–29'],
  ['30_49', '30–49'],
  ['50_64', '50–64'],
  ['65_plus', '65 eller äldre'],
]);
export type AgeBand = ValueOf<typeof AGE_BAND>;

/** What happens to a participant's sent answers when they withdraw consent (projects.settings). */
export const WITHDRAWAL_POLICY = vocabulary([
  ['keep', 'Behåll svaren'],
  ['erase', 'Radera svaren'],
]);
export type WithdrawalPolicy = ValueOf<typeof WITHDRAWAL_POLICY>;

/** The policy of a project that has not chosen one; app.withdrawal_policy() in SQL says the same. */
export const DEFAULT_WITHDRAWAL_POLICY: WithdrawalPolicy = 'erase';
