/**
 * The audit log in plain Swedish: each action code as a sentence with the actor and the object in
 * words. Pure; the page shows these, the CSV keeps the codes. Participants are only ever "en
 * deltagare": their ids never reach this module (the SQL leaves them out).
 */
import type { AuditRow } from '../store/store.ts';
import { langName } from '../surveys/findings.ts';

/** What a sentence is built from: the row with its ids already resolved to words. */
export interface SentenceParts {
  /** Who acted, as the sentence starts: an e-mail, "Systemet", "En deltagare", … */
  actor: string;
  /** The staff member, project or questionnaire the action concerns, in words (or a neutral noun). */
  staff: string;
  project: string;
  definition: string;
  survey: string;
  details: Record<string, unknown>;
  participantActs: boolean;
  targetType: string | null;
}

type Sentence = (p: SentenceParts) => string;

const ROLE_WORD: Record<string, string> = { admin: 'administratör', coach: 'coach', researcher: 'forskare' };

/** "a, b och c" */
export function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} och ${words.at(-1)}`;
}

function roles(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((r) => typeof r === 'string').map((r: string) => ROLE_WORD[r] ?? r) : [];
}

const FORMAT_WORD: Record<string, string> = {
  csv: 'en CSV-fil',
  json: 'en JSON-fil',
  docx: 'ett Word-dokument',
  sps: 'en SPSS-syntaxfil',
  r: 'en R-syntaxfil',
  do: 'en Stata-syntaxfil',
  xliff: 'en XLIFF-fil',
};

const langWord = (v: unknown) => (typeof v === 'string' && v ? langName(v) : 'ett annat språk');

function linkSentence(p: SentenceParts): string {
  if (p.details.via === 'handover') return `${p.actor} lämnade över telefonen till en deltagare (${p.survey})`;
  if (p.details.via === 'short_code') return `${p.actor} gav en deltagare en kort kod till ${p.survey}`;
  return `${p.actor} skapade en länk till ${p.survey} åt en deltagare`;
}

function researchExport(p: SentenceParts): string {
  const file = FORMAT_WORD[String(p.details.format)] ?? 'en fil';
  if (p.targetType === 'outcomes') return `${p.actor} laddade ner utfallen för ${p.project}`;
  return `${p.actor} laddade ner sammanställda resultat för ${p.survey} som ${file}`;
}

/** One sentence per action code the database writes (tests/unit/audit-sentences.test.ts checks "every"). */
export const AUDIT_SENTENCES: Record<string, Sentence> = {
  'admin.count_report': (p) => `${p.actor} laddade ner rapporten om antal deltagare för ${p.project}`,
  'audit.exported': (p) => `${p.actor} laddade ner granskningsloggen`,
  'consent.give': (p) =>
    p.participantActs ? 'En deltagare gav sitt samtycke' : `${p.actor} registrerade en deltagares samtycke`,
  'consent.renew': (p) =>
    p.participantActs ? 'En deltagare förnyade sitt samtycke' : `${p.actor} registrerade en deltagares nya samtycke`,
  'consent.withdraw': (p) =>
    p.participantActs
      ? 'En deltagare tog tillbaka sitt samtycke'
      : `${p.actor} registrerade att en deltagare tog tillbaka sitt samtycke`,
  'consent.decline': (p) =>
    p.participantActs || p.details.by === 'participant'
      ? 'En deltagare svarade att hen inte vill delta'
      : `${p.actor} noterade att en deltagare inte vill delta`,
  'consent.decline_undone': (p) => `${p.actor} tog bort noteringen att en deltagare inte vill delta`,
  'definition.adopted': (p) => `${p.actor} hämtade ${p.definition} från biblioteket`,
  'definition.draft_created': (p) => `${p.actor} skapade ett utkast: ${p.definition}`,
  'definition.draft_saved': (p) => `${p.actor} sparade utkastet ${p.definition}`,
  'definition.imported': (p) => `${p.actor} importerade ${p.definition}`,
  'definition.published': (p) => `${p.actor} publicerade ${p.definition}`,
  'definition.retired': (p) => `${p.actor} tog ur bruk ${p.definition}`,
  'definition.language_approved': (p) =>
    `${p.actor} godkände ${langName(String(p.details.lang ?? 'ett språk'))} för deltagare i ${p.definition}` +
    (p.details.consent_form ? ' (samtyckesformulär)' : ''),
  'definition.language_withdrawn': (p) =>
    `${p.actor} tog bort godkännandet av ${langName(String(p.details.lang ?? 'ett språk'))} i ${p.definition}`,
  'definition.seed': (p) => `${p.actor} lade till ${p.definition} i biblioteket`,
  'definition.translation_exported': (p) =>
    `${p.actor} laddade ner texterna i ${p.definition} för översättning till ${langWord(p.details.lang)}`,
  'definition.translation_imported': (p) =>
    `${p.actor} läste in en översättning till ${langWord(p.details.lang)} i ${p.definition}`,
  'definition.unlocked': (p) => `${p.actor} låste upp formuleringarna i ${p.definition}`,
  'export_grant.created': (p) => `${p.actor} gav ${p.staff} rätt till radnivåexport i ${p.project}`,
  'export_grant.revoked': (p) => `${p.actor} tog bort rätten till radnivåexport för ${p.staff} i ${p.project}`,
  'handover.returned': (p) => `${p.actor} fick tillbaka telefonen från en deltagare`,
  'link.minted': linkSentence,
  'login.success': (p) =>
    p.details.reason === 'handover_return'
      ? `${p.actor} loggade in och fick tillbaka telefonen`
      : `${p.actor} loggade in`,
  'login.failure': (p) => `Misslyckad inloggning på kontot ${p.staff}`,
  'login.logout': (p) => `${p.actor} loggade ut`,
  'participant.enrol': (p) => `${p.actor} skrev in en deltagare`,
  'participant.exit': (p) => `${p.actor} registrerade att en deltagare avslutade`,
  'participant.exit_corrected': (p) => `${p.actor} rättade en deltagares avslut`,
  'participant.register_changed': (p) => `${p.actor} ändrade kön eller åldersgrupp för en deltagare`,
  'project.create': (p) => `${p.actor} skapade ${p.project}`,
  'project.created': (p) => `${p.actor} skapade ${p.project}`,
  'project.updated': (p) => `${p.actor} ändrade inställningarna för ${p.project}`,
  'research.export': researchExport,
  'research.row_export': (p) => `${p.actor} laddade ner radnivåexport av ${p.survey}`,
  'research.row_export_syntax': (p) =>
    `${p.actor} laddade ner ${FORMAT_WORD[String(p.details.format)] ?? 'en syntaxfil'} för radnivåexport av ${p.survey}`,
  'staff.create': (p) => `${p.actor} skapade kontot ${p.staff}`,
  'staff.grant_role': (p) =>
    `${p.actor} gav ${p.staff} rollen ${listWords(roles([p.details.role])) || 'okänd'} i ${p.project}`,
  'staff.invited': (p) => `${p.actor} bjöd in ${p.staff} till ${p.project}`,
  'staff.membership_changed': (p) => {
    const r = roles(p.details.roles);
    return r.length === 0
      ? `${p.actor} tog bort ${p.staff} ur ${p.project}`
      : `${p.actor} gav ${p.staff} ${r.length === 1 ? 'rollen' : 'rollerna'} ${listWords(r)} i ${p.project}`;
  },
  'staff.password_changed': (p) => `${p.actor} bytte sitt lösenord`,
  'staff.password_set': (p) =>
    p.details.purpose === 'invite'
      ? `${p.actor} valde lösenord via sin inbjudan`
      : `${p.actor} valde ett nytt lösenord via en återställningslänk`,
  'staff.password_reset_issued': (p) => `${p.actor} skapade en länk för nytt lösenord åt ${p.staff}`,
  'staff.deactivated': (p) => `${p.actor} inaktiverade kontot ${p.staff}`,
  'staff.reactivated': (p) => `${p.actor} aktiverade kontot ${p.staff} igen`,
};

const ACTOR_WORD: Record<AuditRow['actor_kind'], string> = {
  staff: 'Någon i personalen',
  participant: 'En deltagare',
  system: 'Systemet',
  anonymous: 'Någon som inte var inloggad',
};

/** The actor as people read it: the staff e-mail (for a sign-in, the person's), else a kind. */
export function actorText(row: AuditRow): string {
  return row.actor_email ?? ACTOR_WORD[row.actor_kind] ?? 'Okänd';
}

function partsOf(row: AuditRow): SentenceParts {
  const d = row.details ?? {};
  const names = row.names ?? {};
  const version = typeof d.version === 'number' ? ` version ${d.version}` : '';
  const surveyKey = d.survey_key ?? d.survey ?? d.definition;
  const surveyTitle =
    row.target_type === 'survey' ? row.target_label : (names.survey_key ?? names.survey ?? names.definition);
  return {
    actor: actorText(row),
    staff: row.target_type === 'staff' && row.target_label ? row.target_label : 'ett konto',
    project: row.project_name ? `projektet ${row.project_name}` : 'ett projekt',
    definition:
      row.target_type === 'survey_definition' && row.target_label
        ? `”${row.target_label}”${version}`
        : `en enkät${version ? ',' + version : ''}`,
    survey: surveyTitle ? `”${surveyTitle}”` : typeof surveyKey === 'string' ? `enkäten ${surveyKey}` : 'enkäten',
    details: d,
    participantActs: row.actor_kind === 'participant',
    targetType: row.target_type,
  };
}

/** The row as one Swedish sentence; an unknown code gets a neutral one, never an error. */
export function auditSentence(row: AuditRow): string {
  const parts = partsOf(row);
  const sentence = AUDIT_SENTENCES[row.action];
  return sentence ? sentence(parts) : `${parts.actor} gjorde något som loggen inte kan beskriva i ord`;
}
