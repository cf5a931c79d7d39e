import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { AppError } from '../errors.ts';
import { principalClaims } from './claims.ts';
import { RpcStore } from './rpc-store.ts';
import { translateDbError } from './sql-store.ts';
import type { Principal, Store } from './store.ts';

export interface SupabaseStoreOptions {
  /** The project URL, e.g. https://xyz.supabase.co (PostgREST is served under /rest/v1). */
  url: string;
  /** The anon (publishable) key: identifies the project to the API gateway, grants nothing itself. */
  anonKey: string;
  /** The project's JWT secret (HS256). Server-side only: it can mint any role, service_role included. */
  jwtSecret: string;
  fetch?: typeof fetch;
  /** Lifetime of each per-call token in seconds (default 60). */
  ttlSeconds?: number;
}

/** PostgREST's error body ({code, message, details, hint}) plus the HTTP status, as an Error. */
export class PostgrestCallError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: string | null;
  readonly hint: string | null;
  constructor(
    error: { code?: string; message?: string; details?: string | null; hint?: string | null },
    status: number,
  ) {
    super(error.message || `PostgREST error (HTTP ${status})`);
    this.name = 'PostgrestCallError';
    this.code = error.code ?? '';
    this.status = status;
    this.details = error.details ?? null;
    this.hint = error.hint ?? null;
  }
}

// PostgREST's own codes for "cannot reach or use the database" (PGRST000–PGRST003), and the gateway's.
const UNAVAILABLE_CODES = new Set(['PGRST000', 'PGRST001', 'PGRST002', 'PGRST003']);
const UNAVAILABLE_STATUSES = new Set([0, 502, 503, 504, 520]);

/**
 * Maps a PostgREST error the way translateDbError maps a driver error: EKxxx → AppError by message,
 * 22P02/22023 → VALIDATION_FAILED, an unreachable API or database → DATABASE_UNAVAILABLE (503).
 * Anything else stays an error the app turns into a generic 500 (its message is never echoed).
 */
export function translatePostgrestError(
  error: { code?: string; message?: string; details?: string | null; hint?: string | null },
  status: number,
): unknown {
  const failure = new PostgrestCallError(error, status);
  if (
    status === 0 ||
    UNAVAILABLE_CODES.has(failure.code) ||
    (UNAVAILABLE_STATUSES.has(status) && !failure.code.startsWith('EK'))
  ) {
    return new AppError('DATABASE_UNAVAILABLE', { cause: failure, retryAfterSeconds: 5 });
  }
  return translateDbError(failure);
}

/**
 * Mints the short-lived token PostgREST verifies for one call: the principal's claims (as
 * app.call_as would set them), its role, aud, iat and exp. For the system principal this is a
 * service_role token: it is made on the server for one request to PostgREST and never placed in a
 * response, a cookie or a page.
 */
export async function mintCallToken(
  who: Principal,
  key: Uint8Array,
  ttlSeconds: number,
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  const { role, claims } = principalClaims(who);
  return new SignJWT({ ...claims, role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setAudience('authenticated')
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key);
}

/**
 * Enkät never subscribes to realtime. supabase-js 2.109 still builds a RealtimeClient, which on
 * Node 20 (no global WebSocket) throws unless given a transport. This one fails loudly if anything
 * ever tries to open a socket; it needs no `ws` dependency and behaves the same on Deno.
 */
class RealtimeNotUsed {
  constructor() {
    throw new Error('realtime is not used by Enkät (SupabaseStore talks to PostgREST only)');
  }
}

/** Store over PostgREST: each call is supabase.rpc(fn, { p: args }) with a per-call JWT. */
export class SupabaseStore extends RpcStore {
  private readonly client: SupabaseClient;
  private readonly key: Uint8Array;
  private readonly ttlSeconds: number;

  constructor(options: SupabaseStoreOptions) {
    super();
    if (!/^https?:\/\//.test(options.url)) throw new Error('SupabaseStore: url must be an http(s) URL');
    if (!options.anonKey) throw new Error('SupabaseStore: anonKey is required');
    if (!options.jwtSecret || options.jwtSecret.length < 32)
      throw new Error('SupabaseStore: jwtSecret must be at least 32 characters');
    this.ttlSeconds = options.ttlSeconds ?? 60;
    if (!Number.isInteger(this.ttlSeconds) || this.ttlSeconds < 5 || this.ttlSeconds > 600)
      throw new Error('SupabaseStore: ttlSeconds must be 5–600');
    this.key = new TextEncoder().encode(options.jwtSecret);
    // One client for the process; the per-call token goes in the Authorization header of each request.
    // accessToken stops supabase-js from consulting (or creating) a GoTrue session on every fetch.
    this.client = createClient(options.url, options.anonKey, {
      accessToken: async () => null,
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      realtime: { transport: RealtimeNotUsed as never },
      // A hung request ends as DATABASE_UNAVAILABLE (status 0) instead of holding the caller.
      db: { timeout: 30_000 },
      global: options.fetch ? { fetch: options.fetch } : undefined,
    });
  }

  async call<T>(who: Principal, fn: string, args: Record<string, unknown> = {}): Promise<T> {
    const token = await mintCallToken(who, this.key, this.ttlSeconds);
    let answer: { data: unknown; error: { code?: string; message?: string } | null; status: number };
    try {
      answer = await this.client.rpc(fn, { p: args }).setHeader('Authorization', `Bearer ${token}`);
    } catch (error) {
      // postgrest-js rethrows only aborts; treat them like any unreachable API.
      throw translatePostgrestError({ message: String(error) }, 0);
    }
    if (answer.error) throw translatePostgrestError(answer.error, answer.status);
    return answer.data as T;
  }

  async close() {
    // Nothing to release: HTTP keep-alive connections belong to fetch.
  }
}

/** The Store over a Supabase project's PostgREST API (the Deno edge entry and SUPABASE_URL on Node). */
export function createSupabaseStore(options: SupabaseStoreOptions): Store {
  return new SupabaseStore(options);
}
