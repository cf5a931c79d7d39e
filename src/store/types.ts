/** The shared types of the store's API: who calls, and the records the SQL functions return. */
import type { DefinitionMeta, SurveyJson } from '../surveys/definition.ts';
import type { ExitReason, Occasion, Occupation, Referral, StaffRole, WithdrawalPolicy } from '../domain/vocabulary.ts';

export type { ExitReason, Occasion, Occupation, Referral, StaffRole, WithdrawalPolicy } from '../domain/vocabulary.ts';

/** Who a request acts as. Each maps to the JWT claims and database role the SQL functions see. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'system' }
  | { kind: 'staff'; staffId: string }
  | {
      kind: 'participant';
      participantId: string;
      projectId: string;
      survey: string;
      occasion: Occasion;
      /** The minted link (participant_links) the token names; a revoked one is refused in SQL. */
      linkId?: string;
      /** SHA-256 (hex) of the browser's device id: drafts are read and saved for this device only. */
      deviceHash?: string;
    };

export interface StoredDefinition {
  id: string;
  key: string;
  version: number;
  kind: 'consent' | 'survey';
  json: SurveyJson;
  meta: DefinitionMeta;
  /**
   * The languages participants are offered besides Swedish (approved for this version by an admin
   * of the organisation). Set by publishedDefinition, read fresh each time; absent elsewhere.
   */
  approved_languages?: string[];
}

/** One language of a version approved for participants. */
export interface LanguageApproval {
  lang: string;
  approved_at: string;
  /** The approving admin's e-mail (null once the account is gone). */
  approved_by: string | null;
}

export interface StaffContext {
  id: string;
  email: string;
  /** Sessions signed with another version are no longer accepted (password set, reset, deactivation). */
  session_version?: number;
  /** Signed in with a one-time password: nothing but choosing a new one until it is replaced. */
  must_change_password?: boolean;
  memberships: { project_id: string; project_name: string; role: StaffRole }[];
}

export interface ParticipantRecord {
  id: string;
  project_id: string;
  code: string;
  status: 'active' | 'exited' | 'withdrawn';
  enrolled_at?: string;
  /** The registered exit (coach lookups): day in Swedish time, reason, occupation at exit. */
  exited_on?: string | null;
  exit_reason?: string | null;
  occupation_exit?: string | null;
}

export interface CoachParticipantRow extends ParticipantRecord {
  exited_at: string | null;
  started_on: string | null;
  referral: Referral | null;
  occupation_start: Occupation | null;
  exit_reason: ExitReason | null;
  occupation_exit: Occupation | null;
  /** renew: consented to an older consent text, and the project requires the newest. */
  consent: 'given' | 'missing' | 'withdrawn' | 'renew' | 'declined';
  /** Who said "vill inte delta" (consent 'declined'): the participant, or a coach recorded it. */
  declined_by: 'participant' | 'coach' | null;
  /** Gender or age band not recorded (enrolled before they were asked). */
  register_missing: boolean;
  /** Which questionnaires are submitted, and on which day (Swedish time): never the time of day. */
  submitted: { survey: string; occasion: Occasion; submitted_on: string }[];
}

/** Where a participant stands on the coach's to-do list (app.coach_todo). */
export const TODO_GROUPS = ['overdue', 'week', 'open', 'upcoming', 'missed', 'done', 'stopped'] as const;
export type TodoGroup = (typeof TODO_GROUPS)[number];

/** One page of the coach's to-do list, filtered and counted in the database. */
export interface CoachWorklist {
  /** Participants matching the code and occasion filters, in every group. */
  total: number;
  /** Of those, how many are in each group (groups with none are left out). */
  counts: Partial<Record<TodoGroup, number>>;
  /** How many the chosen group (or groups) holds: what the pages page through. */
  matched: number;
  page: number;
  page_size: number;
  rows: (CoachParticipantRow & {
    todo: {
      group: TodoGroup;
      survey: string | null;
      occasion: Occasion | null;
      status: string | null;
      due_by: string | null;
    };
  })[];
}

/** The coach's list filters, as the database takes them. */
export interface CoachWorklistQuery {
  project_id: string;
  q?: string;
  group?: 'todo' | 'all' | TodoGroup;
  occasion?: string;
  sort?: 'urgency' | 'newest';
  page?: number;
  page_size?: number;
  /** The overview: the first few of each group instead of a page. */
  per_group?: number;
}

/** The outcome of a withdrawal: the policy applied (null for a repeat without a record) and how many responses were erased. */
export interface WithdrawalResult {
  withdrawn: true;
  /** false: consent was already withdrawn, nothing changed. */
  created: boolean;
  policy: WithdrawalPolicy | null;
  erased: number;
}

export interface ParticipantState {
  code: string;
  project: {
    name: string;
    organisation: string;
    contact: string | null;
    ethics_reference: string | null;
    withdrawal_policy: WithdrawalPolicy;
  };
  status: 'active' | 'exited' | 'withdrawn';
  consent: 'given' | 'missing' | 'withdrawn' | 'renew';
  submitted: { survey: string; occasion: Occasion }[];
}

export interface SubmitResult {
  id: string;
  submitted_at: string;
  created: boolean;
}

/** A participant's answers so far on one questionnaire, and the page to resume at. */
export interface StoredDraft {
  definition_id: string;
  answers: Record<string, unknown>;
  page: number;
  updated_at: string;
}

/** One budget an attempt counts against: a scope, a key hashed with a server secret, a fixed window. */
export interface RateLimitHit {
  scope: string;
  /** HMAC-SHA-256 (hex) of the key under a server-side secret: no address or e-mail is stored. */
  key_hash: string;
  limit: number;
  window_seconds: number;
}
