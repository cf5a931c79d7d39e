/**
 * Property-based fuzzing of every route (fast-check): wrong or missing credentials, wrong content
 * types, broken JSON, huge bodies, deep nesting, wrong types and out-of-range values, unicode edge
 * cases, junk query strings and path segments. Each generated request is one the app must refuse:
 * never a 5xx, always the standard error (JSON, or a Swedish page for forms), no stack or SQL in
 * the body, and no row written to any table. Seeds are fixed (FUZZ_SEED overrides, FUZZ_RUNS
 * scales); a failure prints its seed and path. A route added to the app fails the coverage check
 * until it is fuzzed here or listed with a reason.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '../support/app.ts';
import {
  brokenJson,
  CALLERS,
  contentChecksum,
  FUZZ_ENGINES,
  deepValue,
  expectNoLeak,
  expectStandardError,
  isUuid,
  junk,
  junkQuery,
  junkSegment,
  nastyString,
  FUZZ_TIMEOUT,
  openFuzzWorld,
  runsOn,
  SCALE,
  SEED,
  writes,
  written,
  type Caller,
  type FuzzWorld,
} from '../support/fuzz.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { pagaendeAnswers, TEST_PASSWORD } from '../support/fixtures.ts';
import { isTargetLang } from '../../src/surveys/translation-files.ts';

type Ids = FuzzWorld['ids'];
type Pred = (v: unknown) => boolean;
type Kind = 'json' | 'form' | 'text' | 'none';

interface Spec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  caller: Caller | 'handover';
  /** The value of the path parameter (":id", ":token", ":key") in a well-formed request. */
  param?: (x: Ids) => string;
  query?: (x: Ids) => Record<string, string>;
  /** Query parameters whose junk must be refused: a value failing the predicate is invalid. */
  queryValid?: Record<string, Pred>;
  kind: Kind;
  body?: (x: Ids) => Record<string, unknown>;
  /** Body fields whose junk must be refused (predicates over-approximate the valid values). */
  fields?: Record<string, Pred>;
  /** Fields that may be left out (only junk, never removal, is a refusal). */
  optional?: string[];
  /** Callers that must be refused (besides forged and expired credentials). */
  denied?: Caller[];
  /** Tables a refused request may legitimately write (the failed sign-in is audited). */
  allowWrites?: string[];
  /** 'any': nothing can be refused (public pages); only "no 5xx, no write, standard error if 4xx" hold. */
  mode?: 'any';
  /** Callers whose credentials a 'any' route's junk requests carry (default: all). */
  junkCallers?: Caller[];
  runs?: number;
}

const str = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
const matches =
  (re: RegExp): Pred =>
  (v) =>
    typeof v === 'string' && re.test(v);
const oneOf =
  (...values: unknown[]): Pred =>
  (v) =>
    values.includes(v);
const orEmpty =
  (p: Pred): Pred =>
  (v) =>
    v === '' || v === undefined || p(v);
const numeric: Pred = (v) =>
  (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) || typeof v === 'number';
const surveyKey = matches(/^[a-z][a-z0-9-]{1,40}$/);
const isoDate = matches(/^\d{4}-\d{2}-\d{2}$/);
const quarter = matches(/^\d{4}-Q[1-4]$/);
const sep: Pred = (v) => v === undefined || v === 'comma' || v === 'semicolon';
const optionalOf =
  (p: Pred): Pred =>
  (v) =>
    v === undefined || p(v);
const word = matches(/^[a-z_]+$/);
const isObject: Pred = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const never: Pred = () => false;

const research = (x: Ids) => ({ project: x.projectId, survey: 'pagaende' });
const researchPageValid = {
  project: optionalOf(isUuid),
  survey: optionalOf(surveyKey),
  from: orEmpty(quarter),
  to: orEmpty(quarter),
  version: orEmpty(numeric),
  occasion: orEmpty(oneOf('start', 'pagaende', 'avslut')),
  sep,
};
const reportBasisValid = { project: optionalOf(isUuid), from: orEmpty(quarter), to: orEmpty(quarter) };
const researchValid = {
  project: isUuid,
  survey: surveyKey,
  from: orEmpty(quarter),
  to: orEmpty(quarter),
  version: orEmpty(numeric),
  occasion: orEmpty(oneOf('start', 'pagaende', 'avslut')),
  sep,
};
const projectForm = {
  name: (v: unknown) => typeof v === 'string' && v.trim() !== '' && v.trim().length <= 200,
  min_group_size: numeric,
  period_start: orEmpty(isoDate),
  target_participants: orEmpty(numeric),
  startDueDays: orEmpty(numeric),
  languages: (v: unknown) =>
    typeof v === 'string' &&
    v
      .toLowerCase()
      .split(/[\s,;]+/)
      .filter(Boolean)
      .every((l) => /^[a-z]{2,3}$/.test(l)),
};
const projectBody = () => ({
  name: 'Fuzzprojekt',
  min_group_size: '5',
  period_start: '',
  target_participants: '',
  startDueDays: '',
});

