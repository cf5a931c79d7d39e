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
}

/** Connects to PostgreSQL through postgres.js (a pool; reconnects by itself). */
export function openPostgres(url: string, options: PostgresOptions = {}): SqlExecutor {
  const sql = postgres(url, {
    max: options.max ?? 10,
    idle_timeout: options.idleTimeout ?? 30,
    connect_timeout: 10,
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
