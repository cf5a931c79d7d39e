import type {
  AdminDefinition,
  LanguageApproval,
  AuditFilter,
  DefinitionListEntry,
  LibraryDefinition,
  OutcomeFilter,
  Principal,
  RowExportPage,
  RowExportStart,
  ShortLinkLookup,
  Store,
  WithdrawalResult,
} from './store.ts';

const system: Principal = { kind: 'system' };

/**
 * Every Store method as one call of a SQL function public.<fn>(p jsonb) as a principal. Subclasses
 * decide how the call reaches the database: SqlStore through app.call_as() over a driver,
 * SupabaseStore through PostgREST (supabase-js rpc()). Both must throw AppError for EKxxx errors.
 */
export abstract class RpcStore implements Store {
  /** Calls public.<fn>(args) as the principal. Public so tests can send malformed arguments. */
  abstract call<T>(who: Principal, fn: string, args?: Record<string, unknown>): Promise<T>;
  abstract close(): Promise<void>;

  installationState() {
    return this.call<{ has_staff: boolean }>(system, 'installation_state');
  }
  accessibilityStatement(projectId: string) {
    return this.call<{ organisation: string; contact: string | null } | null>(system, 'accessibility_statement', {
      project_id: projectId,
    });
  }
  seedDefinition(def: Parameters<Store['seedDefinition']>[0]) {
    return this.call<{ id: string; created: boolean }>(system, 'seed_definition', def);
  }
  libraryDefinitions() {
    return this.call<LibraryDefinition[]>(system, 'library_definitions');
  }
  createProject(input: Parameters<Store['createProject']>[0]) {
    return this.call<{ organisation_id: string; project_id: string }>(system, 'create_project', input);
  }
  createStaff(input: Parameters<Store['createStaff']>[0]) {
    return this.call<{ id: string }>(system, 'create_staff', input);
  }
  staffLoginLookup(email: string) {
    return this.call<Awaited<ReturnType<Store['staffLoginLookup']>>>(system, 'staff_login_lookup', { email });
  }
  staffById(id: string) {
    return this.call<Awaited<ReturnType<Store['staffById']>>>(system, 'staff_by_id', { id });
  }
  async recordLogin(input: Parameters<Store['recordLogin']>[0]) {
    await this.call(system, 'record_login', input);
  }
  rateLimitHit(hits: Parameters<Store['rateLimitHit']>[0]) {
    return this.call<Awaited<ReturnType<Store['rateLimitHit']>>>(system, 'rate_limit_hit', { hits });
  }
  async rateLimitForgive(items: Parameters<Store['rateLimitForgive']>[0]) {
    await this.call(system, 'rate_limit_forgive', { forgive: items });
  }
  async endStaffSessions(who: Principal) {
    await this.call(who, 'end_staff_sessions');
  }
  changeOwnPassword(who: Principal, input: { password_hash: string }) {
    return this.call<{ session_version: number }>(who, 'change_own_password', input);
  }
  staffContext(who: Principal) {
    return this.call<Awaited<ReturnType<Store['staffContext']>>>(who, 'staff_context');
  }
  publishedDefinition(who: Principal, key: string, projectId?: string) {
    return this.call<Awaited<ReturnType<Store['publishedDefinition']>>>(who, 'published_definition', {
      key,
      project_id: projectId,
    });
  }
  definitionById(who: Principal, id: string) {
    return this.call<Awaited<ReturnType<Store['definitionById']>>>(who, 'definition_by_id', { id });
  }
  participantState(who: Principal) {
    return this.call<Awaited<ReturnType<Store['participantState']>>>(who, 'participant_state');
  }
  enrolParticipant(who: Principal, input: Parameters<Store['enrolParticipant']>[1]) {
    return this.call<Awaited<ReturnType<Store['enrolParticipant']>>>(who, 'enrol_participant', input);
  }
  participantForLink(who: Principal, participantId: string) {
    return this.call<Awaited<ReturnType<Store['participantForLink']>>>(who, 'participant_for_link', {
      participant_id: participantId,
    });
  }
  participantRegister(who: Principal, participantId: string) {
    return this.call<Awaited<ReturnType<Store['participantRegister']>>>(who, 'participant_register', {
      participant_id: participantId,
    });
  }
  updateParticipantRegister(who: Principal, input: Parameters<Store['updateParticipantRegister']>[1]) {
    return this.call<Awaited<ReturnType<Store['updateParticipantRegister']>>>(
      who,
      'update_participant_register',
      input,
    );
  }
  mintParticipantLink(who: Principal, input: Parameters<Store['mintParticipantLink']>[1]) {
    return this.call<Awaited<ReturnType<Store['mintParticipantLink']>>>(who, 'mint_participant_link', input);
  }
  resolveShortLink(shortHash: string) {
    return this.call<ShortLinkLookup>(system, 'resolve_short_link', { short_hash: shortHash });
  }
  endHandover(who: Principal, input: Parameters<Store['endHandover']>[1]) {
    return this.call<Awaited<ReturnType<Store['endHandover']>>>(who, 'end_handover', input);
  }
  coachParticipants(who: Principal, projectId: string) {
    return this.call<Awaited<ReturnType<Store['coachParticipants']>>>(who, 'coach_participants', {
      project_id: projectId,
    });
  }
  coachWorklist(who: Principal, query: Parameters<Store['coachWorklist']>[1]) {
    return this.call<Awaited<ReturnType<Store['coachWorklist']>>>(who, 'coach_worklist', { ...query });
  }
  recordDecline(who: Principal, input: Parameters<Store['recordDecline']>[1]) {
    return this.call<Awaited<ReturnType<Store['recordDecline']>>>(who, 'record_decline', input);
  }
  projectSettings(who: Principal, projectId: string) {
    return this.call<Awaited<ReturnType<Store['projectSettings']>>>(who, 'project_settings', { project_id: projectId });
  }
  registerExit(who: Principal, input: Parameters<Store['registerExit']>[1]) {
    return this.call<Awaited<ReturnType<Store['registerExit']>>>(who, 'register_exit', input);
  }
  createShortCode(who: Principal, input: Parameters<Store['createShortCode']>[1]) {
    return this.call<Awaited<ReturnType<Store['createShortCode']>>>(who, 'create_short_code', input);
  }
  redeemShortCode(codeHash: string, ttlDays: number, shortHash?: string) {
    return this.call<Awaited<ReturnType<Store['redeemShortCode']>>>(system, 'redeem_short_code', {
      code_hash: codeHash,
      ttl_days: ttlDays,
      ...(shortHash ? { short_hash: shortHash } : {}),
    });
  }
  giveConsent(who: Principal, input: Parameters<Store['giveConsent']>[1]) {
    return this.call<{ id: string; created: boolean }>(who, 'give_consent', input);
  }
  withdrawConsent(who: Principal) {
    return this.call<WithdrawalResult>(who, 'withdraw_consent');
  }
  declineConsent(who: Principal) {
    return this.call<Awaited<ReturnType<Store['declineConsent']>>>(who, 'decline_consent');
  }
  submitResponse(who: Principal, input: Parameters<Store['submitResponse']>[1]) {
    return this.call<Awaited<ReturnType<Store['submitResponse']>>>(who, 'submit_response', input);
  }
  itemAggregates(who: Principal, input: Parameters<Store['itemAggregates']>[1]) {
    return this.call<Awaited<ReturnType<Store['itemAggregates']>>>(who, 'item_aggregates', input);
  }
  participantSession(who: Principal) {
    return this.call<Awaited<ReturnType<Store['participantSession']>>>(who, 'participant_session');
  }
  saveDraft(who: Principal, input: Parameters<Store['saveDraft']>[1]) {
    return this.call<{ updated_at: string }>(who, 'save_draft', input);
  }
  projectOutcomes(who: Principal, projectId: string, download = false, period: OutcomeFilter = {}) {
    return this.call<Awaited<ReturnType<Store['projectOutcomes']>>>(who, 'project_outcomes', {
      project_id: projectId,
      export: download,
      ...(period.from ? { from: period.from } : {}),
      ...(period.to ? { to: period.to } : {}),
    });
  }
  answerLanguages(who: Principal, input: Parameters<Store['answerLanguages']>[1]) {
    return this.call<Awaited<ReturnType<Store['answerLanguages']>>>(who, 'answer_languages', { ...input });
  }
  waiChange(who: Principal, projectId: string) {
    return this.call<Awaited<ReturnType<Store['waiChange']>>>(who, 'wai_change', { project_id: projectId });
  }
  // Research downloads and demo data
  definitionVersions(who: Principal, key: string, projectId?: string) {
    return this.call<Awaited<ReturnType<Store['definitionVersions']>>>(who, 'definition_versions', {
      key,
      project_id: projectId,
    });
  }
  // Row-level export
  grantRowExport(who: Principal, input: Parameters<Store['grantRowExport']>[1]) {
    return this.call<Awaited<ReturnType<Store['grantRowExport']>>>(who, 'grant_row_export', input);
  }
  revokeRowExport(who: Principal, input: Parameters<Store['revokeRowExport']>[1]) {
    return this.call<Awaited<ReturnType<Store['revokeRowExport']>>>(who, 'revoke_row_export', input);
  }
  rowExportGrants(who: Principal, projectId: string) {
    return this.call<Awaited<ReturnType<Store['rowExportGrants']>>>(who, 'row_export_grants', {
      project_id: projectId,
    });
  }
  rowExportGrant(who: Principal, projectId: string) {
    return this.call<Awaited<ReturnType<Store['rowExportGrant']>>>(who, 'row_export_grant', { project_id: projectId });
  }
  beginRowExport(who: Principal, input: Parameters<Store['beginRowExport']>[1]) {
    return this.call<RowExportStart>(who, 'begin_row_export', input);
  }
  rowExportPage(who: Principal, input: Parameters<Store['rowExportPage']>[1]) {
    return this.call<RowExportPage>(who, 'row_export_page', input);
  }
  rowExportSyntax(who: Principal, input: Parameters<Store['rowExportSyntax']>[1]) {
    return this.call<Awaited<ReturnType<Store['rowExportSyntax']>>>(who, 'row_export_syntax', input);
  }
  // Definition admin
  definitionList(who: Principal) {
    return this.call<DefinitionListEntry[]>(who, 'definition_list');
  }
  definitionGet(who: Principal, id: string) {
    return this.call<AdminDefinition>(who, 'definition_get', { id });
  }
  definitionTranslationExport(who: Principal, input: Parameters<Store['definitionTranslationExport']>[1]) {
    return this.call<AdminDefinition>(who, 'definition_translation_export', input);
  }
  createDefinitionDraft(who: Principal, fromId: string) {
    return this.call<AdminDefinition & { created: boolean }>(who, 'create_definition_draft', { from_id: fromId });
  }
  saveDefinitionDraft(who: Principal, input: Parameters<Store['saveDefinitionDraft']>[1]) {
    return this.call<AdminDefinition>(who, 'save_definition_draft', input);
  }
  publishDefinition(who: Principal, input: Parameters<Store['publishDefinition']>[1]) {
    return this.call<AdminDefinition>(who, 'publish_definition', input);
  }
  retireDefinition(who: Principal, id: string) {
    return this.call<AdminDefinition>(who, 'retire_definition', { id });
  }
  definitionLanguages(who: Principal, id: string) {
    return this.call<LanguageApproval[]>(who, 'definition_language_list', { id });
  }
  setDefinitionLanguage(who: Principal, input: Parameters<Store['setDefinitionLanguage']>[1]) {
    return this.call<{ changed: boolean; languages: LanguageApproval[] }>(who, 'set_definition_language', input);
  }
  unlockDefinitionWording(who: Principal, input: Parameters<Store['unlockDefinitionWording']>[1]) {
    return this.call<AdminDefinition>(who, 'unlock_definition_wording', input);
  }
  importDefinition(who: Principal, input: Parameters<Store['importDefinition']>[1]) {
    return this.call<AdminDefinition>(who, 'import_definition', input);
  }
  adoptLibraryDefinition(who: Principal, input: Parameters<Store['adoptLibraryDefinition']>[1]) {
    return this.call<AdminDefinition>(who, 'adopt_library_definition', input);
  }
  // Admin: projects, staff, audit
  adminProjects(who: Principal) {
    return this.call<Awaited<ReturnType<Store['adminProjects']>>>(who, 'admin_projects');
  }
  adminCreateProject(who: Principal, input: Parameters<Store['adminCreateProject']>[1]) {
    return this.call<{ project_id: string }>(who, 'admin_create_project', input);
  }
  adminUpdateProject(who: Principal, input: Parameters<Store['adminUpdateProject']>[1]) {
    return this.call<Awaited<ReturnType<Store['adminUpdateProject']>>>(who, 'admin_update_project', input);
  }
  adminStaff(who: Principal) {
    return this.call<Awaited<ReturnType<Store['adminStaff']>>>(who, 'admin_staff');
  }
  adminInviteStaff(who: Principal, input: Parameters<Store['adminInviteStaff']>[1]) {
    return this.call<Awaited<ReturnType<Store['adminInviteStaff']>>>(who, 'admin_invite_staff', input);
  }
  adminSetMembership(who: Principal, input: Parameters<Store['adminSetMembership']>[1]) {
    return this.call<Awaited<ReturnType<Store['adminSetMembership']>>>(who, 'admin_set_membership', input);
  }
  adminSetStaffActive(who: Principal, input: Parameters<Store['adminSetStaffActive']>[1]) {
    return this.call<Awaited<ReturnType<Store['adminSetStaffActive']>>>(who, 'admin_set_staff_active', input);
  }
  adminIssuePasswordReset(who: Principal, input: Parameters<Store['adminIssuePasswordReset']>[1]) {
    return this.call<{ expires_at: string }>(who, 'admin_issue_password_reset', input);
  }
  inviteLookup(tokenHash: string) {
    return this.call<Awaited<ReturnType<Store['inviteLookup']>>>(system, 'invite_lookup', { token_hash: tokenHash });
  }
  acceptInvite(input: Parameters<Store['acceptInvite']>[0]) {
    return this.call<Awaited<ReturnType<Store['acceptInvite']>>>(system, 'accept_invite', input);
  }
  auditLog(who: Principal, filter: AuditFilter) {
    return this.call<Awaited<ReturnType<Store['auditLog']>>>(who, 'admin_audit_log', { ...filter });
  }
  countReport(who: Principal, input: Parameters<Store['countReport']>[1]) {
    return this.call<Awaited<ReturnType<Store['countReport']>>>(who, 'admin_count_report', input);
  }
}
