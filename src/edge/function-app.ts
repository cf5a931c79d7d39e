/**
 * The app as the Supabase Edge Function (Deno) runs it. Bundled by build-function.node.ts into
 * supabase/functions/api/app.bundle.js together with the browser assets; the Deno entry
 * (supabase/functions/api/index.ts) passes its environment in. Runtime-neutral: Web APIs and
 * postgres.js (whose node: imports Deno provides).
 */
import { z } from 'zod';
import { createApp } from '../app.ts';
import { MIN_ITERATIONS } from '../auth/passwords.ts';
import { createTokenService } from '../auth/tokens.ts';
import { embeddedAssets, type EmbeddedAsset } from '../http/embedded-assets.ts';
import { openPostgres } from '../store/postgres-executor.ts';
import { SqlStore } from '../store/sql-store.ts';
import { createSupabaseStore } from '../store/supabase-store.ts';
import type { Store } from '../store/store.ts';
import { boundedInt, PARTICIPANT_LINK_DAYS, STAFF_SESSION_MINUTES } from '../domain/limits.ts';

const envSchema = z.object({
  /** Direct or session-pooler connection string. On Supabase, SUPABASE_DB_URL is used when unset. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  SUPABASE_DB_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  /** Required here: a function instance has no disk to keep a generated secret on. */
  SESSION_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
  /** Required: links must not be built from the request's Host header (the client chooses it). */
  PUBLIC_ORIGIN: z.url({ error: 'is required (the origin browsers see, e.g. https://enkat.forbund.se)' }),
  SESSION_TTL_MINUTES: boundedInt(STAFF_SESSION_MINUTES),
  LINK_TTL_DAYS: boundedInt(PARTICIPANT_LINK_DAYS),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(MIN_ITERATIONS).default(MIN_ITERATIONS),
  /** Prefix the platform puts before the app's paths (Supabase: the function name, "/api"); stripped. */
  BASE_PATH: z
    .string()
    .regex(/^(\/[a-z0-9-]+)+$/, 'must look like /api')
    .optional(),
  /**
   * sql (default): postgres.js straight to the database. supabase: supabase-js rpc() through
   * PostgREST with a per-call JWT (src/store/supabase-store.ts). An explicit switch, because
   * Supabase sets SUPABASE_URL and SUPABASE_DB_URL in every function.
   */
  STORE: z.enum(['sql', 'supabase']).default('sql'),
  SUPABASE_URL: z.url().optional(),
  SUPABASE_ANON_KEY: z.string().min(20).optional(),
  /** The project's JWT secret (secret names may not start with SUPABASE_, hence the own name). */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Proxies that append to X-Forwarded-For in front of the function. 1 (the default) takes the
   * right-most entry, assuming Supabase's gateway appends the address it saw; Supabase does not
   * document it (docs/deployment.md says how to check). 2 with a front proxy of your own.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Connections per function instance (instances are many and short-lived: keep it small). */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(20).default(3),
});

export type FunctionEnv = z.infer<typeof envSchema>;

/** Parses the function's environment; throws one readable message, never echoing values. */
export function parseFunctionEnv(source: Record<string, string | undefined>): FunctionEnv {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success)
    throw new Error(
      `invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return result.data;
}

/** Chooses the store from the environment. The Supabase store (PostgREST rpc) plugs in here. */
function openStore(env: FunctionEnv): { store: Store; close: () => Promise<void> } {
  if (env.STORE === 'supabase') {
    const missing = (['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'JWT_SECRET'] as const).filter((k) => !env[k]);
    if (missing.length) throw new Error(`invalid configuration: STORE=supabase needs ${missing.join(', ')}`);
    const store = createSupabaseStore({
      url: env.SUPABASE_URL!,
      anonKey: env.SUPABASE_ANON_KEY!,
      jwtSecret: env.JWT_SECRET!,
    });
    return { store, close: () => store.close() };
  }
  const url = env.DATABASE_URL ?? env.SUPABASE_DB_URL;
  if (!url) throw new Error('invalid configuration: set DATABASE_URL (or run on Supabase, which sets SUPABASE_DB_URL)');
  // Supabase's transaction pooler (port 6543) does not keep prepared statements between calls.
  const db = openPostgres(url, { max: env.DB_POOL_SIZE, idleTimeout: 20, prepare: new URL(url).port !== '6543' });
  return { store: new SqlStore(db), close: () => db.close() };
}

export interface FunctionApp {
  fetch: (request: Request) => Response | Promise<Response>;
  close: () => Promise<void>;
}

/** Builds the request handler of the edge function from its environment and the embedded assets. */
export function createFunctionApp(
  source: Record<string, string | undefined>,
  assets: { files: Record<string, EmbeddedAsset>; manifest: Record<string, string> },
): FunctionApp {
  const env = parseFunctionEnv(source);
  const { store, close } = openStore(env);
  const app = createApp({
    store,
    tokens: createTokenService({
      secret: env.SESSION_SECRET,
      staffTtlMinutes: env.SESSION_TTL_MINUTES,
      linkTtlDays: env.LINK_TTL_DAYS,
    }),
    passwordIterations: env.PASSWORD_ITERATIONS,
    publicOrigin: env.PUBLIC_ORIGIN,
    // A function has no socket of its own: the gateway's X-Forwarded-For entry is the address.
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    rateLimitSecret: env.SESSION_SECRET,
    assets: embeddedAssets(assets.files, assets.manifest),
  });
  const base = env.BASE_PATH;
  return {
    fetch(request) {
      if (!base) return app.fetch(request);
      const url = new URL(request.url);
      if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return app.fetch(request);
      url.pathname = url.pathname.slice(base.length) || '/';
      return app.fetch(new Request(url, request));
    },
    close,
  };
}
