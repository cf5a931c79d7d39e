/**
 * The details of an audit row as labelled fields in Swedish ("Version: 3", "Roller: coach"). Pure.
 * Ids are never shown: a value that is (or contains) a uuid is left out unless the database
 * resolved it to an e-mail or a title; the CSV keeps the raw details.
 */
import { EXIT_REASON, OCCASION, OCCUPATION, WITHDRAWAL_POLICY } from '../domain/vocabulary.ts';
import type { AuditRow } from '../store/store.ts';
import { langName } from '../surveys/findings.ts';
import { listWords } from './audit-sentences.ts';

export interface DetailField {
  label: string;
  value: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const yesNo = (v: unknown) => (v === true ? 'ja' : v === false ? 'nej' : String(v));
const from = (labels: Record<string, string>) => (v: unknown) => labels[String(v)] ?? String(v);
const lower = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([k, l]) => [k, l.toLowerCase()]));

const ROLE = { admin: 'administratör', coach: 'coach', researcher: 'forskare' };
const FIELD: Record<string, string> = {
  name: 'namn',
  min_group_size: 'minsta gruppstorlek',
  gender: 'kön',
  age_band: 'åldersgrupp',
  'settings.municipality': 'kommun',
  'settings.period_start': 'startdatum',
  'settings.period_end': 'slutdatum',
  'settings.target_participants': 'mål för antal deltagare',
  'settings.goal_work_or_studies_percent': 'mål för arbete eller studier',
  'settings.target_women_percent': 'mål för andelen kvinnor',
  'settings.startDueDays': 'dagar för start-WAI',
  'settings.pagaendeFromWeeks': 'när Pågående öppnar',
  'settings.pagaendeToWeeks': 'när Pågående stänger',
  'settings.exitDueDays': 'dagar för avslutsenkäter',
  'settings.missedAfterDays': 'dagar innan en enkät räknas som missad',
  'settings.languages': 'språk',
  'settings.ethics_reference': 'etikprövningens diarienummer',
  'settings.contact': 'kontaktuppgift',
  'settings.accessibility_contact': 'kontakt för tillgänglighet',
  'settings.requireReconsent': 'nytt samtycke vid ny version',
  'settings.withdrawalPolicy': 'svaren vid återkallat samtycke',
  'settings.reporting_minimums': 'minsta antal för rapporter',
  'settings.outcome_map': 'indelning av utfall',
};
const FILTER: Record<string, string> = {
  from: 'från datum',
  to: 'till datum',
  action: 'händelse',
  actor_email: 'utförd av',
  project_id: 'projekt',
};
const FORMAT: Record<string, string> = {
  xliff: 'XLIFF',
  csv: 'CSV',
  json: 'JSON',
  docx: 'Word',
  sps: 'SPSS',
  r: 'R',
  do: 'Stata',
};
const VIA: Record<string, string> = { link: 'länk', handover: 'telefonen lämnades över', short_code: 'kort kod' };
const LOGIN_REASON: Record<string, string> = {
  password_or_inactive: 'fel lösenord eller inaktivt konto',
  unknown_account: 'okänt konto',
  handover_password: 'fel lösenord när telefonen skulle lämnas tillbaka',
  handover_return: 'när telefonen lämnades tillbaka',
};

const words = (labels: Record<string, string>) => (v: unknown) =>
  Array.isArray(v) ? listWords(v.map((x) => labels[String(x)] ?? String(x).replace(/^settings\./, ''))) : String(v);

