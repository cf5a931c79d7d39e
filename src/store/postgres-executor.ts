import postgres from 'postgres';
import type { SqlExecutor } from './executor.ts';

export interface PostgresOptions {
  max?: number;
  /** Seconds a connection may sit idle before it is closed. */
  idleTimeout?: number;
  /**
   * Named prepared statements (default true: one round trip per call). Must be false behind a
   * transaction-mode pooler (Supabase's Supavisor on port 6543), which does not keep them.
   */
  prepare?: boolean;
  /** Seconds to wait for a new connection (default 10); a server that accepts but never answers ends as DATABASE_UNAVAILABLE. */
  connectTimeout?: number;
}

/**
 * Seconds before a pool connection tries to connect again after a failed or broken connection.
 * postgres.js's default grows as 3^n / 100 s up to 20 s over a retry count the whole pool shares,
 * so a few seconds of outage under load left requests waiting up to 20 s after the server was back
 * (bench/load-faults.ts). Capped at 1 s (jittered): the app fails fast while the database is away
 * and serves again within a second of its return; at most `max` connection attempts a second.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(0.05 * 2 ** attempt, 1) * (0.5 + Math.random() / 2);
}

/** Connects to PostgreSQL through postgres.js (a pool; reconnects by itself). */
export function openPostgres(url: string, options: PostgresOptions = {}): SqlExecutor {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: options.idleTimeout ?? 30,
    connect_timeout: options.connectTimeout ?? 10,
    backoff: reconnectDelay,
    onnotice: () => {},
    // Prepared statements are cached per connection: one round trip per call.
    prepare: options.prepare ?? true,
  });
  return {
    engine: 'postgres',
    async query<T>(text: string, params: unknown[] = []) {
      return (await sql.unsafe(text, params as never[])) as unknown as T[];
    },
    async exec(script: string) {
      await sql.unsafe(script);
    },
    async transaction(fn) {
      return (await sql.begin((tx) =>
        fn({
          query: async <T>(text: string, params: unknown[] = []) => (await tx.unsafe(text, params as never[])) as unknown as T[],
          exec: async (script: string) => void (await tx.unsafe(script)),
        }),
      )) as never;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
