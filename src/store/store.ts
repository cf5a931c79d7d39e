import type { DefinitionMeta, SurveyJson } from '../surveys/definition.ts';
import type {
  AdminDefinition,
  AdminProject,
  AdminStaffRow,
  AuditFilter,
  AuditRow,
  DefinitionListEntry,
  DefinitionVersion,
  LibraryDefinition,
  StaffAccount,
} from './admin-types.ts';
import type {
  AggregateReport,
  AnswerLanguages,
  AnswerLanguagesFilter,
  OutcomeFilter,
  ProjectOutcomes,
  RowExportGrant,
  RowExportPage,
  RowExportStart,
  WaiChange,
} from './research-types.ts';
import type { AgeBand, CountReport, Gender, ParticipantRegister } from './register-types.ts';
import type {
  CoachParticipantRow,
  CoachWorklist,
  CoachWorklistQuery,
  ExitReason,
  Occasion,
  Occupation,
  LanguageApproval,
  ParticipantRecord,
  ParticipantState,
  Principal,
  RateLimitHit,
  Referral,
  StaffContext,
  StaffRole,
  StoredDefinition,
  StoredDraft,
  SubmitResult,
  WithdrawalResult,
} from './types.ts';

/**
 * The typed facade over the SQL functions in supabase/migrations. Every call names the principal it
 * runs as; authorisation is decided by the database (grants, RLS and the functions' own checks).
 */
/** What opening /l/<id> finds: a live link's claims and times, or only the reason it does not work. */
export type ShortLinkLookup =
  | {
      state: 'live';
      link_id: string;
      participant_id: string;
      project_id: string;
      survey: string;
      occasion: Occasion;
      created_at: string;
      expires_at: string;
    }
  | { state: 'unknown' | 'expired' | 'revoked' };