const SPECS: Spec[] = [
  // Public.
  { method: 'GET', path: '/healthz', caller: 'anonymous', kind: 'none', mode: 'any', runs: 20 },
  { method: 'GET', path: '/', caller: 'anonymous', kind: 'none', mode: 'any', runs: 20 },
  {
    method: 'GET',
    path: '/login',
    caller: 'anonymous',
    kind: 'none',
    mode: 'any',
    query: () => ({ next: '/coach' }),
    runs: 40,
  },
  { method: 'GET', path: '/k', caller: 'anonymous', kind: 'none', mode: 'any', runs: 20 },
  { method: 'GET', path: '/sw.js', caller: 'anonymous', kind: 'none', mode: 'any', runs: 10 },
  { method: 'GET', path: '/offline', caller: 'anonymous', kind: 'none', mode: 'any', runs: 10 },
  // Any ?projekt= gets a page (the general statement when it names no project), never an error.
  {
    method: 'GET',
    path: '/tillganglighet',
    caller: 'anonymous',
    kind: 'none',
    mode: 'any',
    query: (x) => ({ projekt: x.projectId }),
    runs: 20,
  },
  { method: 'GET', path: '/handover/return', caller: 'anonymous', kind: 'none', mode: 'any', runs: 20 },
  // Signing out ends every session of the account (the fuzz's own callers would be signed out):
  // fuzzed without a live session here; tests/security/logout.test.ts signs a live one out.
  {
    method: 'POST',
    path: '/logout',
    caller: 'anonymous',
    kind: 'none',
    mode: 'any',
    junkCallers: ['anonymous'],
    runs: 20,
  },
  // Any signed-in staff member may change their own password; the current password is asked again,
  // so junk never changes it (a wrong one spends the account's sign-in budget: few runs, under it).
  {
    method: 'GET',
    path: '/account/password',
    caller: 'coach',
    kind: 'none',
    denied: ['anonymous', 'participant'],
    runs: 10,
  },
  {
    method: 'POST',
    path: '/account/password',
    caller: 'coach',
    kind: 'form',
    body: () => ({
      current: 'inte lösenordet',
      password: 'ett nytt långt lösenord',
      confirm: 'ett nytt långt lösenord',
    }),
    fields: { current: (v) => v === TEST_PASSWORD },
    denied: ['anonymous', 'participant'],
    allowWrites: ['public.rate_limits'],
    runs: 20,
  },
  // Every failed sign-in is audited; unknown e-mails cost a full PBKDF2 (600k), so fewer runs.
  {
    method: 'POST',
    path: '/login',
    caller: 'anonymous',
    kind: 'form',
    body: () => ({ email: 'coach@nowhere.test', password: 'wrong' }),
    fields: { password: (v) => v === TEST_PASSWORD },
    // A failed attempt is counted (src/http/rate-limits.ts): the counter is the one write allowed.
    allowWrites: ['public.audit_log', 'public.rate_limits'],
    runs: 60,
  },
  {
    method: 'POST',
    path: '/k',
    caller: 'anonymous',
    kind: 'form',
    body: () => ({ code: 'K7F3-9QX2' }),
    fields: { code: never },
    allowWrites: ['public.rate_limits'],
  },
  {
    method: 'POST',
    path: '/handover/return',
    caller: 'handover',
    kind: 'form',
    body: () => ({ password: 'not the password' }),
    fields: { password: (v) => v === TEST_PASSWORD },
    allowWrites: ['public.audit_log', 'public.rate_limits'],
    denied: ['anonymous'],
  },
  { method: 'GET', path: '/invite/:token', caller: 'anonymous', kind: 'none', param: () => 'A'.repeat(43) },
  {
    method: 'POST',
    path: '/invite/:token',
    caller: 'anonymous',
    kind: 'form',
    param: () => 'B'.repeat(43),
    body: () => ({ password: 'a long enough password', confirm: 'a long enough password' }),
    fields: { password: never },
    allowWrites: ['public.rate_limits'],
  },
  { method: 'GET', path: '/d/:token', caller: 'anonymous', kind: 'none', param: () => 'x'.repeat(30) },
  {
    method: 'GET',
    path: '/l/:id{[^/]*}',
    caller: 'anonymous',
    kind: 'none',
    param: () => 'x'.repeat(13),
    allowWrites: ['public.rate_limits'],
  },
  { method: 'GET', path: '/l', caller: 'anonymous', kind: 'none', mode: 'any', runs: 20 },
  // Participant.
  { method: 'GET', path: '/api/p/session', caller: 'participant', kind: 'none' },
  { method: 'POST', path: '/api/p/withdraw', caller: 'participant', kind: 'none' },
  { method: 'POST', path: '/api/p/decline', caller: 'participant', kind: 'none' },
  {
    method: 'PUT',
    path: '/api/p/draft',
    caller: 'participant',
    kind: 'json',
    body: (x) => ({ definition_id: x.pagaende, answers: { mer_redo: 4 }, page: 0 }),
    fields: { definition_id: isUuid, answers: isObject, page: (v) => typeof v === 'number' },
  },
  {
    method: 'POST',
    path: '/api/p/consent',
    caller: 'participant',
    kind: 'json',
    body: (x) => ({ definition_id: x.consent, answers: { samtycker: true, svarar_med: 'self' } }),
    fields: { definition_id: isUuid, answers: isObject },
  },
  {
    method: 'POST',
    path: '/api/p/responses',
    caller: 'participant',
    kind: 'json',
    body: (x) => ({ id: crypto.randomUUID(), definition_id: x.pagaende, answers: pagaendeAnswers(4) }),
    fields: { id: isUuid, definition_id: isUuid, answers: isObject },
  },
  // Coach.
  { method: 'GET', path: '/coach', caller: 'coach', kind: 'none' },
  {
    method: 'POST',
    path: '/coach/participants',
    caller: 'coach',
    kind: 'form',
    body: (x) => ({ project_id: x.projectId, gender: 'kvinna', age_band: '30_49', started_on: '', referral: '' }),
    fields: {
      project_id: isUuid,
      gender: word,
      age_band: matches(/^[0-9a-z_]+$/),
      started_on: orEmpty(isoDate),
      referral: orEmpty(word),
    },
    optional: ['started_on', 'referral'],
  },
  {
    method: 'GET',
    path: '/coach/participants/:id/register',
    caller: 'coach',
    kind: 'none',
    param: (x) => x.participantId,
  },
  // The well-formed request is refused too (an age band outside the list), so nothing is written.
  {
    method: 'POST',
    path: '/coach/participants/:id/register',
    caller: 'coach',
    kind: 'form',
    param: (x) => x.participantId,
    body: () => ({ gender: 'man', age_band: '99_plus' }),
    fields: { gender: word, age_band: never },
  },
  {
    method: 'GET',
    path: '/coach/participants/:id/decline',
    caller: 'coach',
    kind: 'none',
    param: (x) => x.participantId,
  },
  {
    method: 'POST',
    path: '/coach/participants/:id/decline',
    caller: 'coach',
    kind: 'form',
    param: (x) => x.participantId,
    body: () => ({ declined: '0' }),
    fields: { declined: word },
  },
  { method: 'GET', path: '/coach/participants/:id/exit', caller: 'coach', kind: 'none', param: (x) => x.participantId },
  {
    method: 'POST',
    path: '/coach/participants/:id/exit',
    caller: 'coach',
    kind: 'form',
    param: (x) => x.participantId,
    body: () => ({ exited_on: '2999-01-01', reason: 'arbete' }),
    fields: { exited_on: isoDate, reason: word },
  },
  {
    method: 'GET',
    path: '/coach/participants/:id/start',
    caller: 'coach',
    kind: 'none',
    param: (x) => x.participantId,
    query: () => ({ target: 'wai:start', sprak: 'en' }),
    // The world's admin approved English (test fixtures): Swedish and English are the languages offered.
    queryValid: { target: orEmpty(matches(/^[a-z][a-z0-9-]{1,40}:[a-z]+$/)), sprak: orEmpty(oneOf('sv', 'en')) },
  },
  {
    method: 'POST',
    path: '/coach/participants/:id/short-code',
    caller: 'coach',
    kind: 'form',
    param: (x) => x.participantId,
    body: () => ({ target: 'pagaende:pagaende', sprak: 'en' }),
    fields: { target: matches(/^[a-z][a-z0-9-]{1,40}:[a-z]+$/), sprak: oneOf('sv', 'en') },
    optional: ['target', 'sprak'],
  },
  {
    method: 'POST',
    path: '/coach/participants/:id/handover',
    caller: 'coach',
    kind: 'form',
    param: (x) => x.participantId,
    body: () => ({ target: 'pagaende:pagaende', sprak: 'en' }),
    fields: { target: matches(/^[a-z][a-z0-9-]{1,40}:[a-z]+$/), sprak: oneOf('sv', 'en') },
    optional: ['target', 'sprak'],
  },
  {
    method: 'GET',
    path: '/api/coach/participants',
    caller: 'coach',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: { project: isUuid },
  },
  {
    method: 'POST',
    path: '/api/coach/participants',
    caller: 'coach',
    kind: 'json',
    body: (x) => ({ project_id: x.projectId, gender: 'kvinna', age_band: '30_49' }),
    fields: {
      project_id: isUuid,
      gender: word,
      age_band: matches(/^[0-9a-z_]+$/),
      started_on: orEmpty(isoDate),
      referral: orEmpty(word),
      occupation_start: orEmpty(word),
    },
    optional: ['started_on', 'referral', 'occupation_start'],
  },
  {
    method: 'POST',
    path: '/api/coach/participants/:id/exit',
    caller: 'coach',
    kind: 'json',
    param: (x) => x.participantId,
    body: () => ({ exited_on: '2999-01-01', reason: 'arbete' }),
    fields: { exited_on: isoDate, reason: word },
  },
  {
    method: 'POST',
    path: '/api/coach/participants/:id/links',
    caller: 'coach',
    kind: 'json',
    param: (x) => x.participantId,
    body: () => ({ survey: 'pagaende', occasion: 'pagaende' }),
    fields: { survey: surveyKey, occasion: oneOf('start', 'pagaende', 'avslut') },
  },
  // Research.
  {
    method: 'GET',
    path: '/research',
    caller: 'researcher',
    kind: 'none',
    query: research,
    queryValid: researchPageValid,
  },
  {
    method: 'GET',
    path: '/research/report',
    caller: 'researcher',
    kind: 'none',
    query: research,
    queryValid: researchPageValid,
  },
  {
    method: 'GET',
    path: '/research/codebook',
    caller: 'researcher',
    kind: 'none',
    query: () => ({ survey: 'pagaende' }),
    queryValid: { survey: optionalOf(surveyKey), version: orEmpty(numeric), sep },
  },
  {
    method: 'GET',
    path: '/api/research/aggregates',
    caller: 'researcher',
    kind: 'none',
    query: research,
    queryValid: researchValid,
  },
  {
    method: 'GET',
    path: '/api/research/aggregates.csv',
    caller: 'researcher',
    kind: 'none',
    query: research,
    queryValid: researchValid,
  },
  {
    method: 'GET',
    path: '/api/research/codebook.csv',
    caller: 'researcher',
    kind: 'none',
    query: () => ({ survey: 'pagaende' }),
    queryValid: { survey: surveyKey, version: orEmpty(numeric), sep },
  },
  {
    method: 'GET',
    path: '/api/research/outcomes',
    caller: 'researcher',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: { project: isUuid },
  },
  {
    method: 'GET',
    path: '/api/research/outcomes.csv',
    caller: 'researcher',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: { project: isUuid, sep },
  },
  {
    method: 'GET',
    path: '/research/rapportunderlag',
    caller: 'researcher',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: reportBasisValid,
  },
  {
    method: 'GET',
    path: '/api/research/rapportunderlag.docx',
    caller: 'researcher',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: reportBasisValid,
  },
  {
    method: 'GET',
    path: '/api/research/rapportunderlag.csv',
    caller: 'researcher',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: reportBasisValid,
  },
  // No grant: even a well-formed request is refused, junk must be too.
  {
    method: 'GET',
    path: '/api/research/rows.csv',
    caller: 'researcher',
    kind: 'none',
    query: research,
    queryValid: {
      project: isUuid,
      survey: surveyKey,
      version: optionalOf(numeric),
      sep,
      free_text: optionalOf(oneOf('0', '1')),
    },
  },
  {
    method: 'GET',
    path: '/api/research/rows.jsonl',
    caller: 'researcher',
    kind: 'none',
    query: research,
    queryValid: {
      project: isUuid,
      survey: surveyKey,
      version: optionalOf(numeric),
      sep,
      free_text: optionalOf(oneOf('0', '1')),
    },
  },
  ...['sps', 'R', 'do'].flatMap((ext): Spec[] => [
    {
      method: 'GET',
      path: `/api/research/rows.${ext}`,
      caller: 'researcher',
      kind: 'none',
      query: research,
      queryValid: {
        project: isUuid,
        survey: surveyKey,
        version: optionalOf(numeric),
        sep,
        free_text: optionalOf(oneOf('0', '1')),
      },
    },
    {
      method: 'GET',
      path: `/api/research/aggregates.${ext}`,
      caller: 'researcher',
      kind: 'none',
      query: research,
      queryValid: researchValid,
    },
  ]),
  // Admin.
  {
    method: 'GET',
    path: '/api/admin/export-grants',
    caller: 'admin',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: { project: isUuid },
  },
  {
    method: 'POST',
    path: '/api/admin/export-grants',
    caller: 'admin',
    kind: 'json',
    body: (x) => ({ project_id: x.projectId, staff_id: x.staffId }),
    fields: {
      project_id: isUuid,
      staff_id: isUuid,
      include_free_text: (v) => typeof v === 'boolean' || v === undefined,
    },
    optional: ['include_free_text'],
  },
  {
    method: 'DELETE',
    path: '/api/admin/export-grants',
    caller: 'admin',
    kind: 'json',
    body: (x) => ({ project_id: x.projectId, staff_id: x.staffId }),
    fields: { project_id: isUuid, staff_id: isUuid },
  },
  { method: 'GET', path: '/admin', caller: 'admin', kind: 'none' },
  { method: 'GET', path: '/admin/projects', caller: 'admin', kind: 'none' },
  { method: 'GET', path: '/admin/projects/new', caller: 'admin', kind: 'none' },
  { method: 'GET', path: '/admin/projects/:id', caller: 'admin', kind: 'none', param: (x) => x.projectId },
  {
    method: 'POST',
    path: '/admin/projects',
    caller: 'admin',
    kind: 'form',
    body: () => ({ organisation_id: crypto.randomUUID(), ...projectBody() }),
    fields: { organisation_id: never, ...projectForm },
    optional: ['period_start', 'target_participants', 'startDueDays', 'languages'],
  },
  {
    method: 'POST',
    path: '/admin/projects/:id',
    caller: 'admin',
    kind: 'form',
    param: (x) => x.projectId,
    body: projectBody,
    fields: projectForm,
    optional: ['period_start', 'target_participants', 'startDueDays', 'languages'],
  },
  { method: 'GET', path: '/admin/staff', caller: 'admin', kind: 'none' },
  {
    method: 'POST',
    path: '/admin/staff/invite',
    caller: 'admin',
    kind: 'form',
    body: (x) => ({ email: 'new@fuzz.test', project_id: x.projectId, roles: 'coach' }),
    fields: { email: matches(/@/), project_id: isUuid, roles: oneOf('admin', 'coach', 'researcher') },
  },
  {
    method: 'POST',
    path: '/admin/staff/:id/roles',
    caller: 'admin',
    kind: 'form',
    param: (x) => x.staffId,
    body: (x) => ({ project_id: x.projectId, roles: 'researcher' }),
    fields: { project_id: isUuid, roles: oneOf('admin', 'coach', 'researcher') },
    optional: ['roles'],
  },
  // A well-formed request to these changes an account: only credentials and the id are fuzzed.
  { method: 'POST', path: '/admin/staff/:id/deactivate', caller: 'admin', kind: 'none', param: (x) => x.staffId },
  { method: 'POST', path: '/admin/staff/:id/reactivate', caller: 'admin', kind: 'none', param: (x) => x.staffId },
  { method: 'POST', path: '/admin/staff/:id/reset', caller: 'admin', kind: 'none', param: (x) => x.staffId },
  ...(['/admin/count-report', '/admin/count-report.csv'] as const).map((path): Spec => ({
    method: 'GET',
    path,
    caller: 'admin',
    kind: 'none',
    query: (x) => ({ project: x.projectId }),
    queryValid: {
      project: isUuid,
      period: orEmpty(matches(/^\d{4}(-(H[12]|Q[1-4]))?$/)),
      from: orEmpty(isoDate),
      to: orEmpty(isoDate),
      sep: orEmpty(sep),
    },
  })),
  {
    method: 'GET',
    path: '/admin/audit',
    caller: 'admin',
    kind: 'none',
    query: () => ({}),
    queryValid: {
      from: orEmpty(isoDate),
      to: orEmpty(isoDate),
      action: orEmpty(matches(/^[a-z_.]{1,60}$/)),
      project_id: orEmpty(isUuid),
      before: orEmpty(numeric),
      sep: orEmpty(sep),
    },
  },
  {
    method: 'GET',
    path: '/admin/audit.csv',
    caller: 'admin',
    kind: 'none',
    query: () => ({}),
    queryValid: {
      from: orEmpty(isoDate),
      to: orEmpty(isoDate),
      action: orEmpty(matches(/^[a-z_.]{1,60}$/)),
      project_id: orEmpty(isUuid),
      before: orEmpty(numeric),
      sep: orEmpty(sep),
    },
  },
  { method: 'GET', path: '/admin/definitions', caller: 'admin', kind: 'none' },
  {
    method: 'GET',
    path: '/admin/definitions/diff',
    caller: 'admin',
    kind: 'none',
    query: (x) => ({ a: x.pagaende, b: x.pagaende }),
    queryValid: { a: isUuid, b: isUuid },
  },
  // Whole pages whose only inputs are the caller and the id: fewer runs cover them.
  { method: 'GET', path: '/admin/definitions/:id', caller: 'admin', kind: 'none', param: (x) => x.pagaende, runs: 20 },
  {
    method: 'GET',
    path: '/admin/definitions/:id/retire',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
    runs: 20,
  },
  // Any ?lang= is read (an unknown one shows Swedish): only the caller and the id can be wrong.
  {
    method: 'GET',
    path: '/admin/definitions/:id/preview',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
    runs: 20,
  },
  {
    method: 'GET',
    path: '/admin/definitions/:id/publish',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
    runs: 20,
  },
  // Pågående's published version: no form can publish it (409 page), whatever the fields hold.
  {
    method: 'POST',
    path: '/admin/definitions/:id/publish',
    caller: 'admin',
    kind: 'form',
    param: (x) => x.pagaende,
    body: () => ({ fingerprint: '0'.repeat(64), confirmations: 'reworded:x:sv' }),
    fields: { fingerprint: never, confirmations: never },
  },
  {
    method: 'POST',
    path: '/admin/definitions/import',
    caller: 'admin',
    kind: 'form',
    body: () => ({ file: '{}' }),
    fields: { file: never },
  },
  { method: 'POST', path: '/admin/definitions/:id/draft', caller: 'admin', kind: 'none', param: (x) => x.pagaende },
  {
    method: 'POST',
    path: '/admin/definitions/library/:key/adopt',
    caller: 'admin',
    kind: 'none',
    param: () => 'pagaende',
  },
  { method: 'POST', path: '/admin/definitions/:id/retire', caller: 'admin', kind: 'none', param: (x) => x.pagaende },
  {
    method: 'POST',
    path: '/admin/definitions/:id/unlock',
    caller: 'admin',
    kind: 'form',
    param: (x) => x.pagaende,
    body: () => ({ reason: 'licensierad text ska rättas' }),
    fields: { reason: never },
  },
  // Language approval (issue 20): the page, and refusals only (a well-formed post writes and audits).
  {
    method: 'GET',
    path: '/admin/definitions/:id/languages',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
    runs: 20,
  },
  {
    method: 'POST',
    path: '/admin/definitions/:id/languages',
    caller: 'admin',
    kind: 'form',
    param: (x) => x.pagaende,
    body: () => ({ lang: 'x-not-a-language', approved: 'maybe' }),
    fields: { lang: never, approved: never },
    runs: 20,
  },
  // Translation files: a well-formed download writes its audit row, so only refusals are generated.
  {
    method: 'GET',
    path: '/admin/definitions/:id/translation',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
    query: () => ({ lang: 'ar', format: 'csv' }),
    queryValid: {
      lang: (v) => typeof v === 'string' && isTargetLang(v),
      format: oneOf('xliff', 'csv'),
    },
  },
  {
    method: 'GET',
    path: '/admin/definitions/:id/translations',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
    runs: 20,
  },
  // A form post never carries a file: every such upload is refused (the HTTP tests upload real ones).
  {
    method: 'POST',
    path: '/admin/definitions/:id/translations',
    caller: 'admin',
    kind: 'form',
    param: (x) => x.pagaende,
    body: () => ({ lang: 'ar', file: 'key,context,sv,en,ar' }),
    fields: { lang: never, file: never },
  },
  // A confirmation made against no preview ("of" names nothing current): refused whatever it says.
  {
    method: 'POST',
    path: '/admin/definitions/:id/translations/confirm',
    caller: 'admin',
    kind: 'form',
    param: (x) => x.pagaende,
    body: () => ({ lang: 'ar', format: 'csv', of: 'new@x', changes: '[]' }),
    fields: { lang: never, format: never, of: never, changes: never },
  },
  { method: 'GET', path: '/api/admin/definitions', caller: 'admin', kind: 'none' },
  { method: 'GET', path: '/api/admin/definitions/:id', caller: 'admin', kind: 'none', param: (x) => x.pagaende },
  { method: 'GET', path: '/api/admin/definitions/:id/export', caller: 'admin', kind: 'none', param: (x) => x.pagaende },
  { method: 'POST', path: '/api/admin/definitions/:id/draft', caller: 'admin', kind: 'none', param: (x) => x.pagaende },
  {
    method: 'POST',
    path: '/api/admin/definitions/library/:key/adopt',
    caller: 'admin',
    kind: 'none',
    param: () => 'pagaende',
  },
  {
    method: 'POST',
    path: '/api/admin/definitions/:id/retire',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
  },
  // Any text gets 200 with findings (tests/http/fuzz-definitions.test.ts): here credentials, id, size, and no body.
  {
    method: 'POST',
    path: '/api/admin/definitions/:id/validate',
    caller: 'admin',
    kind: 'none',
    param: (x) => x.pagaende,
  },
  // Published versions are immutable: any body to save, publish or unlock one is refused.
  {
    method: 'PUT',
    path: '/api/admin/definitions/:id',
    caller: 'admin',
    kind: 'text',
    param: (x) => x.pagaende,
    body: () => ({ meta: {}, survey: {} }),
    fields: { meta: never, survey: never },
  },
  {
    method: 'POST',
    path: '/api/admin/definitions/:id/publish',
    caller: 'admin',
    kind: 'json',
    param: (x) => x.pagaende,
    body: () => ({ confirmations: [] }),
    fields: { confirmations: never },
  },
  {
    method: 'POST',
    path: '/api/admin/definitions/:id/unlock',
    caller: 'admin',
    kind: 'json',
    param: (x) => x.pagaende,
    body: () => ({ reason: 'rättelse av stavfel' }),
    fields: { reason: never },
  },
  {
    method: 'POST',
    path: '/api/admin/definitions/import',
    caller: 'admin',
    kind: 'text',
    body: () => ({ meta: {}, survey: {} }),
    fields: { meta: never, survey: never },
  },
];

