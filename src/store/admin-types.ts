import type { StaffRole, StoredDefinition } from './types.ts';

/** Results of the admin functions (definitions, projects, staff, audit log). */

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
  /** The library version this one was adopted from, if any. */
  library_version: number | null;
}

/** One key in the admin list, versions newest first. */
export interface DefinitionListEntry {
  key: string;
  kind: 'consent' | 'survey';
  /** The newest version of the key in the shipped library (null: the key is the organisation's own). */
  library_version: number | null;
  versions: {
    id: string;
    version: number;
    status: DefinitionStatus;
    published_at: string | null;
    updated_at: string;
    title: { sv: string; en: string } | null;
    locked: boolean;
    /** The library version this one was adopted from, if any. */
    library_version: number | null;
    /** Responses (consents for consent forms) in the projects the caller administers. */
    responses: number;
  }[];
}

/** One version in the shipped library (operator view, `npm run library -- list`). */
export interface LibraryDefinition {
  id: string;
  key: string;
  version: number;
  kind: 'consent' | 'survey';
  title: { sv: string; en: string } | null;
  published_at: string;
  /** How many organisations have adopted this version. */
  organisations: number;
}

/** One published or retired version of a definition, for the codebook. */
export interface DefinitionVersion extends StoredDefinition {
  status: 'published' | 'retired';
  published_at: string | null;
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
  /** The target in words, resolved within the caller's organisation (e-mail, project name, title). */
  target_label?: string | null;
  /** Detail keys whose value is a staff id or a definition key, with the e-mail or title. */
  names?: Record<string, string>;
  details: Record<string, unknown>;
}
