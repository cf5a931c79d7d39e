import type { Context } from 'hono';
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
    principal: Principal;
    staff: StaffContext;
    link: ParticipantLinkClaims;
  };
};

/** The public origin links are built from: configured, else the request's own. */
export function originOf(c: Context<AppEnv>): string {
  return c.get('services').publicOrigin ?? new URL(c.req.url).origin;
}