/** Routes left out of this suite, and where they are tested instead. */
const ELSEWHERE: Record<string, string> = {
  'GET /d':
    'takes no input but the HttpOnly hand-over cookie; without a valid one it is the 401 page (tests/security/handover-leaves-nothing.test.ts)',
};

/** Callers that must be refused, by the area of the route. */
function deniedTo(spec: Spec): Caller[] {
  if (spec.denied) return spec.denied;
  if (spec.caller === 'anonymous') return [];
  if (spec.path.startsWith('/api/p/')) return ['anonymous', 'coach', 'admin'];
  if (/^\/(api\/)?coach/.test(spec.path)) return ['anonymous', 'researcher', 'participant'];
  if (/^\/(api\/)?research/.test(spec.path)) return ['anonymous', 'coach', 'participant'];
  return ['anonymous', 'coach', 'researcher', 'participant'];
}

interface Req {
  url: string;
  init: RequestInit & { headers: Record<string, string> };
}
interface Case {
  label: string;
  req: Req;
  mode: 'refuse' | 'any';
}
/** How a failing case is printed: the request, with long bodies cut. */
function printable(c: Case): Case {
  const text = () =>
    `${c.req.init.method} ${c.req.url.slice(0, 300)} [${c.label.slice(0, 200)}] headers ${JSON.stringify(c.req.init.headers).slice(0, 400)} body ${JSON.stringify(String(c.req.init.body ?? '').slice(0, 300))}`;
  return Object.assign(c, { [fc.toStringMethod]: text });
}

