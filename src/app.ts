import { Hono } from 'hono';
import { adminApi, adminPages } from './admin/routes.tsx';
import { publicRoute } from './auth/guards.ts';
import { inviteRoutes } from './auth/invite-routes.tsx';
import { passwordRoutes } from './auth/password-routes.tsx';
import { authRoutes } from './auth/routes.tsx';
import { coachApi } from './coach/api.ts';
import { handoverReturnRoutes } from './coach/handover-return.tsx';
import { coachPages } from './coach/routes.tsx';
import { participantApi, participantPages } from './participant/routes.tsx';
import { offlineRoutes } from './participant/offline-routes.tsx';
import { shortCodeRoutes } from './participant/short-code-routes.tsx';
import { accessibilityRoutes } from './participant/accessibility-routes.tsx';
import { shortLinkRoutes } from './participant/short-link-routes.tsx';
import { participantPreviewPage } from './participant/preview-page.tsx';
import { researchApi } from './research/api.ts';
import { researchPages } from './research/routes.tsx';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { TokenService } from './auth/tokens.ts';
import { AppError, type ErrorCode } from './errors.ts';
import { errorBody, errorStatus, errorText } from './http/errors.ts';
import type { Lang } from './domain/vocabulary.ts';
import type { AppEnv, Services } from './http/env.ts';
import { clientAddress } from './http/client-address.ts';
import { createRateLimits, type RateLimitSettings } from './http/rate-limits.ts';
import {
  bodySizeLimit,
  createRateLimiter,
  crossOriginAssets,
  csrfGuard,
  noStore,
  securityHeaders,
} from './http/security.ts';
import type { Store } from './store/store.ts';
import { createDefinitionCache } from './surveys/definition-cache.ts';
import { errorPageIn } from './views/layout.tsx';
import { RATE_LIMITS, SUBMIT_LIMIT } from './domain/limits.ts';
import { fromAcceptLanguage, participantLocaleOf, type ParticipantLocale } from './client/i18n/locales.ts';
import { participantErrorText } from './participant/i18n/errors.ts';

export interface AppDeps {
  store: Store;
  tokens: TokenService;
  /** PBKDF2 iterations for new password hashes (>= 600,000 in production). */
  passwordIterations: number;
  /** Secure flag on the session cookie (true unless testing over plain http on a non-localhost host). */
  secureCookies?: boolean;
  /** Public origin (https://…) used for links and the CSRF check behind a proxy. */
  publicOrigin?: string;
  /** Serves /assets/* (the Node entry passes serveStatic; the edge entry its own). */
  assets?: MiddlewareHandler;
  /** One structured log line per request; never bodies, tokens or codes. */
  log?: (line: Record<string, unknown>) => void;
  /** The connection's peer address (the Node entry reads the socket; the edge has none). */
  peerAddress?: (c: Context) => string | undefined;
  /**
   * Proxies in front of the app that append to X-Forwarded-For (TRUSTED_PROXY_HOPS, default 0:
   * the peer address decides and X-Forwarded-For is ignored).
   */
  trustedProxyHops?: number;
  /**
   * Secret the rate-limit keys are hashed with; instances sharing it share budgets. The entries
   * pass SESSION_SECRET; without one (tests, benches) the app gets a random one, budgets of its own.
   */
  rateLimitSecret?: string;
  /** Overrides of the shared budgets (tests). */
  rateLimits?: Partial<RateLimitSettings>;
  submitLimit?: { max: number; windowMs: number };
  /** Rows per database call when streaming a row-level export (1–5000, default 2000). */
  rowExportPageSize?: number;
}

const MAX_BODY_BYTES = 512 * 1024;

/** The staff pages' remembered language choice (see pickLang); not a secret, not personal. */
export const LANG_COOKIE = 'enkat_lang';
const LANG_COOKIE_DAYS = 365;

/**
 * Participant surfaces: their client names its language in Accept-Language (src/client/api.ts)
 * and ?lang=, and a coach's phone lent for a hand-over must not carry the coach's staff choice.
 */
const PARTICIPANT_PATH = /^\/(d|l|k|api\/p|tillganglighet|offline|sw\.js)(\/|$)/;

