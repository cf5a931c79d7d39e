import { AppError, isErrorCode } from '../errors.ts';
import { principalClaims } from './claims.ts';
import type { SqlExecutor } from './executor.ts';
import { RpcStore } from './rpc-store.ts';
import type { Principal } from './store.ts';

/** Turns a database error into an AppError when it is one of ours (EK4xx) or a lost connection. */
export function translateDbError(error: unknown): unknown {
  const e = error as { code?: string; message?: string };
  if (typeof e?.code === 'string' && e.code.startsWith('EK') && e.message) {
    // A caller who may not use a resource is told it does not exist.
    if (e.message === 'FORBIDDEN') return new AppError('NOT_FOUND', { cause: error });
    if (isErrorCode(e.message)) return new AppError(e.message, { cause: error });
  }
  // Malformed input the database cannot hold: bad text representation, a NUL character (jsonb
  // "unsupported Unicode escape", or text), an invalid parameter value.
  if (e?.code === '22P02' || e?.code === '22023' || e?.code === '22P05' || e?.code === '22021')
    return new AppError('VALIDATION_FAILED', { cause: error });
  if (isConnectionError(e?.code)) return new AppError('DATABASE_UNAVAILABLE', { cause: error, retryAfterSeconds: 5 });
  return error;
}

/**
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot
 * connect now), 53300 (too many connections); postgres.js's CONNECTION_* and CONNECT_TIMEOUT
 * (a server that accepts but does not answer); Node's socket and name-lookup errors.
 */
const CONNECTION_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function isConnectionError(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('08') || code.startsWith('CONNECTION_') || CONNECTION_CODES.has(code));
}

/** Store over the SQL functions, one round trip per call through app.call_as(). */
export class SqlStore extends RpcStore {
  constructor(private readonly db: SqlExecutor) {
    super();
  }

  /** Calls public.<fn>(args) as the principal: claims, role and call in one statement. */
  async call<T>(who: Principal, fn: string, args: Record<string, unknown> = {}): Promise<T> {
    const { role, claims } = principalClaims(who);
    try {
      const rows = await this.db.query<{ r: T }>('select app.call_as($1, $2, $3, $4::text::jsonb) as r', [
        JSON.stringify(claims),
        role,
        fn,
        JSON.stringify(args),
      ]);
      return rows[0]!.r;
    } catch (error) {
      throw translateDbError(error);
    }
  }

  close() {
    return this.db.close();
  }
}
