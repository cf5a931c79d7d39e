import type { DefinitionMeta, SurveyJson } from '../surveys/definition.ts';

export type Occasion = 'start' | 'pagaende' | 'avslut';
export type StaffRole = 'admin' | 'coach' | 'researcher';

/** Who a request acts as. Each maps to the JWT claims and database role the SQL functions see. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'system' }
  | { kind: 'staff'; staffId: string }
  | { kind: 'participant'; participantId: string; projectId: string; survey: string; occasion: Occasion };

export interface StoredDefinition {
  id: string;
  key: string;
  version: number;
  kind: 'consent' | 'survey';
  json: SurveyJson;
  meta: DefinitionMeta;
}

export interface StaffContext {
  id: string;
  email: string;
  /** Sessions signed with another version are no longer accepted (password set, reset, deactivation). */
  session_version?: number;
  memberships: { project_id: string; project_name: string; role: StaffRole }[];
}

export interface ParticipantRecord {
  id: string;
  project_id: string;
  code: string;
  status: 'active' | 'exited' | 'withdrawn';
  enrolled_at?: string;
}

export type Referral = 'af' | 'ifo' | 'fk' | 'varden' | 'annan';
export type Occupation = 'arbete_osubventionerad' | 'arbete_subventionerad' | 'studier' | 'praktik' | 'arbetssokande' | 'sjukskriven' | 'forsorjningsstod' | 'annat';
export type ExitReason = 'arbete' | 'studier' | 'fortsatt_rehabilitering' | 'ohalsa' | 'flytt' | 'ej_kontaktbar' | 'annat';

export interface CoachParticipantRow extends ParticipantRecord {
  exited_at: string | null;
  started_on: string | null;
  referral: Referral | null;
  occupation_start: Occupation | null;
  exit_reason: ExitReason | null;
  occupation_exit: Occupation | null;
  /** renew: consented to an older consent text, and the project requires the newest. */
  consent: 'given' | 'missing' | 'withdrawn' | 'renew';
  submitted: { survey: string; occasion: Occasion; submitted_at: string }[];
}

export interface ItemAggregate {
  item: string;
  scale: { min: number; max: number };
  suppressed: boolean;
  n?: number;
  missing?: number;
  mean?: number;
  sd?: number | null;
  median?: number;
  q1?: number;
  q3?: number;
  /** Count per scale value; null where suppressed (a small cell, or its complement). */
  counts?: Record<string, number | null>;
  /** The scale values whose counts are suppressed. */
  hidden_values?: number[];
}

export interface WaiAggregate {
  suppressed: boolean;
  n?: number;
  /** Responses where not all seven dimensions could be scored (no total). */
  incomplete?: number;
  total?: { mean: number | null; sd: number | null; median: number | null; q1: number | null; q3: number | null };
  work_ability_score?: { n: number; mean: number | null; sd: number | null } | null;
  categories?: { category: 'poor' | 'moderate' | 'good' | 'excellent'; n: number | null; suppressed: boolean }[];
}

/** Research filter: quarters as their first day (YYYY-MM-DD); `to` is the first day of the last quarter. */
export interface AggregateFilter {
  from?: string | null;
  to?: string | null;
  version?: number | null;
  occasion?: Occasion | null;
}

export interface AggregateReport {
  project_id: string;
  project_name: string;
  survey_key: string;
  /** The release threshold: the largest minimum group size of the selected projects. */
  min_group_size: number;
  /** The selected projects (one or more). */
  projects?: { id: string; name: string }[];
  /** The filter as applied (quarter starts as YYYY-MM-DD). */
  filter?: AggregateFilter;
  /** One group per definition version and occasion. */
  versions: {
    definition_id: string;
    version: number;
    title: { sv: string; en: string };
    occasion: Occasion;
    responses: number | null;
    suppressed: boolean;
    /** Quarters the included blocks cover (first days, YYYY-MM-DD); null when suppressed. */
    period?: { from: string | null; to: string | null } | null;
    items: ItemAggregate[];
    wai: WaiAggregate | null;
  }[];
}

export interface ParticipantState {
  code: string;
  project: { name: string; organisation: string; contact: string | null; ethics_reference: string | null };
  status: 'active' | 'exited' | 'withdrawn';
  consent: 'given' | 'missing' | 'withdrawn' | 'renew';
  submitted: { survey: string; occasion: Occasion }[];
}