describe.each(FUZZ_ENGINES)(
  'HTTP: fuzzing every route on %s (fast-check)',
  (engine) => {
    let f: FuzzWorld;
    const counts: Record<string, number> = {};
    let started = Date.now();
    const foreign = createTokenService({
      secret: 'another-secret-0123456789-abcdefghijklmnop',
      staffTtlMinutes: 60,
      linkTtlDays: 14,
    });
    const expired = createTokenService({
      secret: TEST_SECRET,
      staffTtlMinutes: 60,
      linkTtlDays: 14,
      now: () => new Date(Date.now() - 30 * 86_400_000),
    });
    let forged: Record<string, string>[] = [];
    let handover: Record<string, string> = {};

    beforeAll(async () => {
      started = Date.now();
      f = await openFuzzWorld(engine, 'fuzz_endpoints');
      const who = f.who;
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const valid = (await f.tokens.signParticipantLink(who)).token;
      const staffJwt = decodeURIComponent(f.headers.admin.cookie!.split('=').slice(1).join('='));
      const cookie = (v: string) => ({
        cookie: `enkat_session=${v}`,
        origin: 'http://localhost',
        'sec-fetch-site': 'same-origin',
      });
      forged = [
        { authorization: `Bearer ${(await foreign.signParticipantLink(who)).token}` },
        { authorization: `Bearer ${(await expired.signParticipantLink(who)).token}` },
        { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${valid.split('.')[1]}.` },
        {
          authorization: `Bearer ${(await f.tokens.signParticipantLink({ ...who, participantId: crypto.randomUUID() })).token}`,
        },
        { authorization: `Bearer ${staffJwt}` },
        { authorization: 'Bearer ' + 'A'.repeat(3000) },
        { authorization: `Basic ${btoa('admin:admin')}` },
        cookie(valid),
        cookie((await foreign.signStaffSession(f.ids.adminStaffId)).token),
        cookie((await expired.signStaffSession(f.ids.adminStaffId)).token),
        cookie((await f.tokens.signHandover(f.ids.adminStaffId)).token),
        cookie((await f.tokens.signStaffSession(f.ids.adminStaffId, 99)).token),
        cookie('%E0%A4%A'),
        cookie('x'.repeat(5000)),
      ];
      handover = {
        cookie: `enkat_handover=${(await f.tokens.signHandover(f.world.coach.staffId)).token}`,
        origin: 'http://localhost',
        'sec-fetch-site': 'same-origin',
      };
    }, 120_000);
    afterAll(async () => {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(
        `fuzz-endpoints on ${engine}: ${total} generated requests in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})\n${Object.entries(
          counts,
        )
          .map(([k, n]) => `  ${n}\t${k}`)
          .join('\n')}`,
      );
      await f?.db.close();
    });

    function headersOf(caller: Spec['caller']): Record<string, string> {
      return { ...(caller === 'handover' ? handover : f.headers[caller]) };
    }

    function encodeBody(kind: Kind, body: Record<string, unknown> | unknown): string {
      if (kind === 'form')
        return new URLSearchParams(
          Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, str(v)]),
        ).toString();
      return JSON.stringify(body);
    }
    const contentType = (kind: Kind) => (kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json');

    /** The well-formed request of a spec, with a path parameter, query and body replaced if given. */
    function request(
      spec: Spec,
      o: { param?: string; query?: string; headers?: Record<string, string>; body?: string; type?: string | null } = {},
    ): Req {
      const x = f.ids;
      const path = spec.param
        ? spec.path.replace(/:(id|token|key)/, o.param ?? encodeURIComponent(spec.param(x)))
        : spec.path;
      const query = o.query ?? new URLSearchParams(spec.query?.(x) ?? {}).toString();
      const headers = o.headers ?? headersOf(spec.caller);
      let body: string | undefined;
      if (spec.method !== 'GET') {
        body = o.body ?? (spec.body ? encodeBody(spec.kind, spec.body(x)) : undefined);
        const type = o.type === undefined ? (spec.kind === 'none' ? undefined : contentType(spec.kind)) : o.type;
        if (type !== undefined && type !== null) headers['content-type'] = type;
      }
      return { url: query ? `${path}?${query}` : path, init: { method: spec.method, headers, body } };
    }

    /** Every way of getting a request of this route wrong that applies to it. */
    function cases(spec: Spec): fc.Arbitrary<Case> {
      const x = () => f.ids;
      const refuse = (label: string, req: Req): Case => ({ label, req, mode: spec.mode ?? 'refuse' });
      const options: fc.Arbitrary<Case>[] = [];
      if (spec.mode === 'any') {
        options.push(
          fc
            .tuple(junkQuery, fc.constantFrom(...(spec.junkCallers ?? CALLERS)))
            .map(([q, c]) => refuse('junk query', request(spec, { query: q, headers: headersOf(c) }))),
        );
      }
      if (spec.caller !== 'anonymous') {
        const denied = deniedTo(spec);
        options.push(
          fc
            .oneof(
              fc.constantFrom(...forged),
              ...(denied.length ? [fc.constantFrom(...denied).map((c) => headersOf(c))] : []),
            )
            .map((h) => refuse('credentials', request(spec, { headers: { ...h } }))),
        );
      }
      if (spec.param) options.push(junkSegment.map((p) => refuse('path parameter', request(spec, { param: p }))));
      if (spec.method !== 'GET') {
        options.push(
          fc
            .constantFrom(520 * 1024, 2 * 1024 * 1024)
            .map((n) => refuse('huge body', request(spec, { body: '{"a":"' + 'x'.repeat(n) + '"}' }))),
        );
      }
      // A form whose fields are all optional is well-formed without them (any other type reads as empty).
      if (
        spec.kind !== 'none' &&
        spec.body &&
        !(spec.kind === 'form' && Object.keys(spec.fields ?? {}).every((k) => spec.optional?.includes(k)))
      ) {
        const types =
          spec.kind === 'text'
            ? [
                'application/xml',
                'application/x-www-form-urlencoded',
                'multipart/form-data; boundary=x',
                'text/html',
                'application/jsonx',
                'text/plainx',
                null,
              ]
            : [
                'text/plain',
                spec.kind === 'form' ? 'application/json' : 'application/x-www-form-urlencoded',
                'application/xml',
                'application/json-patch+json',
                'text/json',
                'application/jsonp',
                'multipart/form-data; boundary=x',
                '',
                null,
              ];
        options.push(fc.constantFrom(...types).map((t) => refuse(`content type ${t}`, request(spec, { type: t }))));
      }
      if ((spec.kind === 'json' || spec.kind === 'text') && spec.body) {
        options.push(brokenJson.map((b) => refuse('broken JSON', request(spec, { body: b }))));
        options.push(
          fc
            .oneof(junk, fc.array(junk, { maxLength: 3 }))
            .filter((v) => !isObject(v))
            .map((v) => refuse('not an object', request(spec, { body: JSON.stringify(v) }))),
        );
      }
      if (spec.kind === 'json' && spec.fields && spec.body) {
        // A required field replaced by a value nested thousands of levels deep (raw JSON text).
        const names = Object.keys(spec.fields).filter(
          (k) => !spec.optional?.includes(k) || spec.fields![k]!('') === false,
        );
        if (names.length) {
          options.push(
            fc
              .tuple(
                fc.constantFrom(...names),
                deepValue.filter((d) => d.endsWith(']') || d.endsWith('}')),
              )
              .map(([name, deep]) => {
                const text = JSON.stringify({ ...spec.body!(x()), [name]: '@@DEEP@@' }).replace('"@@DEEP@@"', deep);
                return refuse(`deep ${name}`, request(spec, { body: text }));
              }),
          );
        }
      }
      if (spec.fields && spec.body && spec.kind !== 'none') {
        const fields = spec.fields;
        const mutation = fc.constantFrom(...Object.keys(fields)).chain((name) => {
          const valid = fields[name]!;
          const bad = junk.filter(
            (v) =>
              !valid(spec.kind === 'form' ? str(v) : v) &&
              !(spec.kind === 'json' && spec.optional?.includes(name) && (v === undefined || v === null)),
          );
          const remove = !spec.optional?.includes(name) && !valid(undefined);
          return (remove ? fc.option(bad, { nil: undefined, freq: 4 }) : bad).map((v) => [name, v] as const);
        });
        options.push(
          fc.uniqueArray(mutation, { minLength: 1, maxLength: 3, selector: ([n]) => n }).map((muts) => {
            const body: Record<string, unknown> = { ...spec.body!(x()) };
            for (const [name, v] of muts)
              if (v === undefined) delete body[name];
              else body[name] = v;
            const text = spec.kind === 'text' ? JSON.stringify(body) : encodeBody(spec.kind, body);
            return refuse(
              `fields ${muts.map(([n, v]) => `${n}=${v === undefined ? '(missing)' : str(v).slice(0, 40)}`).join(', ')}`,
              request(spec, { body: text }),
            );
          }),
        );
      }
      if (spec.queryValid) {
        const valid = spec.queryValid;
        const q = fc.constantFrom(...Object.keys(valid)).chain((name) =>
          fc
            .option(
              fc.oneof(nastyString, junk.map(str)).filter((v) => !valid[name]!(v)),
              { nil: undefined, freq: 3 },
            )
            .filter((v) => v !== undefined || !valid[name]!(undefined))
            .map((v) => [name, v] as const),
        );
        options.push(
          fc.uniqueArray(q, { minLength: 1, maxLength: 3, selector: ([n]) => n }).map((muts) => {
            const params = new URLSearchParams(spec.query?.(x()) ?? {});
            for (const [name, v] of muts)
              if (v === undefined) params.delete(name);
              else params.set(name, v.replace(/[\ud800-\udfff]/g, '\ufffd'));
            return refuse(
              `query ${muts
                .map(([n, v]) => `${n}=${v ?? '(missing)'}`)
                .join('&')
                .slice(0, 120)}`,
              request(spec, { query: params.toString() }),
            );
          }),
        );
      }
      expect(options.length, `${spec.method} ${spec.path}: nothing to fuzz`).toBeGreaterThan(0);
      // Junk after a refused request's query string changes nothing about the refusal.
      return fc.tuple(fc.oneof(...options), fc.option(junkQuery, { freq: 3 })).map(([c, extra]) =>
        printable(
          extra === null || c.label === 'junk query'
            ? c
            : {
                ...c,
                label: `${c.label} + ${extra.slice(0, 40)}`,
                req: { ...c.req, url: `${c.req.url}${c.req.url.includes('?') ? '&' : '?'}${extra}` },
              },
        ),
      );
    }

    async function check(spec: Spec, c: Case) {
      const key = `${spec.method} ${spec.path}`;
      counts[key] = (counts[key] ?? 0) + 1;
      if (process.env.FUZZ_PROGRESS)
        appendFileSync(process.env.FUZZ_PROGRESS, `${Date.now()} ${key} ${c.label.slice(0, 100)}\n`);
      const where = `${key} [${c.label}] ${c.req.url.slice(0, 200)}`;
      const before = await writes(f.db);
      const res = await f.app.request(c.req.url, c.req.init);
      const after = await writes(f.db);
      expect(written(before, after, spec.allowWrites), `${where}: stored`).toEqual([]);
      if (c.mode === 'any' && res.status < 400) {
        expect(res.status, where).toBeLessThan(400);
        expectNoLeak(await res.text(), where);
        return;
      }
      // Page routes send a caller without a session to the sign-in page; that is their refusal.
      if (res.status === 303 && !spec.path.startsWith('/api/')) {
        expect(res.headers.get('location'), where).toMatch(/^\/login(\?|$)/);
        return;
      }
      await expectStandardError(res, where);
    }

    it('fuzzes every route of the app, or says where it is fuzzed', () => {
      const listed = new Set([...SPECS.map((s) => `${s.method} ${s.path}`), ...Object.keys(ELSEWHERE)]);
      const routes = [...new Set(f.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
      expect(routes.filter((k) => !listed.has(k))).toEqual([]);
      expect(SPECS.map((s) => `${s.method} ${s.path}`).filter((k) => !routes.includes(k))).toEqual([]);
    });

    it.each(SPECS.map((s) => [`${s.method} ${s.path}`, s] as const))('%s', async (_name, spec) => {
      const checksum = await contentChecksum(f.db, spec.allowWrites);
      await fc.assert(
        fc.asyncProperty(cases(spec), (c) => check(spec, c)),
        { seed: SEED, numRuns: runsOn(engine, spec.runs ?? 80), endOnFailure: true },
      );
      expect(await contentChecksum(f.db, spec.allowWrites), 'contents changed').toBe(checksum);
    });

    it('refuses answers out of range, unknown, of the wrong type or for another occasion, and stores nothing', async () => {
      // Every case has at least one wrong entry; the rest may be right. An empty string is no wrong
      // value: it counts as unanswered, which a draft may leave anything.
      const item = fc.constantFrom(
        'stod_till_hjalp',
        'paverka_plan',
        'tid_som_behovs',
        'hantera_situation',
        'stod_kontakter',
        'erfarenhet_tillvara',
        'mer_redo',
      );
      const wrongValue = fc.oneof(
        fc.integer({ min: -1000, max: 1000 }).filter((n) => n < 1 || n > 6),
        fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
        fc.constantFrom('1', '6', 'none ', 'None', true, 1e308, -0.0001, [4], { value: 4 }, '4\u0000'),
        nastyString.filter((v) => v !== ''),
      );
      const wrongEntry = fc.oneof(
        fc.tuple(item, wrongValue),
        fc.tuple(
          fc
            .oneof(
              nastyString,
              fc.constantFrom(
                '__proto__',
                'constructor',
                'toString',
                'ovrigt',
                'samtycker',
                'wai_1_formaga',
                'MER_REDO',
                'mer_redo\u0000',
              ),
            )
            .filter(
              (k) =>
                !/^(stod_till_hjalp|paverka_plan|tid_som_behovs|hantera_situation|stod_kontakter|erfarenhet_tillvara|mer_redo)$/.test(
                  k,
                ),
            ),
          fc.integer({ min: 1, max: 6 }),
        ),
      );
      const answers = fc
        .tuple(
          fc.array(wrongEntry, { minLength: 1, maxLength: 4 }),
          fc.dictionary(item, fc.integer({ min: 1, max: 6 })),
        )
        .map(([wrong, right]) => {
          const o: Record<string, unknown> = { ...right };
          for (const [k, v] of wrong)
            Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
          return o;
        });
      const route = fc.constantFrom('responses', 'draft', 'consent', 'avslut-link', 'avslut-definition');
      // Found with FUZZ_SEED=2: a "__proto__" key among right answers was dropped unseen (z.record assigns it), and the draft saved.
      const protoKey: Record<string, unknown> = pagaendeAnswers(3);
      Object.defineProperty(protoKey, '__proto__', { value: 1, enumerable: true, writable: true, configurable: true });
      const checksum = await contentChecksum(f.db);
      let n = 0;
      await fc.assert(
        fc.asyncProperty(route, answers, fc.integer({ min: 0, max: 5 }), async (which, a, slot) => {
          counts['answers (responses, draft, consent)'] = (counts['answers (responses, draft, consent)'] ?? 0) + 1;
          const x = f.ids;
          const auth =
            which === 'draft'
              ? { authorization: f.drafters[slot]! }
              : which === 'avslut-link'
                ? f.headers.participantAvslut
                : f.headers.participant;
          const body =
            which === 'draft'
              ? { definition_id: x.pagaende, answers: a, page: 0 }
              : which === 'consent'
                ? { definition_id: x.consent, answers: { samtycker: true, svarar_med: 'self', ...a } }
                : {
                    id: crypto.randomUUID(),
                    definition_id: which === 'avslut-definition' ? x.avslut : x.pagaende,
                    answers: which === 'avslut-link' ? pagaendeAnswers(3) : a,
                  };
          const url = which === 'draft' ? '/api/p/draft' : which === 'consent' ? '/api/p/consent' : '/api/p/responses';
          const before = await writes(f.db);
          const res = await f.app.request(url, {
            method: which === 'draft' ? 'PUT' : 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          expect(written(before, await writes(f.db)), `${which} ${JSON.stringify(a).slice(0, 200)}: stored`).toEqual(
            [],
          );
          const r = await expectStandardError(res, `${which} ${JSON.stringify(a).slice(0, 200)}`, [400, 404, 422]);
          if (r.status === 422) n++;
        }),
        {
          seed: SEED,
          numRuns: runsOn(engine, 500),
          endOnFailure: true,
          examples: [
            ['draft', protoKey, 0],
            ['responses', protoKey, 0],
          ],
        },
      );
      expect(await contentChecksum(f.db)).toBe(checksum);
      expect(n).toBeGreaterThan(0);
    });

    it('stores free text with unicode edge cases exactly as sent in a draft, or refuses it and stores nothing', async () => {
      let accepted = 0;
      let n = 0;
      await fc.assert(
        fc.asyncProperty(nastyString, fc.integer({ min: 1, max: 6 }), async (text, value) => {
          counts['draft free text (may be valid)'] = (counts['draft free text (may be valid)'] ?? 0) + 1;
          // Turn by turn, so no participant meets the draft rate limit.
          const drafter = f.avslutDrafters[n++ % f.avslutDrafters.length]!;
          const before = await writes(f.db);
          const answers = { mer_redo: value, ovrigt: text };
          const res = await f.app.request('/api/p/draft', {
            method: 'PUT',
            // One browser: each participant's draft is one row (drafts are kept per device).
            headers: {
              authorization: drafter.authorization,
              cookie: `enkat_device=${'cd'.repeat(16)}`,
              'content-type': 'application/json',
            },
            body: JSON.stringify({ definition_id: f.ids.avslut, answers, page: 1 }),
          });
          const where = `draft ovrigt=${JSON.stringify(text).slice(0, 120)}`;
          if (res.status >= 200 && res.status < 300) {
            accepted++;
            const [row] = await f.db.query<{ answers: Record<string, unknown> }>(
              'select answers from public.drafts where participant_id = $1',
              [drafter.participantId],
            );
            const sent = JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
            if (text === '') delete sent.ovrigt; // an empty answer counts as unanswered
            expect(row?.answers, where).toEqual(sent);
            return;
          }
          expect(written(before, await writes(f.db)), `${where}: stored`).toEqual([]);
          await expectStandardError(res, where, [400, 422]);
        }),
        { seed: SEED, numRuns: runsOn(engine, 150), endOnFailure: true },
      );
      expect(accepted).toBeGreaterThan(0);
    });

    it('stores a project name with unicode edge cases exactly as sent, or refuses it and stores nothing', async () => {
      let accepted = 0;
      const name = nastyString.filter((s) => s.trim() !== '' && s.length <= 200 && s.trim().length <= 200);
      await fc.assert(
        fc.asyncProperty(name, async (text) => {
          counts['project name (may be valid)'] = (counts['project name (may be valid)'] ?? 0) + 1;
          const before = await writes(f.db);
          const res = await f.app.request(`/admin/projects/${f.ids.otherProjectId === '' ? '' : f.ids.projectId}`, {
            method: 'POST',
            headers: { ...f.headers.admin, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ ...projectBody(), name: text }).toString(),
          });
          const where = `project name ${JSON.stringify(text).slice(0, 120)}`;
          if (res.status === 303) {
            accepted++;
            const [row] = await f.db.query<{ name: string }>('select name from public.projects where id = $1', [
              f.ids.projectId,
            ]);
            // What a form can carry: URLSearchParams sends a lone surrogate as U+FFFD.
            expect(row?.name, where).toBe(
              text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd').trim(),
            );
            return;
          }
          expect(written(before, await writes(f.db)), `${where}: stored`).toEqual([]);
          await expectStandardError(res, where, [400]);
        }),
        { seed: SEED, numRuns: runsOn(engine, 80), endOnFailure: true },
      );
      expect(accepted).toBeGreaterThan(0);
    });

    it('generated at least 5,000 requests', () => {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`fuzz-endpoints total on ${engine}: ${total}`);
      // The minimum holds for the full run on PGlite; PostgreSQL runs a share of it (runsOn).
      if (SCALE >= 1 && engine === 'pglite') expect(total).toBeGreaterThanOrEqual(5000);
    });
  },
  FUZZ_TIMEOUT,
);
