import { principalClaims } from '../../src/store/claims.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { Principal } from '../../src/store/store.ts';

/**
 * Runs raw SQL as a principal, the way PostgREST would (claims + role local to a transaction),
 * so RLS and grants can be asserted directly. Returns rows, or the error's SQLSTATE code.
 */
export async function sqlAs(
  db: SqlExecutor,
  who: Principal,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: Record<string, unknown>[] } | { error: string }> {
  const { role, claims } = principalClaims(who);
  try {
    const rows = await db.transaction(async (tx) => {
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
      await tx.query(`set local role ${role}`);
      return tx.query<Record<string, unknown>>(sql, params);
    });
    return { rows };
  } catch (error) {
    return { error: String((error as { code?: string }).code ?? (error as Error).message) };
  }
}
