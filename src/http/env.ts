import type { ParticipantLocale } from '../client/i18n/locales.ts';
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import { LOOPBACK_HOSTS } from '../config.ts';
import type { TokenService, ParticipantLinkClaims } from '../auth/tokens.ts';
import type { RateLimits } from './rate-limits.ts';
import type { RateLimiter } from './security.ts';
import type { Lang } from '../domain/vocabulary.ts';
import type { DefinitionCache } from '../surveys/definition-cache.ts';
import type { Principal, StaffContext, Store } from '../store/store.ts';

/** What every route can reach: dependencies (built once) and per-request facts. */
export interface Services {
  store: Store;
  definitions: DefinitionCache;
  tokens: TokenService;
  passwordIterations: number;
  secureCookies: boolean;
  publicOrigin?: string;
  /** Sign-in, hand-over, invite and short-code budgets, shared through the database. */
  limits: RateLimits;
  /** Submissions per participant link, per process (a load limit). */
  submitLimiter: RateLimiter;
  /** Rows per database call when streaming a row-level export. */
  rowExportPageSize: number;
  /** The client's address (src/http/client-address.ts): never a value the client chose. */
  clientIp(c: Context): string;
}

export type AppEnv = {
  Variables: {
    services: Services;
    requestId: string;
    lang: Lang;
    /**
     * A participant's language on participant surfaces (?lang=, else Accept-Language, else
     * Swedish): their error messages are in it. Staff surfaces leave it Swedish.
     */
    plocale: ParticipantLocale;
    principal: Principal;
    staff: StaffContext;
    link: ParticipantLinkClaims;
  };
};

/**
 * The public origin links are built from: the configured one. Without it (tests, a server on
 * localhost) only a loopback request's own origin is used, never a Host header naming another
 * machine: that header is the client's choice, and a link built from it could point anywhere.
 */
export function originOf(c: Context<AppEnv>): string {
  const configured = c.get('services').publicOrigin;
  if (configured) return configured;
  const own = new URL(c.req.url);
  if (LOOPBACK_HOSTS.has(own.hostname)) return own.origin;
  throw new AppError('INTERNAL', {
    cause: new Error('PUBLIC_ORIGIN is not configured; refusing to build a link from the Host header'),
  });
}