const isLang = (v: string | undefined): v is Lang => v === 'sv' || v === 'en';

/**
 * ?lang= wins everywhere. Participant surfaces then follow Accept-Language. Staff pages and APIs
 * follow the choice remembered in the cookie and are otherwise Swedish ("Swedish first"): a
 * browser's English preference alone does not switch them.
 */
function pickLang(c: Context): Lang {
  const q = c.req.query('lang');
  if (isLang(q)) return q;
  if (PARTICIPANT_PATH.test(c.req.path)) {
    return /^en\b/i.test(c.req.header('accept-language') ?? '') ? 'en' : 'sv';
  }
  const chosen = getCookie(c, LANG_COOKIE);
  return isLang(chosen) ? chosen : 'sv';
}

/** A participant's language on participant surfaces: ?lang=, else Accept-Language, else Swedish. */
function pickParticipantLocale(c: Context): ParticipantLocale {
  if (!PARTICIPANT_PATH.test(c.req.path)) return 'sv';
  return participantLocaleOf(c.req.query('lang')) ?? fromAcceptLanguage(c.req.header('accept-language')) ?? 'sv';
}

/** A staff page opened with ?lang= (the top bar's switch) remembers the choice for a year. */
function rememberLang(c: Context<AppEnv>): void {
  const q = c.req.query('lang');
  if (c.req.method !== 'GET' || !isLang(q) || PARTICIPANT_PATH.test(c.req.path)) return;
  if (getCookie(c, LANG_COOKIE) === q) return;
  // Path "/" and Lax as the other cookies: a base path is stripped before the app sees the request.
  setCookie(c, LANG_COOKIE, q, {
    path: '/',
    sameSite: 'Lax',
    secure: c.get('services').secureCookies,
    httpOnly: true,
    maxAge: LANG_COOKIE_DAYS * 86400,
  });
}

/** Paths as logged: participant link tokens, short link ids and staff invite tokens are replaced, query strings dropped. */
export function redactPath(path: string): string {
  return (
    path
      .replace(/^\/d\/[^/]+/, '/d/[token]')
      .replace(/^\/l\/[^/]+/, '/l/[token]')
      .replace(/^\/invite\/[^/]+/, '/invite/[token]')
      // Ids (participants, staff, …): a log line should not tie a request to a person.
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '[id]')
  );
}

/**
 * Rows per database call in a row-level export. At 2,000 a 1M-row export grew the process by
 * 59 MB at peak, at 5,000 by 153 MB at the same speed (bench:export): bigger pages only leave
 * more garbage between collections.
 */
export const ROW_EXPORT_PAGE_SIZE = 2000;

