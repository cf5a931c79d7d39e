import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { startStaffSession } from './guards.ts';
import { endHandoverHere } from './handover.ts';

/** Where a fresh sign-in lands when it names no page: `/` sends each person to their start page. */
export const SIGNED_IN_HOME = '/';

/**
 * Signs a staff member in once their password has been checked (the login) or just chosen through
 * a one-time link (an invite or a reset): the audit entry, the phone taken back if it was lent to a
 * participant, and the session cookie carrying the account's current session version. The caller
 * has proved the account is active (the login lookup, or accept_invite, which refuses otherwise).
 */
export async function completeSignIn(
  c: Context<AppEnv>,
  account: { id: string; session_version?: number },
  reason?: string,
): Promise<void> {
  await c.get('services').store.recordLogin({ staff_id: account.id, success: true, reason });
  // Signing in on a phone still lent to a participant takes it back, as /handover/return does.
  await endHandoverHere(c);
  await startStaffSession(c, account.id, account.session_version);
}
