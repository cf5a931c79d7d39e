import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import type { SqlExecutor } from './executor.ts';

/** Opens PGlite (in memory when dataDir is undefined, else persisted there). */
export async function openPglite(dataDir?: string): Promise<SqlExecutor> {
  return pgliteExecutor(await openPgliteInstance(dataDir));
}

/**
 * The PGlite instance itself, with the extensions the migrations use (for dumpDataDir());
 * loadDataDir fills a new data directory from such a dump.
 */
export function openPgliteInstance(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create({ dataDir, loadDataDir, extensions: { pgcrypto } });
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    engine: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
    transaction(fn) {
      return db.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params: unknown[] = []) => (await tx.query<T>(sql, params)).rows,
          exec: async (script: string) => void (await tx.exec(script)),
        }),
      );
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
