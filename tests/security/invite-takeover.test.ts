/**
 * Threat: an admin of another organisation (issue 16, finding 1). Attack: the attacker "invites"
 * an e-mail whose account in the victim's project is still waiting for its invite link, or for a
 * password-reset link, hoping to get a fresh link, set the password and sign in as the victim's
 * coach or admin; or invites any e-mail to learn whether it has an account. Accounts belong to one
 * organisation, so the attacker only ever creates an account of their own organisation: its link
 * opens that account and nothing of the victim's, the victim's account and links are untouched,
 * and the answer is the same as for an address nobody uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLinkToken } from '../../src/auth/link-tokens.ts';
import { checkStaffLogin, hashPassword } from '../../src/auth/passwords.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_ITERATIONS, TEST_PASSWORD, type World } from '../support/fixtures.ts';

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

  /** The attacker's link sets the password of the attacker's own new account only. */
  async function assertOnlyAttackersAccount(answer: { staff_id: string }, victimId: string, token: string) {
    expect(answer.staff_id).not.toBe(victimId);
    expect(await tryAccept(token)).toBe('accepted');
    expect(await membershipsOf(answer.staff_id)).toEqual([attacker.projectId]);
    const org = await db.query<{ o: string }>('select organisation_id as o from public.staff where id = $1', [
      answer.staff_id,
    ]);
    const attackerOrg = await db.query<{ o: string }>(
      'select organisation_id as o from public.projects where id = $1',
      [attacker.projectId],
    );
    expect(org[0]!.o).toBe(attackerOrg[0]!.o);
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
    await assertOnlyAttackersAccount(answer, invited.staff_id, token.hash);
    // Nothing changed for the victim: the account's own link still works, its password is untouched.
    expect(await store.inviteLookup(own.hash)).toEqual({ email, purpose: 'invite' });
    expect(await passwordOf(invited.staff_id)).toBe(before);
    expect(await membershipsOf(invited.staff_id)).toEqual([victim.projectId]);
  });

  it('an account waiting for a password reset', async () => {
    const reset = await newLinkToken();
    const coachId = victim.coach.staffId;
    await store.adminIssuePasswordReset(victim.admin, { staff_id: coachId, token_hash: reset.hash });
    const before = await passwordOf(coachId);

    const { answer, token } = await attack(victim.emails.coach);
    await assertOnlyAttackersAccount(answer, coachId, token.hash);
    expect(await store.inviteLookup(reset.hash)).toEqual({ email: victim.emails.coach, purpose: 'reset' });
    expect(await passwordOf(coachId)).toBe(before);
    expect(await membershipsOf(coachId)).toEqual([victim.projectId]);
  });

  it('the answer does not tell whether the address has an account in another organisation', async () => {
    const unused = `nobody-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const shape = (a: Awaited<ReturnType<typeof attack>>['answer']) => ({
      keys: Object.keys(a).sort(),
      created: a.created,
      invite: a.invite,
      expires: a.expires_at !== null,
    });
    const forUnused = shape((await attack(unused)).answer);
    const forVictimAdmin = shape((await attack(victim.emails.admin)).answer);
    const forVictimResearcher = shape((await attack(victim.emails.researcher)).answer);
    expect(forVictimAdmin).toEqual(forUnused);
    expect(forVictimResearcher).toEqual(forUnused);
    // And the victim's accounts are as they were: one membership each, in the victim's project.
    expect(await membershipsOf(victim.admin.staffId)).toEqual([victim.projectId]);
  });

  it("the same address signs in to each organisation with that account's own password", async () => {
    const email = victim.emails.researcher;
    const { answer, token } = await attack(email);
    await assertOnlyAttackersAccount(answer, victim.researcher.staffId, token.hash);
    const accounts = await store.staffLoginLookup(email);
    expect(accounts.map((a) => a.id).sort()).toEqual([victim.researcher.staffId, answer.staff_id].sort());
    const victimLogin = await checkStaffLogin(accounts, TEST_PASSWORD, TEST_ITERATIONS);
    expect(victimLogin).toMatchObject({ ok: true, account: { id: victim.researcher.staffId } });
    const attackerLogin = await checkStaffLogin(accounts, 'attackerns eget lösenord', TEST_ITERATIONS);
    expect(attackerLogin).toMatchObject({ ok: true, account: { id: answer.staff_id } });
    expect((await checkStaffLogin(accounts, 'fel lösenord helt och hållet', TEST_ITERATIONS)).ok).toBe(false);
  });

  it('no membership can cross organisations, whatever path inserts it', async () => {
    const crossing = db.query('insert into public.memberships (staff_id, project_id, role) values ($1, $2, $3)', [
      attacker.admin.staffId,
      victim.projectId,
      'admin',
    ]);
    await expect(crossing).rejects.toThrow(/STAFF_OUTSIDE_SCOPE/);
    expect(await membershipsOf(attacker.admin.staffId)).toEqual([attacker.projectId]);
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