/** Builds the whole application from its dependencies. Runtime-neutral: Web APIs only. */
export function createApp(deps: AppDeps) {
  if (!Number.isInteger(deps.passwordIterations) || deps.passwordIterations < 1000)
    throw new Error('passwordIterations must be an integer >= 1000');
  const rowExportPageSize = deps.rowExportPageSize ?? ROW_EXPORT_PAGE_SIZE;
  if (!Number.isInteger(rowExportPageSize) || rowExportPageSize < 1 || rowExportPageSize > 5000)
    throw new Error('rowExportPageSize must be an integer 1–5000');
  const hops = deps.trustedProxyHops ?? 0;
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error('trustedProxyHops must be an integer 0–10');
  const peerAddress = deps.peerAddress ?? (() => undefined);
  const services: Services = {
    store: deps.store,
    tokens: deps.tokens,
    definitions: createDefinitionCache(),
    passwordIterations: deps.passwordIterations,
    secureCookies: deps.secureCookies ?? true,
    publicOrigin: deps.publicOrigin,
    limits: createRateLimits(deps.store, {
      secret: deps.rateLimitSecret ?? crypto.randomUUID(),
      budgets: { ...RATE_LIMITS, ...deps.rateLimits },
    }),
    submitLimiter: createRateLimiter(deps.submitLimit ?? SUBMIT_LIMIT),
    rowExportPageSize,
    clientIp: (c) => clientAddress(c.req.header('x-forwarded-for'), peerAddress(c), hops),
  };
  const log = deps.log ?? ((line) => console.log(JSON.stringify(line)));
  const app = new Hono<AppEnv>();

  app.use(async function context(c, next) {
    c.set('services', services);
    c.set('requestId', crypto.randomUUID());
    c.set('lang', pickLang(c));
    c.set('plocale', pickParticipantLocale(c));
    rememberLang(c);
    c.header('X-Request-Id', c.get('requestId'));
    const started = performance.now();
    await next();
    log({
      at: new Date().toISOString(),
      id: c.get('requestId'),
      method: c.req.method,
      path: redactPath(c.req.path),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  app.use(securityHeaders());
  app.use(noStore());
  app.use(bodySizeLimit(MAX_BODY_BYTES));
  app.use(csrfGuard(deps.publicOrigin));

  if (deps.assets) app.use('/assets/*', crossOriginAssets(), deps.assets);
  app.get('/healthz', publicRoute, (c) => c.json({ ok: true }));

  // Each capability at its own prefixes; each attaches its guard once, inside, for everything
  // under them. Public routes are marked publicRoute where they are declared
  // (tests/http/route-guards.test.ts fails on a route with neither).
  app.route('/', authRoutes()); // /, /login, /logout: public
  app.route('/invite', inviteRoutes()); // public: the one-time token is the credential
  app.route('/account/password', passwordRoutes()); // staff session, also on a one-time password
  app.route('/d', participantPages()); // public: the link token is the credential
  app.route('/', offlineRoutes()); // /sw.js, /offline: public, the same for everyone
  app.route('/k', shortCodeRoutes()); // public: a short code becomes a link
  app.route('/tillganglighet', accessibilityRoutes()); // public: the accessibility statement
  app.route('/l', shortLinkRoutes()); // public: a short link opens the page of its link row
  app.route('/api/p', participantApi()); // participant link token
  app.route('/handover', handoverReturnRoutes()); // public: the coach's password
  app.route('/coach', coachPages()); // staff session
  app.route('/api/coach', coachApi());
  app.route('/research', researchPages()); // staff session
  app.route('/api/research', researchApi());
  app.route('/admin', adminPages({ previewPage: participantPreviewPage })); // admin in some project
  app.route('/api/admin', adminApi());

  app.notFound((c) => respondError(c, new AppError('NOT_FOUND')));
  app.onError(function onError(error, c) {
    if (error instanceof AppError) return respondError(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      const code: ErrorCode =
        error.status === 413 ? 'PAYLOAD_TOO_LARGE' : error.status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
      return respondError(c, new AppError(code));
    }
    // Unknown errors: log the kind and stack for us, never echo anything to the caller.
    const e = error as { name?: string; code?: string; stack?: string };
    log({
      at: new Date().toISOString(),
      id: c.get('requestId'),
      level: 'error',
      name: e.name,
      code: e.code,
      stack: e.stack?.split('\n').slice(1, 6).join(' | '),
    });
    return respondError(c, new AppError('INTERNAL'));
  });

  return app;
}

function respondError(c: Context<AppEnv>, error: AppError) {
  const lang = c.get('lang') ?? 'sv';
  const requestId = c.get('requestId') ?? crypto.randomUUID();
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  const status = errorStatus(error.code);
  const wantsHtml =
    c.req.method === 'GET' && !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
  // Form posts from pages get a page back: staff forms, and the participant's short-code and
  // handover-return forms (a browser would otherwise show raw JSON).
  if (
    wantsHtml ||
    (c.req.method === 'POST' && /^\/(coach|login|logout|admin|invite|handover\/return|k$)/.test(c.req.path))
  ) {
    const page = errorPageIn(lang, { message: errorText(error, lang), status, requestId });
    return c.html(page, status);
  }
  // A participant reads the message in their language (participant/i18n/errors.ts).
  const message = PARTICIPANT_PATH.test(c.req.path)
    ? participantErrorText(error, c.get('plocale') ?? 'sv')
    : errorText(error, lang);
  return c.json(errorBody(error.code, lang, requestId, error.issues, message), status);
}
