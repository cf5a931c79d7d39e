import { z } from 'zod';
import { MIN_ITERATIONS } from './auth/passwords.ts';
import { boundedInt, PARTICIPANT_LINK_DAYS, STAFF_SESSION_MINUTES } from './domain/limits.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  /** Loopback by default; listening on other interfaces needs PUBLIC_ORIGIN (see the check below). */
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  /** Supabase project URL; with the two below, the server uses SupabaseStore (supabase-js, PostgREST). */
  SUPABASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The anon (publishable) key: sent as apikey, grants nothing by itself. */
  SUPABASE_ANON_KEY: z.string().min(1).optional(),
  /** The project's JWT secret: signs the per-call tokens (service_role included). Never leaves the server. */
  SUPABASE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Secret for signing sessions and participant links (>= 32 characters). Generated and kept in DATA_DIR when unset. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_ORIGIN: z.url().optional(),
  SESSION_TTL_MINUTES: boundedInt(STAFF_SESSION_MINUTES),
  LINK_TTL_DAYS: boundedInt(PARTICIPANT_LINK_DAYS),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(MIN_ITERATIONS).default(MIN_ITERATIONS),
  /**
   * Proxies in front of the server that append the address they saw to X-Forwarded-For (nginx,
   * a load balancer). 0: the socket's peer address is the client's and X-Forwarded-For is ignored.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Only for local development over plain http on a host other than localhost. */
  INSECURE_COOKIES: z.enum(['0', '1']).default('0'),
});

const supabaseKeys = ['SUPABASE_URL', 'SUPABASE_ANON_KEY', 'SUPABASE_JWT_SECRET'] as const;

/** Host names that reach only this machine: there, links may use http://localhost. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

const checked = schema.superRefine((config, ctx) => {
  // Participant links and invite links are built from PUBLIC_ORIGIN; without it a server reachable
  // from elsewhere would have to trust the request's Host header, which the client chooses.
  if (config.PUBLIC_ORIGIN === undefined && !LOOPBACK_HOSTS.has(config.HOST)) {
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_ORIGIN'],
      message: `is required when HOST (${config.HOST}) is not a loopback address, e.g. PUBLIC_ORIGIN=https://enkat.forbund.se`,
    });
  }
  const set = supabaseKeys.filter((k) => config[k] !== undefined);
  if (set.length > 0 && set.length < supabaseKeys.length) {
    const missing = supabaseKeys.filter((k) => config[k] === undefined);
    ctx.addIssue({
      code: 'custom',
      path: [missing[0]!],
      message: `Supabase needs ${supabaseKeys.join(', ')} together; missing ${missing.join(', ')}`,
    });
  }
});

export type Config = z.infer<typeof schema>;

/** Parses configuration from an environment-like record. Pure: throws with readable messages. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = checked.safeParse(cleaned);
  if (!result.success) {
    // Only names and messages: a value (a key or secret) is never part of the error.
    throw new Error(
      `invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}

/** The Supabase API settings when all three are set (the server then uses SupabaseStore). */
export function supabaseApi(config: Config): { url: string; anonKey: string; jwtSecret: string } | undefined {
  if (!config.SUPABASE_URL || !config.SUPABASE_ANON_KEY || !config.SUPABASE_JWT_SECRET) return undefined;
  return { url: config.SUPABASE_URL, anonKey: config.SUPABASE_ANON_KEY, jwtSecret: config.SUPABASE_JWT_SECRET };
}
