import { z } from 'zod';
import { MIN_ITERATIONS } from './auth/passwords.ts';

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().default('./data'),
  /** Secret for signing sessions and participant links (>= 32 characters). Generated and kept in DATA_DIR when unset. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PUBLIC_ORIGIN: z.url().optional(),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  PASSWORD_ITERATIONS: z.coerce.number().int().min(MIN_ITERATIONS).default(MIN_ITERATIONS),
  /** Only for local development over plain http on a host other than localhost. */
  INSECURE_COOKIES: z.enum(['0', '1']).default('0'),
});

export type Config = z.infer<typeof schema>;

/** Parses configuration from an environment-like record. Pure: throws with readable messages. */
export function parseConfig(source: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new Error(`invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}
