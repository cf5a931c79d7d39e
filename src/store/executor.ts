/**
 * The one thing SqlStore needs from a database driver: run a parameterised statement,
 * run a multi-statement script (migrations), run a callback inside a transaction, close.
 * PGlite and postgres.js both satisfy it through the small adapters below it.
 */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(script: string): Promise<void>;
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly engine: 'pglite' | 'postgres';
}

export type SqlQueryable = Pick<SqlExecutor, 'query' | 'exec'>;