export interface SubmitResult {
  id: string;
  submitted_at: string;
  created: boolean;
}

/**
 * The typed facade over the SQL functions in supabase/migrations. Every call names the principal it
 * runs as; authorisation is decided by the database (grants, RLS and the functions' own checks).
 */
export interface Store {
  installationState(): Promise<{ has_staff: boolean }>;
  seedDefinition(def: { key: string; version: number; kind: string; json: SurveyJson; meta: DefinitionMeta }): Promise<{ id: string; created: boolean }>;
  createProject(input: { organisation_name?: string; organisation_id?: string; name: string; min_group_size?: number; settings?: Record<string, unknown> }): Promise<{ organisation_id: string; project_id: string }>;
  createStaff(input: { email: string; password_hash: string; memberships: { project_id: string; role: StaffRole }[] }): Promise<{ id: string }>;
  staffLoginLookup(email: string): Promise<StaffAccount | null>;
  staffById(id: string): Promise<StaffAccount | null>;
  recordLogin(input: { staff_id?: string; success: boolean; reason?: string }): Promise<void>;
  staffContext(who: Principal): Promise<StaffContext | null>;
  publishedDefinition(who: Principal, key: string): Promise<StoredDefinition | null>;
  definitionById(who: Principal, id: string): Promise<StoredDefinition | null>;
  participantState(who: Principal): Promise<ParticipantState | null>;
  enrolParticipant(who: Principal, input: { project_id: string; code: string; started_on?: string; referral?: Referral; occupation_start?: Occupation }): Promise<ParticipantRecord>;
  participantForLink(who: Principal, participantId: string): Promise<ParticipantRecord>;
  coachParticipants(who: Principal, projectId: string): Promise<CoachParticipantRow[]>;
  projectSettings(who: Principal, projectId: string): Promise<{ id: string; name: string; min_group_size: number; settings: Record<string, unknown> } | null>;
  registerExit(who: Principal, input: { participant_id: string; exited_on: string; reason: ExitReason; occupation?: Occupation }): Promise<{ id: string; exited_at: string; status: string }>;
  createShortCode(who: Principal, input: { participant_id: string; survey: string; occasion: Occasion; code_hash: string; ttl_minutes: number }): Promise<{ expires_at: string }>;
  redeemShortCode(codeHash: string): Promise<{ participant_id: string; project_id: string; survey: string; occasion: Occasion }>;
  giveConsent(who: Principal, input: { definition_id: string; answers: Record<string, unknown>; method: 'self' | 'with_coach' }): Promise<{ id: string; created: boolean }>;
  withdrawConsent(who: Principal): Promise<void>;
  submitResponse(who: Principal, input: { id: string; definition_id: string; answers: Record<string, unknown>; derived?: Record<string, unknown> }): Promise<SubmitResult>;
  itemAggregates(who: Principal, input: { project_id?: string; project_ids?: string[]; survey_key: string; from?: string; to?: string; version?: number; occasion?: string; export?: boolean; format?: string }): Promise<AggregateReport>;
  close(): Promise<void>;
  // Drafts (participant autosave): never readable by staff.
  /** participantState plus the draft for the link's survey and occasion. */
  participantSession(who: Principal): Promise<(ParticipantState & { draft: StoredDraft | null }) | null>;
  saveDraft(who: Principal, input: { definition_id: string; answers: Record<string, unknown>; page: number }): Promise<{ updated_at: string }>;
  // Outcomes (register data) and response rates, for researchers and admins.
  /** Outcomes from register data; `download` records the call in the audit log as an export. */
  projectOutcomes(who: Principal, projectId: string, download?: boolean): Promise<ProjectOutcomes>;
  // Paired WAI change start → exit, for researchers and admins.
  waiChange(who: Principal, projectId: string): Promise<WaiChange>;
  // Research downloads and demo data
  /** Every non-draft version of a definition, newest first (researchers and admins of any project). */
  definitionVersions(who: Principal, key: string): Promise<DefinitionVersion[]>;
  // Row-level export: granted per project and staff member by an admin; begun, then read in pages.
  grantRowExport(who: Principal, input: { project_id: string; staff_id?: string; staff_email?: string; include_free_text?: boolean }): Promise<{ id: string; staff_id: string; include_free_text: boolean; granted_at: string; created: boolean }>;
  revokeRowExport(who: Principal, input: { project_id: string; staff_id?: string; staff_email?: string }): Promise<{ id: string; revoked: boolean }>;
  rowExportGrants(who: Principal, projectId: string): Promise<{ grants: RowExportGrant[] }>;
  /** The caller's own active grant in a project. */
  rowExportGrant(who: Principal, projectId: string): Promise<{ granted: boolean; include_free_text: boolean }>;
  beginRowExport(who: Principal, input: { project_id: string; survey_key: string; version?: number; include_free_text?: boolean }): Promise<RowExportStart>;
  rowExportPage(who: Principal, input: { export_id: string; after?: string | null; limit: number }): Promise<RowExportPage>;
  // Definition admin: admins of any project (definitions are shared); everyone else gets NOT_FOUND.
  definitionList(who: Principal): Promise<DefinitionListEntry[]>;
  /** One version, drafts included. */
  definitionGet(who: Principal, id: string): Promise<AdminDefinition>;
  /** A draft copied from a version (or the key's existing draft, created = false). */
  createDefinitionDraft(who: Principal, fromId: string): Promise<AdminDefinition & { created: boolean }>;
  saveDefinitionDraft(who: Principal, input: { id: string; json: SurveyJson; meta: Record<string, unknown> }): Promise<AdminDefinition>;
  /** Publishes a validated draft; json and meta must be what was validated (else DRAFT_CHANGED). */
  publishDefinition(who: Principal, input: { id: string; json: SurveyJson; meta: Record<string, unknown>; confirmations: string[] }): Promise<AdminDefinition>;
  retireDefinition(who: Principal, id: string): Promise<AdminDefinition>;
  unlockDefinitionWording(who: Principal, input: { id: string; reason: string }): Promise<AdminDefinition>;
  importDefinition(who: Principal, input: { json: SurveyJson; meta: DefinitionMeta }): Promise<AdminDefinition>;
  // Admin: projects, staff, audit
  /** Projects the caller administers. */
  adminProjects(who: Principal): Promise<{ projects: AdminProject[] }>;
  adminCreateProject(who: Principal, input: { organisation_id: string; name: string; min_group_size: number; settings: Record<string, unknown> }): Promise<{ project_id: string }>;
  /** Settings are merged; a null value removes a key. Returns the changed field names. */
  adminUpdateProject(who: Principal, input: { project_id: string; name?: string; min_group_size?: number; settings?: Record<string, unknown> }): Promise<{ project_id: string; changed: string[] }>;
  adminStaff(who: Principal): Promise<{ staff: AdminStaffRow[] }>;
  /** token_hash: SHA-256 (hex) of the one-time link token; stored only when the account has no password. */
  adminInviteStaff(who: Principal, input: { email: string; memberships: { project_id: string; role: StaffRole }[]; token_hash: string }): Promise<{ staff_id: string; created: boolean; invite: boolean; expires_at: string | null }>;
  adminSetMembership(who: Principal, input: { staff_id: string; project_id: string; roles: StaffRole[] }): Promise<{ roles: StaffRole[]; changed: boolean }>;
  adminSetStaffActive(who: Principal, input: { staff_id: string; active: boolean }): Promise<{ active: boolean; changed: boolean }>;
  adminIssuePasswordReset(who: Principal, input: { staff_id: string; token_hash: string }): Promise<{ expires_at: string }>;
  /** The account behind an unused, unexpired one-time link (system). */
  inviteLookup(tokenHash: string): Promise<{ email: string; purpose: 'invite' | 'reset' } | null>;
  /** Uses a one-time link: sets the password, ends older sessions (system). */
  acceptInvite(input: { token_hash: string; password_hash: string }): Promise<{ staff_id: string; email: string; session_version: number }>;
  /** One page of the audit log, newest first; `export` records the download. */
  auditLog(who: Principal, filter: AuditFilter): Promise<{ rows: AuditRow[]; next: number | null }>;
}

