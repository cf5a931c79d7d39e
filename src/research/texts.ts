/**
 * The research pages' texts that are offered in English: so far the codebook page (with its
 * missing-codes section). The other research pages stay Swedish (rendered outside InLang).
 */
import type { Catalogue } from '../views/lang.tsx';
import { LANG_NAME } from '../surveys/findings.ts';

const sv = {
  survey: {
    pagaende: 'Pågående',
    avslut: 'Avslut',
    wai: 'WAI (arbetsförmåga)',
    'samtycke-forskning': 'Samtycke (forskning)',
  } as Record<string, string>,
  type: {
    radiogroup: 'Enkelval',
    dropdown: 'Rullista (enkelval)',
    checkbox: 'Flerval',
    tagbox: 'Flerval (lista)',
    rating: 'Skala',
    boolean: 'Ja/nej',
    text: 'Text (en rad)',
    comment: 'Fritext',
    signaturepad: 'Underskrift',
    ranking: 'Rangordning',
    derived: 'Beräknad',
  } as Record<string, string>,
  noFixedValues: 'Inga fasta svarsalternativ',
  codeIn: ' i SPSS, R och Stata',
  missing: ' (bortfall)',
  scored: 'Poängsatt',
  reviewIntro: 'Ny formulering i denna version:',
  reviewState: {
    edited: 'ändrad',
    reviewed: 'oförändrad, granskad mot den nya texten',
    unreviewed: 'oförändrad, inte granskad mot den nya texten',
  },
  langNames: LANG_NAME,
  scale: (min: number, max: number) => `, skala ${min}–${max}`,
  notScored: 'Ej poängsatt',
  required: 'Obligatorisk',
  optional: 'Frivillig',
  conditional: 'Visas bara under villkor',
  retired: (published: string | null) => `Används inte längre${published ? ` (publicerad ${published})` : ''}.`,
  publishedOn: (published: string) => `Publicerad ${published}.`,
  published: 'Publicerad.',
  version: 'version',
  caption: (n: number) => `${n} frågor`,
  surveyWord: 'Enkät',
  colVariable: 'Variabel',
  colWording: 'Frågetext (svenska / engelska)',
  colType: 'Typ',
  colValues: 'Värden och etiketter',
  colMissing: 'Bortfallskoder',
  colFlags: 'Egenskaper',
  download: 'Ladda ner:',
  csvExcel: 'CSV för svenskt Excel',
  versionsOnPage: 'Versioner på sidan:',
  title: 'Kodbok',
  versionLabel: 'Version',
  allVersions: 'Alla versioner',
  show: 'Visa',
  showingAll: 'Visar alla publicerade versioner, den nyaste först.',
  showingOne: (v: number) => `Visar version ${v}.`,
  howStored:
    'Varje svar hör till den version deltagaren svarade på. Svaren lagras med värdet i första kolumnen av ' +
    '”Värden och etiketter”; en fråga som inte besvarats är en tom cell.',
  // The missing-codes section
  missingTitle: 'Bortfallskoder i CSV-filerna',
  missingIntro:
    'En tom cell betyder att frågan inte besvarats. Ja/nej skrivs 1/0, radbrytningar i fritext som mellanslag. ' +
    'Celler utan värde av andra skäl har en egen kod, som syntaxfilerna (SPSS, R, Stata) deklarerar som bortfall:',
  specialValues: (texts: string, codes: string) =>
    `Textsvar som hör till en sifferskala (${texts}) står som text i CSV-filen och blir koderna ${codes} ` +
    'när syntaxfilerna läser in den.',
};

const en: typeof sv = {
  survey: {
    pagaende: 'Ongoing',
    avslut: 'Exit',
    wai: 'WAI (work ability)',
    'samtycke-forskning': 'Consent (research)',
  },
  type: {
    radiogroup: 'Single choice',
    dropdown: 'Drop-down (single choice)',
    checkbox: 'Multiple choice',
    tagbox: 'Multiple choice (list)',
    rating: 'Scale',
    boolean: 'Yes/no',
    text: 'Text (one line)',
    comment: 'Free text',
    signaturepad: 'Signature',
    ranking: 'Ranking',
    derived: 'Derived',
  },
  noFixedValues: 'No fixed answer options',
  codeIn: ' in SPSS, R and Stata',
  missing: ' (missing)',
  scored: 'Scored',
  reviewIntro: 'New wording in this version:',
  reviewState: {
    edited: 'changed',
    reviewed: 'unchanged, reviewed against the new text',
    unreviewed: 'unchanged, not reviewed against the new text',
  },
  langNames: {
    sv: 'Swedish',
    'sv-x-ll': 'Easy Swedish',
    en: 'English',
    ar: 'Arabic',
    so: 'Somali',
    ti: 'Tigrinya',
    prs: 'Dari',
    fa: 'Persian',
    uk: 'Ukrainian',
    default: 'text without a language',
  },
  scale: (min, max) => `, scale ${min}–${max}`,
  notScored: 'Not scored',
  required: 'Required',
  optional: 'Optional',
  conditional: 'Shown only under a condition',
  retired: (published) => `No longer in use${published ? ` (published ${published})` : ''}.`,
  publishedOn: (published) => `Published ${published}.`,
  published: 'Published.',
  version: 'version',
  caption: (n) => `${n} question${n === 1 ? '' : 's'}`,
  surveyWord: 'Survey',
  colVariable: 'Variable',
  colWording: 'Wording (Swedish / English)',
  colType: 'Type',
  colValues: 'Values and labels',
  colMissing: 'Missing-value codes',
  colFlags: 'Properties',
  download: 'Download:',
  csvExcel: 'CSV for Swedish Excel',
  versionsOnPage: 'Versions on this page:',
  title: 'Codebook',
  versionLabel: 'Version',
  allVersions: 'All versions',
  show: 'Show',
  showingAll: 'Showing every published version, newest first.',
  showingOne: (v) => `Showing version ${v}.`,
  howStored:
    'Each answer belongs to the version the participant answered. Answers are stored as the value in the first ' +
    'column of “Values and labels”; a question not answered is an empty cell.',
  missingTitle: 'Missing-value codes in the CSV files',
  missingIntro:
    'An empty cell means the question was not answered. Yes/no is written 1/0, line breaks in free text as spaces. ' +
    'Cells without a value for other reasons have a code of their own, which the syntax files (SPSS, R, Stata) ' +
    'declare as missing:',
  specialValues: (texts, codes) =>
    `Text answers that belong to a numeric scale (${texts}) are text in the CSV file and become the codes ${codes} ` +
    'when the syntax files read it.',
};

export const researchTexts: Catalogue<typeof sv> = { sv, en };
