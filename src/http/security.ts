import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from './errors.ts';

/** Security headers: a CSP without inline script, HSTS, no referrer, no framing. */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // SurveyJS sets inline style attributes; scripts stay strict.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginEmbedderPolicy: false,
  });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF guard for cookie-authenticated routes: a state-changing request must come from our own
 * origin (Sec-Fetch-Site, else Origin). SameSite=Strict cookies are the second layer. Requests
 * with neither header come from non-browser clients, which cannot carry a victim's cookie.
 */
export function csrfGuard(publicOrigin?: string): MiddlewareHandler {
  return async function csrf(c, next) {
    if (!SAFE.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const own = publicOrigin ?? new URL(c.req.url).origin;
      // Sec-Fetch-Site decides when the browser sends it: with Referrer-Policy no-referrer,
      // Chromium sends "Origin: null" on same-origin form posts.
      if (site !== undefined) {
        if (site !== 'same-origin' && site !== 'none') throw new AppError('CSRF_REJECTED');
      } else if (origin !== undefined && origin !== own) {
        throw new AppError('CSRF_REJECTED');
      }
    }
    await next();
  };
}

/** A fixed-window counter per key, in memory (per process / per edge instance). */
export interface RateLimiter {
  hit(key: string): boolean;
  reset(key: string): void;
}

export function createRateLimiter(options: { max: number; windowMs: number; now?: () => number }): RateLimiter {
  if (options.max < 1 || options.windowMs < 1) throw new Error('rate limiter needs max >= 1 and windowMs >= 1');
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      if (windows.size > 50_000) for (const [k, w] of windows) if (t - w.start >= options.windowMs) windows.delete(k);
      const w = windows.get(key);
      if (!w || t - w.start >= options.windowMs) {
        windows.set(key, { start: t, count: 1 });
        return true;
      }
      w.count += 1;
      return w.count <= options.max;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