type Format = (value: unknown, row: AuditRow) => string | null;
const nonZero: Format = (v) => (v === 0 ? null : String(v));
const KNOWN: Record<string, { label: string; format?: Format } | null> = {
  survey: { label: 'Enkät' },
  survey_key: { label: 'Enkät' },
  definition: { label: 'Samtycke' },
  version: { label: 'Version' },
  from_version: { label: 'Utgår från version' },
  library_version: { label: 'Version i biblioteket' },
  occasion: { label: 'Tillfälle', format: from(lower(OCCASION.label)) },
  roles: { label: 'Roller', format: (v) => (Array.isArray(v) && v.length === 0 ? 'inga' : words(ROLE)(v)) },
  role: { label: 'Roll', format: from(ROLE) },
  fields: { label: 'Ändrat', format: words(FIELD) },
  reason: {
    label: 'Skäl',
    format: (v, row) =>
      row.action.startsWith('login.')
        ? (LOGIN_REASON[String(v)] ?? null)
        : row.action.startsWith('participant.')
          ? from(EXIT_REASON.label)(v)
          : String(v),
  },
  previous_reason: { label: 'Tidigare skäl', format: from(EXIT_REASON.label) },
  previous_occupation: { label: 'Tidigare sysselsättning', format: from(OCCUPATION.label) },
  date_changed: { label: 'Datumet ändrades', format: yesNo },
  filters: {
    label: 'Urval',
    format: (v) => (Array.isArray(v) && v.length === 0 ? 'hela loggen' : words(FILTER)(v)),
  },
  from: { label: 'Från' },
  to: { label: 'Till' },
  format: { label: 'Format', format: from(FORMAT) },
  lang: { label: 'Språk', format: (v) => langName(String(v)) },
  changed: { label: 'Ändrade texter' },
  projects: { label: 'Antal projekt' },
  include_free_text: { label: 'Med fritextsvar', format: yesNo },
  minted_by: { label: 'Länken skapad av' },
  link_minted_by: { label: 'Länken skapad av' },
  via: { label: 'Sätt', format: from(VIA) },
  link_via: { label: 'Länken gavs via', format: from(VIA) },
  revoked_links: { label: 'Tidigare länkar som slutade gälla', format: nonZero },
  discarded_drafts: { label: 'Raderade utkast på telefonen', format: nonZero },
  method: { label: 'Sätt', format: from({ self: 'själv', with_coach: 'tillsammans med coachen' }) },
  policy: { label: 'Vid återkallelse', format: from(lower(WITHDRAWAL_POLICY.label)) },
  erased_responses: { label: 'Raderade svar' },
  status: { label: 'Status', format: from({ published: 'publicerad', draft: 'utkast' }) },
  confirmations: {
    label: 'Bekräftade ändringar',
    format: (v) => (Array.isArray(v) && v.length > 0 ? String(v.length) : null),
  },
  wording_unlocked: { label: 'Låst formulering upplåst', format: yesNo },
  // In the sentence already, or an id with nothing to say to a reader.
  by: null,
  purpose: null,
  key: null,
  link_id: null,
  export_id: null,
  replaces: null,
  organisation: null,
};

const ORDER = Object.keys(KNOWN);

function plain(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.every((v) => typeof v !== 'object') ? listWords(value.map(String)) : null;
  if (typeof value === 'object') return null;
  return typeof value === 'boolean' ? yesNo(value) : String(value);
}

/** The row's details as labelled fields: known keys in Swedish, ids resolved or left out, no JSON. */
export function auditDetails(row: AuditRow): DetailField[] {
  const names = row.names ?? {};
  const fields: DetailField[] = [];
  // In the order of KNOWN (the database keeps jsonb keys in its own order); unknown keys last.
  const order = (k: string) => (k in KNOWN ? ORDER.indexOf(k) : ORDER.length);
  const entries = Object.entries(row.details ?? {}).sort(([x], [y]) => order(x) - order(y));
  for (const [key, raw] of entries) {
    const known = KNOWN[key];
    if (known === null || raw === null || raw === undefined) continue;
    const resolved = names[key];
    const value = resolved ?? (known?.format ? known.format(raw, row) : plain(raw));
    if (value === null || value === '' || (!resolved && UUID.test(value))) continue;
    fields.push({ label: known?.label ?? key, value });
  }
  return fields;
}