export type DefinitionStatus = 'draft' | 'published' | 'retired';

/** A definition version as admins see it (public.definition_get). */
export interface AdminDefinition extends StoredDefinition {
  status: DefinitionStatus;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  /** Set when an admin unlocked the wording of this draft. */
  wording_unlock: { by: string; at: string; reason: string } | null;
  /** What a draft is compared with: the newest published version below it, else the newest retired one. */
  base_id: string | null;
}

/** One key in the admin list, versions newest first. */
export interface DefinitionListEntry {
  key: string;
  kind: 'consent' | 'survey';
  versions: { id: string; version: number; status: DefinitionStatus; published_at: string | null; updated_at: string; title: { sv: string; en: string } | null; locked: boolean; responses: number }[];
}

/** One published or retired version of a definition, for the codebook. */
export interface DefinitionVersion extends StoredDefinition {
  status: 'published' | 'retired';
  published_at: string | null;
}

/** An active row-level export grant, as its project's admins see it. */
export interface RowExportGrant {
  staff_id: string;
  email: string;
  include_free_text: boolean;
  granted_at: string;
}

/** A begun export: its id (valid one hour) and the answer columns it may carry, in order. */
export interface RowExportStart {
  export_id: string;
  columns: string[];
  include_free_text: boolean;
  expires_at: string;
}

