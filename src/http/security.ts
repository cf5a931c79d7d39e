import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';

/**
 * The CSP of every response. Framing: 'none' everywhere; 'self' only for the editor's preview of
 * a definition (admin/definition-preview-routes.tsx), which our own editor page frames.
 */
export function contentSecurityPolicy(frameAncestors: "'none'" | "'self'" = "'none'"): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // SurveyJS sets inline style attributes; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

const SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', contentSecurityPolicy()],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
];

/**
 * Security headers: a CSP without inline script, HSTS, no referrer, no framing. Set before the
 * handler runs (c.header), so no response has to be rebuilt afterwards.
 */
export function securityHeaders(): MiddlewareHandler {
  return async function headers(c, next) {
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    await next();
  };
}

/**
 * For /assets/*: the built scripts and stylesheets are public and the same for everyone, and the
 * editor's preview loads them into a sandboxed frame whose origin is opaque, which
 * Cross-Origin-Resource-Policy: same-origin would refuse. Everything else stays same-origin.
 */
export function crossOriginAssets(): MiddlewareHandler {
  return async function assetResourcePolicy(c, next) {
    await next();
    c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  };
}

/**
 * Nothing the app answers may be kept by a browser or proxy cache: staff pages and API answers
 * carry personal data, and after a hand-over the Back button must not show the coach's pages from
 * the cache. Only responses that set their own Cache-Control (static assets) keep it.
 */
export function noStore(): MiddlewareHandler {
  return async function noStoreHeader(c, next) {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

/**
 * Refuses bodies over maxBytes from Content-Length, before anything is read. Bodies without a
 * length (chunked) are read with a running count instead.
 */
export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  return async function bodySize(c, next) {
    const length = c.req.header('content-length');
    if (length !== undefined) {
      if (!/^\d+$/.test(length) || Number(length) > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
    } else if (c.req.raw.body) {
      const reader = c.req.raw.body.getReader();
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        total += r.value.byteLength;
        if (total > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
        chunks.push(r.value);
      }
      c.req.raw = new Request(c.req.raw, { body: new Blob(chunks as BlobPart[]) });
    }
    await next();
  };
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
      // Sec-Fetch-Site decides when the browser sends it: with Referrer-Policy no-referrer,
      // Chromium sends "Origin: null" on same-origin form posts.
      if (site !== undefined) {
        if (site !== 'same-origin' && site !== 'none') throw new AppError('CSRF_REJECTED');
      } else if (origin !== undefined && origin !== (publicOrigin ?? new URL(c.req.url).origin)) {
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
  /** The window's length: how long a refused caller waits at most (Retry-After). */
  readonly windowSeconds: number;
}

export function createRateLimiter(options: {
  max: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
}): RateLimiter {
  if (options.max < 1 || options.windowMs < 1) throw new Error('rate limiter needs max >= 1 and windowMs >= 1');
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = 0;
  // Expired windows are swept at most once per window; past maxKeys the oldest keys go first
  // (Map keeps insertion order), so callers choosing many keys cannot make hit() expensive.
  function sweep(t: number) {
    if (t - lastSweep >= options.windowMs) {
      lastSweep = t;
      for (const [k, w] of windows) if (t - w.start >= options.windowMs) windows.delete(k);
    }
    for (const k of windows.keys()) {
      if (windows.size < maxKeys) break;
      windows.delete(k);
    }
  }
  return {
    windowSeconds: Math.ceil(options.windowMs / 1000),
    hit(key) {
      const t = now();
      if (windows.size >= maxKeys) sweep(t);
      const w = windows.get(key);
      if (!w || t - w.start >= options.windowMs) {
        windows.delete(key);
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
