/**
 * Threat: an admin of another organisation (issue 16, finding 1). Attack: the attacker "invites"
 * an e-mail whose account in the victim's project is still waiting for its invite link, or for a
 * password-reset link, hoping to get a fresh link, set the password and sign in as the victim's
 * coach or admin. It must fail: no link for the attacker, the victim's own link still works, and
 * the attacker's token opens nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLinkToken } from '../../src/auth/link-tokens.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_ITERATIONS, type World } from '../support/fixtures.ts';

describe.each(engines.filter((e) => e !== 'supabase'))('invite takeover across organisations on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let victim: World;
  let attacker: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    victim = await createWorld(store);
    attacker = await createWorld(store); // another organisation on the same installation
  });
  afterAll(() => db.close());

  const passwordOf = async (staffId: string) =>
    (await db.query<{ h: string }>('select password_hash as h from public.staff where id = $1', [staffId]))[0]!.h;
  const membershipsOf = async (staffId: string) =>
    (
      await db.query<{ project_id: string }>('select project_id from public.memberships where staff_id = $1', [staffId])
    ).map((r) => r.project_id);

  /** The attacker's admin invites the e-mail into their own project; what comes back, and the token used. */
  async function attack(email: string) {
    const token = await newLinkToken();
    const answer = await store.adminInviteStaff(attacker.admin, {
      email,
      memberships: [{ project_id: attacker.projectId, role: 'coach' }],
      token_hash: token.hash,
    });
    return { answer, token };
  }

  /** Tries to use a link as the attacker would: set a password of their choosing. */
  async function tryAccept(tokenHash: string) {
    const hash = await hashPassword('attackerns eget lösenord', TEST_ITERATIONS);
    return store.acceptInvite({ token_hash: tokenHash, password_hash: hash }).then(
      () => 'accepted',
      (e: { code?: string }) => e.code,
    );
  }

  it('an account still waiting for its invite link', async () => {
    const email = `pending-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const own = await newLinkToken();
    const invited = await store.adminInviteStaff(victim.admin, {
      email,
      memberships: [{ project_id: victim.projectId, role: 'admin' }],
      token_hash: own.hash,
    });
    const before = await passwordOf(invited.staff_id);

    const { answer, token } = await attack(email);
    expect(answer.invite).toBe(false);
    expect(answer.expires_at).toBeNull();
    expect(await store.inviteLookup(token.hash)).toBeNull();
    expect(await tryAccept(token.hash)).toBe('INVITE_INVALID');
    // Nothing changed for the victim: the account's own link still works, its password is untouched.
    expect(await store.inviteLookup(own.hash)).toEqual({ email, purpose: 'invite' });
    expect(await passwordOf(invited.staff_id)).toBe(before);
    expect(await membershipsOf(invited.staff_id)).toContain(victim.projectId);
  });

  it('an account waiting for a password reset', async () => {
    const reset = await newLinkToken();
    const coachId = victim.coach.staffId;
    await store.adminIssuePasswordReset(victim.admin, { staff_id: coachId, token_hash: reset.hash });
    const before = await passwordOf(coachId);

    const { answer, token } = await attack(victim.emails.coach);
    expect(answer.invite).toBe(false);
    expect(await store.inviteLookup(token.hash)).toBeNull();
    expect(await tryAccept(token.hash)).toBe('INVITE_INVALID');
    expect(await store.inviteLookup(reset.hash)).toEqual({ email: victim.emails.coach, purpose: 'reset' });
    expect(await passwordOf(coachId)).toBe(before);
  });

  it('an admin re-inviting a pending account of their own projects still gets a fresh link', async () => {
    const email = `own-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const first = await newLinkToken();
    await store.adminInviteStaff(victim.admin, {
      email,
      memberships: [{ project_id: victim.projectId, role: 'coach' }],
      token_hash: first.hash,
    });
    const second = await newLinkToken();
    const again = await store.adminInviteStaff(victim.admin, {
      email,
      memberships: [{ project_id: victim.projectId, role: 'coach' }],
      token_hash: second.hash,
    });
    expect(again.invite).toBe(true);
    expect(await store.inviteLookup(first.hash)).toBeNull();
    expect(await store.inviteLookup(second.hash)).toEqual({ email, purpose: 'invite' });
  });
});