/** One page of raw export rows. participant_id never leaves the app: it is replaced by a pseudonym. */
export interface RowExportPage {
  rows: { participant_id: string; response_id: string; version: number; occasion: Occasion; submitted_on: string; answers: Record<string, unknown> }[];
  /** The last id of this page when more may follow, else null. */
  next: string | null;
}

/** A participant's answers so far on one questionnaire, and the page to resume at. */
export interface StoredDraft {
  definition_id: string;
  answers: Record<string, unknown>;
  page: number;
  updated_at: string;
}

/** Counts per category; null where suppressed (small cells and their complement). */
export interface CategoryCounts<K extends string> {
  n: number | null;
  suppressed: boolean;
  categories: { category: K; n: number | null; suppressed: boolean }[];
}

/** Outcome figures of one project (public.project_outcomes); null means suppressed or unknown. */
export interface ProjectOutcomes {
  project_id: string;
  project_name: string;
  min_group_size: number;
  enrolled: { n: number | null; suppressed: boolean; target: number | null };
  exits: CategoryCounts<ExitReason>;
  /** Exited participants whose exit reason is work or studies, against the goal share. */
  work_or_studies: { n: number | null; count: number | null; share: number | null; suppressed: boolean; goal: number };
  referrals: CategoryCounts<Referral | 'saknas'>;
  time_in_programme: { n: number | null; suppressed: boolean; mean_days?: number; median_days?: number; q1_days?: number; q3_days?: number };
  response_rates: { survey: string; occasion: Occasion; due: number | null; answered: number | null; rate: number | null; suppressed: boolean }[];
}

/** One paired change summary (exit − start); null where suppressed. "Unchanged" is |change| < 1 point. */
export interface WaiChangeSummary {
  n: number | null;
  suppressed: boolean;
  mean_change: number | null;
  median_change: number | null;
  direction: CategoryCounts<'improved' | 'unchanged' | 'worse'>;
}

/** Paired WAI change start → exit (public.wai_change): participants with a WAI total at both. */
export interface WaiChange {
  project_id: string;
  project_name: string;
  min_group_size: number;
  /** Pairs with a total at both occasions (null when suppressed). */
  pairs: number | null;
  suppressed: boolean;
  total: WaiChangeSummary;
  /** Item 1 (0–10), paired on its own: it is scored even when the total is not. */
  work_ability_score: WaiChangeSummary;
  category_movement: CategoryCounts<'up' | 'same' | 'down'>;
}

/** What login needs to know about an account (system only). */
export interface StaffAccount {
  id: string;
  password_hash: string;
  active: boolean;
  session_version?: number;
}

/** A project as its admins edit it. */
export interface AdminProject {
  id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  min_group_size: number;
  settings: Record<string, unknown>;
  created_at: string;
}

/** A staff member of the caller's projects, with roles in those projects only. */
export interface AdminStaffRow {
  id: string;
  email: string;
  active: boolean;
  has_password: boolean;
  invite_expires_at: string | null;
  memberships: { project_id: string; project_name: string; role: StaffRole }[];
  /** Also a member of projects the caller does not administer (then only roles can be changed). */
  other_projects: boolean;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  /** Action prefix, e.g. "staff." */
  action?: string;
  actor_email?: string;
  project_id?: string;
  /** Keyset: rows with a smaller id. */
  before?: number;
  limit?: number;
  export?: boolean;
}

/** One audit row as an admin sees it: participants only as a kind, never by id. */
export interface AuditRow {
  id: number;
  at: string;
  actor_kind: 'staff' | 'participant' | 'system' | 'anonymous';
  actor_email: string | null;
  action: string;
  project_id: string | null;
  project_name: string | null;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
}
