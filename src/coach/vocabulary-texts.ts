/** The register vocabularies' labels on the coach's pages (Swedish as in src/domain/vocabulary.ts). */
import {
  AGE_BAND,
  EXIT_REASON,
  GENDER,
  OCCUPATION,
  REFERRAL,
  type AgeBand,
  type ExitReason,
  type Gender,
  type Occupation,
  type Referral,
} from '../domain/vocabulary.ts';
import type { Catalogue } from '../views/lang.tsx';

const sv = {
  gender: GENDER.label as Record<Gender, string>,
  ageBand: AGE_BAND.label as Record<AgeBand, string>,
  referral: REFERRAL.label as Record<Referral, string>,
  occupation: OCCUPATION.label as Record<Occupation, string>,
  exitReason: EXIT_REASON.label as Record<ExitReason, string>,
};

const en: typeof sv = {
  gender: { kvinna: 'Woman', man: 'Man', annat: 'Other', vill_inte_ange: 'Prefers not to say' },
  ageBand: { '16_29': '16–29', '30_49': '30–49', '50_64': '50–64', '65_plus': '65 or older' },
  referral: {
    af: 'Public Employment Service (Arbetsförmedlingen)',
    ifo: 'Social services (IFO)',
    fk: 'Social Insurance Agency (Försäkringskassan)',
    varden: 'Health care',
    annan: 'Other',
  },
  occupation: {
    arbete_osubventionerad: 'Work without support',
    arbete_subventionerad: 'Work with wage subsidy',
    studier: 'Studies',
    praktik: 'Work placement / work training',
    arbetssokande: 'Job seeking',
    sjukskriven: 'On sick leave / sickness compensation',
    forsorjningsstod: 'Income support without occupation',
    annat: 'Other',
  },
  exitReason: {
    arbete: 'Work',
    studier: 'Studies',
    fortsatt_rehabilitering: 'Continued rehabilitation',
    ohalsa: 'Ill health',
    flytt: 'Moved away',
    ej_kontaktbar: 'Cannot be reached',
    annat: 'Other',
  },
};

export const labelTexts: Catalogue<typeof sv> = { sv, en };

/** A vocabulary's entries with the page's labels, in the vocabulary's order. */
export function labelled<V extends string>(values: readonly V[], label: Record<V, string>): [V, string][] {
  return values.map((v) => [v, label[v]]);
}
