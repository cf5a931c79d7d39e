/**
 * Authorisation matrix: every route (method × path) against every kind of caller, with the status
 * each must get, and no data in any denial. A new route fails the inventory check until it is
 * added here with its expectations. The callers include a second organisation on the same
 * installation (`…OrgB`: its admin, coach, researcher and participant), which must get nothing of
 * the first organisation's projects, people, definitions or answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, TEST_SECRET, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, REGISTER, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const CALLERS = [
  'anonymous',
  'participantOther',
  'participant',
  'coachOther',
  'coach',
  'researcher',
  'researcherOther',
  'admin',
  'participantOrgB',
  'coachOrgB',
  'researcherOrgB',
  'adminOrgB',
] as const;
type Caller = (typeof CALLERS)[number];

interface Ctx {
  projectId: string;
  otherProjectId: string;
  participantId: string;
  definitionId: string;
  pagaendeId: string;
  consentId: string;
  staffId: string;
}
interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** The concrete request (path with ids, body) for one run. */
  url: (x: Ctx) => string;
  body?: (x: Ctx) => unknown;
  form?: (x: Ctx) => Record<string, string>;
  /** Status per caller (callers not listed get `deny`). */
  allow: Partial<Record<Caller, number | 'changes state'>>;
  /** How a caller without access is refused: by default 401 (API) or 303 to /login (page) for
   *  callers without a staff session, and 404 for staff without a role there. */
  deny?: Partial<Record<Caller, number>>;
}

const STAFF: Caller[] = [
  'coachOther',
  'coach',
  'researcher',
  'researcherOther',
  'admin',
  'coachOrgB',
  'researcherOrgB',
  'adminOrgB',
];
const everyone = (status: number) => Object.fromEntries(CALLERS.map((c) => [c, status])) as Record<Caller, number>;

