import { describe, expect, it } from 'vitest';
import { DatabaseUnreachable, outageGuard } from '../../src/store/postgres-executor.ts';
import { translateDbError } from '../../src/store/sql-store.ts';
import { AppError } from '../../src/errors.ts';

const fail = (code: string) => async () => {
  throw Object.assign(new Error(code), { code });
};
const ok = async () => 'ok';
const outcome = (p: Promise<unknown>) =>
  p.then(
    (v) => v,
    (e: { code?: string }) => e.code,
  );

describe('outageGuard', () => {
  it('after a failed connection attempt refuses statements unsent, lets one probe through per interval, and ends on an answer', async () => {
    const guarded = outageGuard(50);
    expect(await outcome(guarded(ok))).toBe('ok');
    expect(await outcome(guarded(fail('ECONNREFUSED')))).toBe('ECONNREFUSED');
    let ran = 0;
    const counted = async () => {
      ran++;
      return 'ok';
    };
    expect(await outcome(guarded(counted))).toBe('CONNECTION_UNREACHABLE');
    expect(ran).toBe(0);
    await new Promise((r) => setTimeout(r, 60));
    // The probe: the server still refuses.
    expect(await outcome(guarded(fail('ECONNREFUSED')))).toBe('ECONNREFUSED');
    expect(await outcome(guarded(counted))).toBe('CONNECTION_UNREACHABLE');
    await new Promise((r) => setTimeout(r, 60));
    // The server answers (an SQL error is an answer): back to normal.
    expect(await outcome(guarded(fail('42883')))).toBe('42883');
    expect(await outcome(guarded(counted))).toBe('ok');
    expect(ran).toBe(1);
  });

  it('one broken connection (CONNECTION_CLOSED, 57P01) does not refuse the next statements', async () => {
    const guarded = outageGuard(1_000);
    expect(await outcome(guarded(fail('CONNECTION_CLOSED')))).toBe('CONNECTION_CLOSED');
    expect(await outcome(guarded(fail('57P01')))).toBe('57P01');
    expect(await outcome(guarded(ok))).toBe('ok');
  });

  it('a refused statement becomes DATABASE_UNAVAILABLE with Retry-After', () => {
    const e = translateDbError(new DatabaseUnreachable(Date.now()));
    expect((e as AppError).code).toBe('DATABASE_UNAVAILABLE');
    expect((e as AppError).retryAfterSeconds).toBe(5);
  });
});
