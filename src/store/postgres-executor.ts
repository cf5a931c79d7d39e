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

/** Failures to open a connection: the server is away or not accepting (not one broken connection). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'CONNECT_TIMEOUT',
  '57P03',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);
/** While the server is away, one statement in this interval goes through to see if it is back. */
const PROBE_INTERVAL_MS = 250;

/** A statement not sent because the server is known to be away (DATABASE_UNAVAILABLE, 503). */
export class DatabaseUnreachable extends Error {
  readonly code = 'CONNECTION_UNREACHABLE';
  constructor(since: number) {
    super(`database unreachable since ${new Date(since).toISOString()}; statement not sent`);
    this.name = 'DatabaseUnreachable';
  }
}

/**
 * Fails statements fast while the server is away. postgres.js queues a statement until a
 * connection opens, so without this every request made during an outage waited for the server's
 * return, however long (bench/load-faults.ts with a 20 s outage: 66 requests unanswered after
 * 10 s). After a failed connection attempt, statements are refused unsent, except one probe per
 * PROBE_INTERVAL_MS; the first answer from the server (a result or an SQL error) ends it.
 */
export function outageGuard(probeIntervalMs = PROBE_INTERVAL_MS) {
  let downSince: number | null = null;
  let lastProbe = 0;
  let probing = false;
  return async function guarded<T>(run: () => Promise<T>): Promise<T> {
    const probe = downSince !== null;
    if (probe) {
      const now = Date.now();
      if (probing || now - lastProbe < probeIntervalMs) throw new DatabaseUnreachable(downSince!);
      probing = true;
      lastProbe = now;
    }
    try {
      const result = await run();
      downSince = null;
      return result;
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      if (typeof code === 'string' && UNREACHABLE.has(code)) {
        // The next probe comes an interval after this failure.
        if (downSince === null) downSince = lastProbe = Date.now();
      } else if (
        typeof code === 'string' &&
        /^[0-9A-Z]{5}$/.test(code) &&
        !code.startsWith('08') &&
        !code.startsWith('57P')
      )
        downSince = null;
      throw error;
    } finally {
      if (probe) probing = false;
    }
  };
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
  const guarded = outageGuard();
  return {
    engine: 'postgres',
    async query<T>(text: string, params: unknown[] = []) {
      return guarded(async () => (await sql.unsafe(text, params as never[])) as unknown as T[]);
    },
    async exec(script: string) {
      await guarded(async () => void (await sql.unsafe(script)));
    },
    async transaction(fn) {
      return guarded(
        async () =>
          (await sql.begin((tx) =>
            fn({
              query: async <T>(text: string, params: unknown[] = []) =>
                (await tx.unsafe(text, params as never[])) as unknown as T[],
              exec: async (script: string) => void (await tx.unsafe(script)),
            }),
          )) as never,
      );
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