/** Every route with a concrete request. `allow`: callers that get through, with their status. */
const ROUTES: Route[] = [
  // Public pages and health.
  { method: 'GET', path: '/healthz', url: () => '/healthz', allow: everyone(200) },
  { method: 'GET', path: '/', url: () => '/', allow: everyone(303) },
  { method: 'GET', path: '/login', url: () => '/login', allow: everyone(200) },
  { method: 'GET', path: '/k', url: () => '/k', allow: everyone(200) },
  { method: 'GET', path: '/tillganglighet', url: () => '/tillganglighet', allow: everyone(200) },
  // The participant pages' service worker and its offline page: token-free, the same for everyone.
  { method: 'GET', path: '/sw.js', url: () => '/sw.js', allow: everyone(200) },
  { method: 'GET', path: '/offline', url: () => '/offline', allow: everyone(200) },
  { method: 'GET', path: '/handover/return', url: () => '/handover/return', allow: everyone(200) },
  { method: 'GET', path: '/invite/:token', url: () => `/invite/${'A'.repeat(43)}`, allow: {}, deny: everyone(404) },
  // Coach.
  // A coach of another project sees their own list: the page picks a project the caller has.
  {
    method: 'GET',
    path: '/coach',
    url: () => '/coach',
    allow: { coach: 200, coachOther: 200, admin: 200, coachOrgB: 200, adminOrgB: 200 },
  },
  {
    method: 'GET',
    path: '/coach/participants/:id/exit',
    url: (x) => `/coach/participants/${x.participantId}/exit`,
    allow: { coach: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/coach/participants/:id/register',
    url: (x) => `/coach/participants/${x.participantId}/register`,
    allow: { coach: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/coach/participants/:id/decline',
    url: (x) => `/coach/participants/${x.participantId}/decline`,
    allow: { coach: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/coach/participants/:id/start',
    url: (x) => `/coach/participants/${x.participantId}/start`,
    allow: { coach: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/coach/participants',
    url: (x) => `/api/coach/participants?project=${x.projectId}`,
    allow: { coach: 200, admin: 200 },
  },
  {
    method: 'POST',
    path: '/api/coach/participants',
    url: () => '/api/coach/participants',
    body: (x) => ({ project_id: x.projectId, ...REGISTER }),
    allow: { coach: 201, admin: 201 },
  },
  {
    method: 'POST',
    path: '/api/coach/participants/:id/links',
    url: (x) => `/api/coach/participants/${x.participantId}/links`,
    body: () => ({ survey: 'pagaende', occasion: 'pagaende' }),
    allow: { coach: 201, admin: 201 },
  },
  {
    method: 'POST',
    path: '/api/coach/participants/:id/exit',
    url: (x) => `/api/coach/participants/${x.participantId}/exit`,
    body: () => ({ exited_on: '2999-01-01', reason: 'arbete' }),
    allow: { coach: 422, admin: 422 },
  },
  // Participant (link token).
  {
    method: 'GET',
    path: '/api/p/session',
    url: () => '/api/p/session',
    allow: { participant: 200, participantOther: 200, participantOrgB: 200 },
  },
  // participant holds a link for Avslut: it may not write a Pågående draft (token for another occasion).
  {
    method: 'PUT',
    path: '/api/p/draft',
    url: () => '/api/p/draft',
    body: (x) => ({ definition_id: x.pagaendeId, answers: { mer_redo: 4 }, page: 0 }),
    allow: { participantOther: 200 },
    // Another organisation's participant: the definition id is not one of their organisation's.
    deny: { participant: 404, participantOrgB: 404 },
  },
  // Research.
  {
    method: 'GET',
    path: '/research',
    url: (x) => `/research?project=${x.projectId}`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/research/report',
    url: (x) => `/research/report?project=${x.projectId}`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/research/codebook',
    url: () => '/research/codebook?survey=pagaende',
    allow: { researcher: 200, researcherOther: 200, admin: 200, researcherOrgB: 200, adminOrgB: 200 },
  },
  {
    method: 'GET',
    path: '/api/research/aggregates',
    url: (x) => `/api/research/aggregates?project=${x.projectId}&survey=pagaende`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/research/aggregates.csv',
    url: (x) => `/api/research/aggregates.csv?project=${x.projectId}&survey=pagaende`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/research/codebook.csv',
    url: () => '/api/research/codebook.csv?survey=pagaende',
    allow: { researcher: 200, researcherOther: 200, admin: 200, researcherOrgB: 200, adminOrgB: 200 },
  },
  {
    method: 'GET',
    path: '/api/research/outcomes',
    url: (x) => `/api/research/outcomes?project=${x.projectId}`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/research/outcomes.csv',
    url: (x) => `/api/research/outcomes.csv?project=${x.projectId}`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/research/rapportunderlag',
    url: (x) => `/research/rapportunderlag?project=${x.projectId}`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/research/rapportunderlag.docx',
    url: (x) => `/api/research/rapportunderlag.docx?project=${x.projectId}`,
    allow: { researcher: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/research/rapportunderlag.csv',
    url: (x) => `/api/research/rapportunderlag.csv?project=${x.projectId}`,
    allow: { researcher: 200, admin: 200 },
  },
  // Row-level export needs a grant: nobody here has one.
  {
    method: 'GET',
    path: '/api/research/rows.csv',
    url: (x) => `/api/research/rows.csv?project=${x.projectId}&survey=pagaende`,
    allow: {},
  },
  {
    method: 'GET',
    path: '/api/research/rows.jsonl',
    url: (x) => `/api/research/rows.jsonl?project=${x.projectId}&survey=pagaende`,
    allow: {},
  },
  // Syntax files: the row-level ones behind the same grant as rows.csv, the aggregates ones like aggregates.csv.
  ...['sps', 'R', 'do'].flatMap((ext): Route[] => [
    {
      method: 'GET',
      path: `/api/research/rows.${ext}`,
      url: (x) => `/api/research/rows.${ext}?project=${x.projectId}&survey=pagaende`,
      allow: {},
    },
    {
      method: 'GET',
      path: `/api/research/aggregates.${ext}`,
      url: (x) => `/api/research/aggregates.${ext}?project=${x.projectId}&survey=pagaende`,
      allow: { researcher: 200, admin: 200 },
    },
  ]),
  // Every signed-in staff member may change their own password.
  {
    method: 'GET',
    path: '/account/password',
    url: () => '/account/password',
    allow: Object.fromEntries(STAFF.map((c) => [c, 200])),
  },
  {
    method: 'POST',
    path: '/account/password',
    url: () => '/account/password',
    form: () => ({ current: '', password: '', confirm: '' }),
    allow: Object.fromEntries(STAFF.map((c) => [c, 'changes state'])),
  },
  // Admin.
  { method: 'GET', path: '/admin', url: () => '/admin', allow: { admin: 200, adminOrgB: 200 } },
  { method: 'GET', path: '/admin/projects', url: () => '/admin/projects', allow: { admin: 200, adminOrgB: 200 } },
  {
    method: 'GET',
    path: '/admin/projects/new',
    url: () => '/admin/projects/new',
    allow: { admin: 200, adminOrgB: 200 },
  },
  { method: 'GET', path: '/admin/projects/:id', url: (x) => `/admin/projects/${x.projectId}`, allow: { admin: 200 } },
  { method: 'GET', path: '/admin/staff', url: () => '/admin/staff', allow: { admin: 200, adminOrgB: 200 } },
  { method: 'GET', path: '/admin/audit', url: () => '/admin/audit', allow: { admin: 200, adminOrgB: 200 } },
  { method: 'GET', path: '/admin/audit.csv', url: () => '/admin/audit.csv', allow: { admin: 200, adminOrgB: 200 } },
  // The count report of this organisation's project: its admin only (another organisation's admin: 404).
  {
    method: 'GET',
    path: '/admin/count-report',
    url: (x) => `/admin/count-report?project=${x.projectId}`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/admin/count-report.csv',
    url: (x) => `/admin/count-report.csv?project=${x.projectId}`,
    allow: { admin: 200 },
  },
  { method: 'GET', path: '/admin/definitions', url: () => '/admin/definitions', allow: { admin: 200, adminOrgB: 200 } },
  {
    method: 'GET',
    path: '/admin/definitions/:id',
    url: (x) => `/admin/definitions/${x.pagaendeId}`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/admin/definitions/:id/preview',
    url: (x) => `/admin/definitions/${x.pagaendeId}/preview?lang=sv`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/admin/definitions/:id/publish',
    url: (x) => `/admin/definitions/${x.pagaendeId}/publish`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/admin/definitions/diff',
    url: (x) => `/admin/definitions/diff?a=${x.pagaendeId}&b=${x.pagaendeId}`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/admin/definitions/:id/retire',
    url: (x) => `/admin/definitions/${x.pagaendeId}/retire`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/admin/definitions/:id/languages',
    url: (x) => `/admin/definitions/${x.pagaendeId}/languages`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/admin/definitions/:id/translations',
    url: (x) => `/admin/definitions/${x.pagaendeId}/translations`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/admin/definitions',
    url: () => '/api/admin/definitions',
    allow: { admin: 200, adminOrgB: 200 },
  },
  {
    method: 'GET',
    path: '/api/admin/definitions/:id',
    url: (x) => `/api/admin/definitions/${x.pagaendeId}`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/admin/definitions/:id/export',
    url: (x) => `/api/admin/definitions/${x.pagaendeId}/export`,
    allow: { admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/admin/export-grants',
    url: (x) => `/api/admin/export-grants?project=${x.projectId}`,
    allow: { admin: 200 },
  },
  {
    method: 'POST',
    path: '/api/admin/export-grants',
    url: () => '/api/admin/export-grants',
    body: (x) => ({ project_id: x.projectId, staff_id: x.staffId }),
    allow: { admin: 201 },
  },
  {
    method: 'DELETE',
    path: '/api/admin/export-grants',
    url: () => '/api/admin/export-grants',
    body: (x) => ({ project_id: x.projectId, staff_id: x.staffId }),
    allow: { admin: 200 },
  },
  {
    method: 'POST',
    path: '/api/admin/definitions/:id/validate',
    url: (x) => `/api/admin/definitions/${x.pagaendeId}/validate`,
    body: () => ({}),
    allow: { admin: 200 },
  },
  // State-changing routes: every caller without access is refused here; the allowed callers'
  // own behaviour is tested in the route's own test file (named after the route).
  ...(
    [
      ['POST', '/api/admin/definitions/:id/draft', ['admin']],
      ['PUT', '/api/admin/definitions/:id', ['admin']],
      ['POST', '/api/admin/definitions/:id/publish', ['admin']],
      ['POST', '/api/admin/definitions/:id/retire', ['admin']],
      // Unlocking needs a reason: an empty form is refused (400) before the definition is looked up.
      ['POST', '/api/admin/definitions/:id/unlock', ['admin', 'adminOrgB']],
      ['POST', '/api/admin/definitions/import', ['admin', 'adminOrgB']],
      ['POST', '/api/admin/definitions/library/:key/adopt', ['admin', 'adminOrgB']],
      ['POST', '/admin/definitions/:id/draft', ['admin']],
      ['POST', '/admin/definitions/:id/retire', ['admin']],
      ['POST', '/admin/definitions/:id/publish', ['admin']],
      ['POST', '/admin/definitions/:id/unlock', ['admin', 'adminOrgB']],
      ['POST', '/admin/definitions/import', ['admin', 'adminOrgB']],
      ['POST', '/admin/definitions/library/:key/adopt', ['admin', 'adminOrgB']],
      // Another organisation's admin may create projects and invite people in their own organisation
      // (an empty form is refused before anything is looked up); reaching into this organisation
      // is tried with real forms in "an admin of another organisation…" below.
      ['POST', '/admin/projects', ['admin', 'adminOrgB']],
      ['POST', '/admin/projects/:id', ['admin']],
      ['POST', '/admin/staff/invite', ['admin', 'adminOrgB']],
      ['POST', '/admin/staff/:id/roles', ['admin', 'adminOrgB']],
      ['POST', '/admin/staff/:id/deactivate', ['admin']],
      ['POST', '/admin/staff/:id/reactivate', ['admin']],
      ['POST', '/admin/staff/:id/reset', ['admin']],
      ['POST', '/coach/participants/:id/short-code', ['coach', 'admin']],
      ['POST', '/coach/participants/:id/handover', ['coach', 'admin']],
      ['POST', '/api/p/consent', ['participant', 'participantOther', 'participantOrgB']],
      ['POST', '/api/p/responses', ['participant', 'participantOther', 'participantOrgB']],
      ['POST', '/api/p/withdraw', ['participant', 'participantOther', 'participantOrgB']],
      ['POST', '/api/p/decline', ['participant', 'participantOther', 'participantOrgB']],
    ] as const
  ).map(([method, path, who]): Route => ({
    method,
    path,
    url: (x) =>
      path
        .replace(':key', 'pagaende')
        .replace(
          ':id',
          path.includes('staff')
            ? x.staffId
            : path.includes('definitions')
              ? x.pagaendeId
              : path.includes('projects')
                ? x.projectId
                : x.participantId,
        ),
    body: () => ({}),
    allow: Object.fromEntries(who.map((c) => [c, 'changes state'])),
  })),
];

ROUTES.push(
  {
    method: 'POST',
    path: '/coach/participants',
    url: () => '/coach/participants',
    form: (x) => ({ project_id: x.projectId }),
    allow: { coach: 'changes state', admin: 'changes state' },
  },
  {
    method: 'POST',
    path: '/coach/participants/:id/exit',
    url: (x) => `/coach/participants/${x.participantId}/exit`,
    form: () => ({ exited_on: '2999-01-01', reason: 'arbete' }),
    allow: { coach: 'changes state', admin: 'changes state' },
  },
  {
    method: 'POST',
    path: '/coach/participants/:id/decline',
    url: (x) => `/coach/participants/${x.participantId}/decline`,
    form: () => ({ declined: '1' }),
    allow: { coach: 'changes state', admin: 'changes state' },
  },
  {
    method: 'POST',
    path: '/coach/participants/:id/register',
    url: (x) => `/coach/participants/${x.participantId}/register`,
    form: () => ({ gender: 'man', age_band: '65_plus' }),
    allow: { coach: 'changes state', admin: 'changes state' },
  },
);

/** Routes outside the matrix, and why. */
const ELSEWHERE: Record<string, string> = {
  'GET /d':
    'the hand-over page: the link comes in the HttpOnly hand-over cookie (tests/security/handover-leaves-nothing.test.ts)',
  'GET /d/:token':
    'the participant page: the token in the path is the credential (tests/http/participant-drafts.test.ts, tests/e2e)',
  'POST /login': 'public sign-in (tests/http/app.test.ts: rate limit, failures audited)',
  'POST /logout': "ends the caller's own session",
  'POST /k': 'public short-code entry (tests/http/coach.test.ts: rate limit, one use)',
  'GET /l': 'a short link cut off after /l/: the "not whole" page (tests/http/short-links.test.ts)',
  'GET /l/:id{[^/]*}':
    'a short link: the id is the credential (tests/http/short-links.test.ts, tests/security/short-link-guessing.test.ts)',
  'POST /handover/return': "the coach's password takes the phone back (tests/e2e/coach-handout.test.ts)",
  'POST /invite/:token': 'public one-time link (tests/http/admin.test.ts)',
  'POST /admin/definitions/:id/languages':
    'approving a language writes and audits: attacked by other organisations, coaches and researchers in tests/http/language-approval.test.ts',
  'GET /admin/definitions/:id/translation':
    'a download is audited: every caller but the admin tried in tests/security/definition-translation-access.test.ts',
  'POST /admin/definitions/:id/translations':
    'an upload: every caller but the admin tried in tests/security/definition-translation-access.test.ts',
  'POST /admin/definitions/:id/translations/confirm':
    'writes the draft: every caller but the admin tried in tests/security/definition-translation-access.test.ts',
};

/** What a caller without access gets: 401/303 without a session of the right kind, else 404. */
function denial(route: Route, caller: Caller): number {
  if (route.deny?.[caller] !== undefined) return route.deny[caller]!;
  if (route.path.startsWith('/api/p/')) return 401;
  if (!STAFF.includes(caller)) return route.path.startsWith('/api/') ? 401 : 303;
  return 404;
}

describe('HTTP: authorisation matrix (route × caller)', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let orgB: World;
  let app: App;
  let ctx: Ctx;
  let participantCode: string;
  const headers: Record<Caller, Record<string, string>> = {} as never;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    orgB = await createWorld(store); // a second organisation on the same installation
    ({ app } = testApp(store));
    const participant = await enrolWithConsent(store, world);
    const other = await enrolWithConsent(store, { ...world, projectId: world.otherProjectId, coach: world.otherCoach });
    const pagaende = (await store.publishedDefinition(participant, 'pagaende'))!;
    await store.submitResponse(participant, {
      id: crypto.randomUUID(),
      definition_id: pagaende.id,
      answers: pagaendeAnswers(5),
    });
    ctx = {
      projectId: world.projectId,
      otherProjectId: world.otherProjectId,
      participantId: participant.participantId,
      definitionId: pagaende.id,
      pagaendeId: pagaende.id,
      consentId: '',
      staffId: world.researcher.staffId,
    };
    participantCode = (await store.participantState(participant))!.code;
    headers.anonymous = {};
    // Its own link for Avslut: the matrix's coach mints Pågående links, which revoke earlier ones.
    const avslut = await store.mintParticipantLink(world.coach, {
      participant_id: participant.participantId,
      survey: 'avslut',
      occasion: 'avslut',
      via: 'link',
      ttl_days: 14,
    });
    const avslutLink = { ...participant, survey: 'avslut', occasion: 'avslut' as const, linkId: avslut.link_id };
    headers.participant = { authorization: `Bearer ${(await tokens.signParticipantLink(avslutLink)).token}` };
    headers.participantOther = { authorization: `Bearer ${(await tokens.signParticipantLink(other)).token}` };
    const participantOrgB = await enrolWithConsent(store, orgB);
    headers.participantOrgB = { authorization: `Bearer ${(await tokens.signParticipantLink(participantOrgB)).token}` };
    const emails: Record<string, string> = {
      coachOther: world.emails.otherCoach,
      coach: world.emails.coach,
      researcher: world.emails.researcher,
      researcherOther: world.emails.otherResearcher,
      admin: world.emails.admin,
      coachOrgB: orgB.emails.coach,
      researcherOrgB: orgB.emails.researcher,
      adminOrgB: orgB.emails.admin,
    };
    for (const c of STAFF) headers[c] = { cookie: await loginCookie(app, emails[c]!) };
  });
  afterAll(() => db.close());

  async function send(route: Route, caller: Caller): Promise<Response> {
    const h: Record<string, string> = {
      ...headers[caller],
      origin: 'http://localhost',
      'sec-fetch-site': 'same-origin',
    };
    let body: string | undefined;
    if (route.body) {
      h['content-type'] = 'application/json';
      body = JSON.stringify(route.body(ctx));
    }
    if (route.form) {
      h['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(route.form(ctx)).toString();
    }
    return app.request(route.url(ctx), { method: route.method, headers: h, body });
  }

  it('covers every route of the app', () => {
    const listed = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    const missing = [
      ...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)),
    ].filter((k) => !listed.has(k) && !ELSEWHERE[k]);
    expect(missing).toEqual([]);
  });

  it('refuses every state-changing cookie route from another site (CSRF), before it changes anything', async () => {
    const changing = ROUTES.filter((r) => r.method !== 'GET' && !r.path.startsWith('/api/p/'));
    expect(changing.length).toBeGreaterThan(20);
    const auditBefore = Number(
      (await db.query<{ n: number }>('select count(*)::int as n from public.audit_log'))[0]!.n,
    );
    for (const route of changing) {
      const caller = (Object.keys(route.allow)[0] ?? 'admin') as Caller;
      const h: Record<string, string> = {
        ...headers[caller],
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      };
      let body: string | undefined;
      if (route.body) {
        h['content-type'] = 'application/json';
        body = JSON.stringify(route.body(ctx));
      }
      if (route.form) {
        h['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(route.form(ctx)).toString();
      }
      const res = await app.request(route.url(ctx), { method: route.method, headers: h, body });
      expect(res.status, `${route.method} ${route.path}`).toBe(403);
    }
    const auditAfter = Number((await db.query<{ n: number }>('select count(*)::int as n from public.audit_log'))[0]!.n);
    expect(auditAfter).toBe(auditBefore);
  });

  it('sends the security headers on every page and API answer, allowed or refused', async () => {
    for (const route of ROUTES.filter((r) => r.method === 'GET')) {
      for (const caller of ['anonymous', 'admin', 'researcher'] as const) {
        const res = await send(route, caller);
        const where = `${caller} ${route.path}`;
        expect(res.headers.get('content-security-policy'), where).toMatch(/default-src 'self'/);
        expect(res.headers.get('content-security-policy'), where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        expect(res.headers.get('strict-transport-security'), where).toMatch(/max-age=\d+/);
        expect(res.headers.get('referrer-policy'), where).toBe('no-referrer');
        expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
        // The editor's preview alone may be framed, by our own pages (tests/security/definition-preview.test.ts).
        const framable = route.path === '/admin/definitions/:id/preview' && res.status === 200;
        expect(res.headers.get('x-frame-options'), where).toBe(framable ? 'SAMEORIGIN' : 'DENY');
        expect(res.headers.get('content-security-policy'), where).toContain(
          framable ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
        );
      }
    }
  });

  it("an admin of another organisation reads none of this organisation's people, projects or log", async () => {
    const secrets = [
      world.emails.admin,
      world.emails.coach,
      world.emails.researcher,
      world.projectId,
      ctx.participantId,
    ];
    for (const path of [
      '/admin',
      '/admin/projects',
      '/admin/staff',
      '/admin/audit',
      '/admin/audit.csv',
      '/admin/count-report',
      '/admin/count-report.csv',
      '/coach',
    ]) {
      const res = await send({ method: 'GET', path, url: () => path, allow: {} }, 'adminOrgB');
      expect(res.status, path).toBe(200);
      const body = await res.text();
      for (const secret of secrets) expect(body, `${path}: ${secret}`).not.toContain(secret);
    }
  });

  it("an admin of another organisation cannot change this organisation's accounts or projects", async () => {
    const form = (path: string, fields: string[][]) =>
      app.request(path, {
        method: 'POST',
        headers: {
          ...headers.adminOrgB,
          origin: 'http://localhost',
          'sec-fetch-site': 'same-origin',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(fields).toString(),
      });
    const target = world.coach.staffId;
    const before = await db.query('select active, password_hash, session_version from public.staff where id = $1', [
      target,
    ]);
    const roles = await form(`/admin/staff/${target}/roles`, [
      ['project_id', orgB.projectId],
      ['roles', 'admin'],
    ]);
    expect(roles.status).toBe(404);
    expect((await form(`/admin/staff/${target}/deactivate`, [])).status).toBe(404);
    expect((await form(`/admin/staff/${target}/reset`, [])).status).toBe(404);
    expect((await form(`/admin/projects/${world.projectId}`, [['name', 'Kapad']])).status).toBe(404);
    expect(
      await db.query('select active, password_hash, session_version from public.staff where id = $1', [target]),
    ).toEqual(before);
    const memberships = await db.query<{ project_id: string }>(
      'select project_id from public.memberships where staff_id = $1',
      [target],
    );
    expect(memberships.map((m) => m.project_id)).toEqual([world.projectId]);
    const name = await db.query<{ name: string }>('select name from public.projects where id = $1', [world.projectId]);
    expect(name[0]!.name).not.toBe('Kapad');
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_name, route) => {
    const secrets = [ctx.participantId, participantCode, 'mer_redo', world.emails.researcher];
    for (const caller of CALLERS) {
      const allowed = route.allow[caller];
      if (allowed === 'changes state') continue;
      const res = await send(route, caller);
      const expected = allowed ?? denial(route, caller);
      expect(res.status, `${caller}: ${route.method} ${route.url(ctx)}`).toBe(expected);
      if (allowed !== undefined) continue;
      // A refusal says nothing about the data behind it.
      const body = await res.text();
      for (const secret of secrets) expect(body, `${caller} ${route.path}`).not.toContain(secret);
      if (res.status === 303) expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
      if ((res.headers.get('content-type') ?? '').includes('json')) {
        expect(Object.keys(JSON.parse(body) as object)).toEqual(['error']);
      }
    }
  });
});