export interface Store {
  installationState(): Promise<{ has_staff: boolean }>;
  /** The accessibility statement's organisation and feedback contact for a project; null when unknown. */
  accessibilityStatement(projectId: string): Promise<{ organisation: string; contact: string | null } | null>;
  /** Publishes a shipped definition in the library (the operator: system only). */
  seedDefinition(def: {
    key: string;
    version: number;
    kind: string;
    json: SurveyJson;
    meta: DefinitionMeta;
  }): Promise<{ id: string; created: boolean }>;
  /** The library, every version (the operator: system only). */
  libraryDefinitions(): Promise<LibraryDefinition[]>;
  createProject(input: {
    organisation_name?: string;
    organisation_id?: string;
    name: string;
    min_group_size?: number;
    settings?: Record<string, unknown>;
  }): Promise<{ organisation_id: string; project_id: string }>;
  createStaff(input: {
    email: string;
    password_hash: string;
    memberships: { project_id: string; role: StaffRole }[];
    /** The account's organisation; else the organisation of its projects (all in one). */
    organisation_id?: string;
    /** A one-time password someone else saw: the first sign-in must replace it. */
    must_change_password?: boolean;
  }): Promise<{ id: string }>;
  /** Every account with the e-mail address, one per organisation, oldest first. */
  staffLoginLookup(email: string): Promise<StaffAccount[]>;
  staffById(id: string): Promise<StaffAccount | null>;
  recordLogin(input: { staff_id?: string; success: boolean; reason?: string }): Promise<void>;
  /**
   * Counts one attempt against each budget, all or none (system). Refused: nothing is counted and
   * retry_after says how many seconds until the longest spent window ends.
   */
  rateLimitHit(hits: RateLimitHit[]): Promise<{ allowed: boolean; retry_after: number }>;
  /** Gives attempts back (system): clear forgets the key's window, else one attempt is returned. */
  rateLimitForgive(items: { scope: string; key_hash: string; clear?: boolean }[]): Promise<void>;
  staffContext(who: Principal): Promise<StaffContext | null>;
  /** Ends every session of the calling staff member (sign-out). */
  endStaffSessions(who: Principal): Promise<void>;
  /** Replaces the caller's password (checked by the app), ends their other sessions; the new session version. */
  changeOwnPassword(who: Principal, input: { password_hash: string }): Promise<{ session_version: number }>;
  /**
   * The newest published version of a key in the caller's organisation (staff: the organisation of
   * `projectId` when given, else the one their memberships are in).
   */
  publishedDefinition(who: Principal, key: string, projectId?: string): Promise<StoredDefinition | null>;
  definitionById(who: Principal, id: string): Promise<StoredDefinition | null>;
  participantState(who: Principal): Promise<ParticipantState | null>;
  enrolParticipant(
    who: Principal,
    input: {
      project_id: string;
      code: string;
      started_on?: string;
      referral?: Referral;
      occupation_start?: Occupation;
      gender: Gender;
      age_band: AgeBand;
    },
  ): Promise<ParticipantRecord>;
  participantForLink(who: Principal, participantId: string): Promise<ParticipantRecord>;
  /** Gender and age band of one participant (the project's coaches and admins). */
  participantRegister(who: Principal, participantId: string): Promise<ParticipantRegister>;
  /** Sets gender and age band; audited with the names of the changed fields only. */
  updateParticipantRegister(
    who: Principal,
    input: { participant_id: string; gender: Gender; age_band: AgeBand },
  ): Promise<{ id: string; changed: ('gender' | 'age_band')[] }>;
  /**
   * Mints a link (or a hand-over) for one survey occasion, revoking the earlier ones; audited as
   * link.minted with the staff member. The token is signed with the returned link_id.
   */
  mintParticipantLink(
    who: Principal,
    input: {
      participant_id: string;
      survey: string;
      occasion: Occasion;
      via: 'link' | 'handover';
      ttl_days: number;
      /** SHA-256 (hex) of the link's short id (/l/<id>); CODE_TAKEN if another link has it. */
      short_hash?: string;
    },
  ): Promise<ParticipantRecord & { link_id: string; created_at: string; expires_at: string }>;
  /** The link row a short id stands for (system principal): its claims if live, else only why not. */
  resolveShortLink(shortHash: string): Promise<ShortLinkLookup>;
  /** The phone is back from a hand-over: revokes the handed-over link and deletes drafts saved on the phone. */
  endHandover(
    who: Principal,
    input: { link_id?: string; device_hash?: string },
  ): Promise<{ revoked: boolean; discarded_drafts: number }>;
  coachParticipants(who: Principal, projectId: string): Promise<CoachParticipantRow[]>;
  /** One page of the coach's to-do list: grouped, filtered, counted and paged in the database. */
  coachWorklist(who: Principal, query: CoachWorklistQuery): Promise<CoachWorklist>;
  /** A coach records "vill inte delta" (declined: true) or takes their record back; audited. */
  recordDecline(
    who: Principal,
    input: { participant_id: string; declined: boolean },
  ): Promise<{ id: string; declined: boolean }>;
  projectSettings(
    who: Principal,
    projectId: string,
  ): Promise<{ id: string; name: string; min_group_size: number; settings: Record<string, unknown> } | null>;
  registerExit(
    who: Principal,
    input: { participant_id: string; exited_on: string; reason: ExitReason; occupation?: Occupation },
  ): Promise<{ id: string; exited_at: string; status: string }>;
  createShortCode(
    who: Principal,
    input: { participant_id: string; survey: string; occasion: Occasion; code_hash: string; ttl_minutes: number },
  ): Promise<{ expires_at: string }>;
  /** shortHash: SHA-256 of the short id the minted link gets (/l/<id>); CODE_TAKEN if another link has it. */
  redeemShortCode(
    codeHash: string,
    ttlDays: number,
    shortHash?: string,
  ): Promise<{ participant_id: string; project_id: string; survey: string; occasion: Occasion; link_id: string }>;
  giveConsent(
    who: Principal,
    input: {
      definition_id: string;
      answers: Record<string, unknown>;
      method: 'self' | 'with_coach';
      /** The participant language the consent text was shown in (checked in SQL). */
      locale?: string;
    },
  ): Promise<{ id: string; created: boolean }>;
  /** Withdraws consent and applies the project's withdrawal policy in the same transaction. */
  withdrawConsent(who: Principal): Promise<WithdrawalResult>;
  /** "Jag vill inte delta" before consent: recorded so the coach does not ask again. */
  declineConsent(who: Principal): Promise<{ declined: true; created: boolean }>;
  submitResponse(
    who: Principal,
    input: {
      id: string;
      definition_id: string;
      answers: Record<string, unknown>;
      derived?: Record<string, unknown>;
      /** The participant language the questions were shown in (checked in SQL); a retry keeps the first. */
      locale?: string;
    },
  ): Promise<SubmitResult>;
  itemAggregates(
    who: Principal,
    input: {
      project_id?: string;
      project_ids?: string[];
      survey_key: string;
      from?: string;
      to?: string;
      version?: number;
      occasion?: string;
      export?: boolean;
      format?: string;
    },
  ): Promise<AggregateReport>;
  close(): Promise<void>;
  // Drafts (participant autosave): never readable by staff.
  /** participantState plus the draft this device (the principal's deviceHash) saved for the link's survey and occasion. */
  participantSession(who: Principal): Promise<(ParticipantState & { draft: StoredDraft | null }) | null>;
  saveDraft(
    who: Principal,
    input: { definition_id: string; answers: Record<string, unknown>; page: number },
  ): Promise<{ updated_at: string }>;
  // Outcomes (register data) and response rates, for researchers and admins.
  /**
   * Outcomes from register data for a period of closed quarters (`period`: first days of quarters,
   * open when left out); `download` records the call in the audit log as an export.
   */
  projectOutcomes(
    who: Principal,
    projectId: string,
    download?: boolean,
    period?: OutcomeFilter,
  ): Promise<ProjectOutcomes>;
  /** Responses to a survey per answer language, with small counts suppressed (researchers and admins). */
  answerLanguages(who: Principal, input: AnswerLanguagesFilter): Promise<AnswerLanguages>;
  // Paired WAI change start → exit, for researchers and admins.
  waiChange(who: Principal, projectId: string): Promise<WaiChange>;
  // Research downloads and demo data
  /** Every non-draft version of a definition of the caller's organisation, newest first (its researchers and admins). */
  definitionVersions(who: Principal, key: string, projectId?: string): Promise<DefinitionVersion[]>;
  // Row-level export: granted per project and staff member by an admin; begun, then read in pages.
  grantRowExport(
    who: Principal,
    input: { project_id: string; staff_id?: string; staff_email?: string; include_free_text?: boolean },
  ): Promise<{ id: string; staff_id: string; include_free_text: boolean; granted_at: string; created: boolean }>;
  revokeRowExport(
    who: Principal,
    input: { project_id: string; staff_id?: string; staff_email?: string },
  ): Promise<{ id: string; revoked: boolean }>;
  rowExportGrants(who: Principal, projectId: string): Promise<{ grants: RowExportGrant[] }>;
  /** The caller's own active grant in a project. */
  rowExportGrant(who: Principal, projectId: string): Promise<{ granted: boolean; include_free_text: boolean }>;
  beginRowExport(
    who: Principal,
    input: { project_id: string; survey_key: string; version?: number; include_free_text?: boolean },
  ): Promise<RowExportStart>;
  rowExportPage(
    who: Principal,
    input: { export_id: string; after?: string | null; limit: number },
  ): Promise<RowExportPage>;
  /** The columns a row-level export would carry, for its syntax files; grant-checked and audited. */
  rowExportSyntax(
    who: Principal,
    input: {
      project_id: string;
      survey_key: string;
      version?: number;
      include_free_text?: boolean;
      format: 'sps' | 'r' | 'do';
    },
  ): Promise<{ columns: string[]; include_free_text: boolean }>;
  // Definition admin: admins manage their organisation's definitions; everyone else gets NOT_FOUND.
  definitionList(who: Principal): Promise<DefinitionListEntry[]>;
  /** One version, drafts included. */
  definitionGet(who: Principal, id: string): Promise<AdminDefinition>;
  /** One version for a translator's file in `lang` and `format`; the download is audited. */
  definitionTranslationExport(
    who: Principal,
    input: { id: string; lang: string; format: 'xliff' | 'csv' },
  ): Promise<AdminDefinition>;
  /** A draft copied from a version (or the key's existing draft, created = false). */
  createDefinitionDraft(who: Principal, fromId: string): Promise<AdminDefinition & { created: boolean }>;
  saveDefinitionDraft(
    who: Principal,
    input: {
      id: string;
      json: SurveyJson;
      meta: Record<string, unknown>;
      /** A translator's file read back: audited with its language, format and number of changed texts. */
      translation?: { lang: string; format: 'xliff' | 'csv'; changed: number };
    },
  ): Promise<AdminDefinition>;
  /** Publishes a validated draft; json and meta must be what was validated (else DRAFT_CHANGED). */
  publishDefinition(
    who: Principal,
    input: { id: string; json: SurveyJson; meta: Record<string, unknown>; confirmations: string[] },
  ): Promise<AdminDefinition>;
  retireDefinition(who: Principal, id: string): Promise<AdminDefinition>;
  /** The languages of a version of the caller's organisation approved for participants. */
  definitionLanguages(who: Principal, id: string): Promise<LanguageApproval[]>;
  /** Approves a language of a published version for participants, or withdraws it (audited). */
  setDefinitionLanguage(
    who: Principal,
    input: { id: string; lang: string; approved: boolean },
  ): Promise<{ changed: boolean; languages: LanguageApproval[] }>;
  unlockDefinitionWording(who: Principal, input: { id: string; reason: string }): Promise<AdminDefinition>;
  importDefinition(who: Principal, input: { json: SurveyJson; meta: DefinitionMeta }): Promise<AdminDefinition>;
  /** Adopts a library version (the newest, or `version`) of a key as a draft of the caller's organisation. */
  adoptLibraryDefinition(who: Principal, input: { key: string; version?: number }): Promise<AdminDefinition>;
  // Admin: projects, staff, audit
  /** Projects the caller administers. */
  adminProjects(who: Principal): Promise<{ projects: AdminProject[] }>;
  adminCreateProject(
    who: Principal,
    input: { organisation_id: string; name: string; min_group_size: number; settings: Record<string, unknown> },
  ): Promise<{ project_id: string }>;
  /** Settings are merged; a null value removes a key. Returns the changed field names. */
  adminUpdateProject(
    who: Principal,
    input: { project_id: string; name?: string; min_group_size?: number; settings?: Record<string, unknown> },
  ): Promise<{ project_id: string; changed: string[] }>;
  adminStaff(who: Principal): Promise<{ staff: AdminStaffRow[] }>;
  /** token_hash: SHA-256 (hex) of the one-time link token; stored only when the account has no password. */
  adminInviteStaff(
    who: Principal,
    input: { email: string; memberships: { project_id: string; role: StaffRole }[]; token_hash: string },
  ): Promise<{ staff_id: string; created: boolean; invite: boolean; expires_at: string | null }>;
  adminSetMembership(
    who: Principal,
    input: { staff_id: string; project_id: string; roles: StaffRole[] },
  ): Promise<{ roles: StaffRole[]; changed: boolean }>;
  adminSetStaffActive(
    who: Principal,
    input: { staff_id: string; active: boolean },
  ): Promise<{ active: boolean; changed: boolean }>;
  adminIssuePasswordReset(
    who: Principal,
    input: { staff_id: string; token_hash: string },
  ): Promise<{ expires_at: string }>;
  /** The account behind an unused, unexpired one-time link (system). */
  inviteLookup(tokenHash: string): Promise<{ email: string; purpose: 'invite' | 'reset' } | null>;
  /** Uses a one-time link: sets the password, ends older sessions (system). */
  acceptInvite(input: {
    token_hash: string;
    password_hash: string;
  }): Promise<{ staff_id: string; email: string; session_version: number }>;
  /** One page of the audit log, newest first; `export` records the download. */
  auditLog(who: Principal, filter: AuditFilter): Promise<{ rows: AuditRow[]; next: number | null }>;
  /** Participants by gender per project and period, exact (admins of every project); `export` records the download. */
  countReport(
    who: Principal,
    input: { project_ids: string[]; from: string; to: string; export?: boolean },
  ): Promise<CountReport>;
}

export type * from './types.ts';
export type * from './research-types.ts';
export type * from './admin-types.ts';
export type * from './register-types.ts';
