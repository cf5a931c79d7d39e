import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashLinkToken, newLinkToken } from '../../src/auth/link-tokens.ts';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { Principal } from '../../src/store/store.ts';
import { sqlAs } from '../support/as-role.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, TEST_ITERATIONS, type World } from '../support/fixtures.ts';

const DENIED = '42501';
const system: Principal = { kind: 'system' };

describe.each(engines)('admin: projects, staff and audit on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let orgId: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    orgId = (
      await db.query<{ organisation_id: string }>('select organisation_id from public.projects where id = $1', [
        world.projectId,
      ])
    )[0]!.organisation_id;
  });
  afterAll(() => db.close());

  const actions = async (target: string) =>
    (
      await db.query<{ action: string }>('select action from public.audit_log where target_id = $1 order by id', [
        target,
      ])
    ).map((r) => r.action);
  const rand = () => crypto.randomUUID().slice(0, 8);

  /** Invites a new account into the world's project and sets its password through the link. */
  async function inviteAndAccept(role: 'coach' | 'admin' | 'researcher' = 'coach') {
    const email = `new-${rand()}@test.local`;
    const link = await newLinkToken();
    const invited = await store.adminInviteStaff(world.admin, {
      email,
      memberships: [{ project_id: world.projectId, role }],
      token_hash: link.hash,
    });
    const hash = await hashPassword('ett långt lösenord', TEST_ITERATIONS);
    await store.acceptInvite({ token_hash: link.hash, password_hash: hash });
    return { email, id: invited.staff_id, who: { kind: 'staff', staffId: invited.staff_id } as const };
  }

  it('an admin updates their project; only changed field names are audited', async () => {
    const r = await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      name: 'Nytt namn',
      min_group_size: 7,
      settings: { municipality: 'Ockelbo', contact: 'kontakt@example.se', requireReconsent: true },
    });
    expect(r.changed).toEqual([
      'min_group_size',
      'name',
      'settings.contact',
      'settings.municipality',
      'settings.requireReconsent',
    ]);
    const { projects } = await store.adminProjects(world.admin);
    expect(projects.find((p) => p.id === world.projectId)).toMatchObject({
      name: 'Nytt namn',
      min_group_size: 7,
      settings: { municipality: 'Ockelbo', requireReconsent: true },
    });
    const removed = await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      settings: { municipality: null },
    });
    expect(removed.changed).toEqual(['settings.municipality']);
    const rows = await db.query<{ details: { fields: string[] } }>(
      `select details from public.audit_log where action = 'project.updated' and project_id = $1 order by id`,
      [world.projectId],
    );
    expect(rows.at(-1)!.details).toEqual({ fields: ['settings.municipality'] });
    expect(JSON.stringify(rows)).not.toContain('kontakt@example.se');
    // participant_state shows the contact on the consent page
    const p = await enrolWithConsent(store, world);
    expect((await store.participantState(p))!.project.contact).toBe('kontakt@example.se');
  });

  it('coaches, researchers and admins of another project cannot read or change the project (404)', async () => {
    const other = await inviteAndAccept('admin');
    await store.adminSetMembership(world.admin, { staff_id: other.id, project_id: world.projectId, roles: [] });
    const { project_id: foreign } = await store.createProject({ organisation_id: orgId, name: `Främmande ${rand()}` });
    await store.createStaff({
      email: `fa-${rand()}@test.local`,
      password_hash: 'x',
      memberships: [{ project_id: foreign, role: 'admin' }],
    });
    for (const who of [world.coach, world.researcher, world.otherCoach]) {
      await expect(store.adminUpdateProject(who, { project_id: world.projectId, name: 'x' })).rejects.toMatchObject({
        code: 'PROJECT_NOT_FOUND',
      });
      expect((await store.adminProjects(who)).projects).toEqual([]);
    }
    await expect(store.adminUpdateProject(world.admin, { project_id: foreign, name: 'x' })).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
  });

  it('an admin creates a project in their organisation and becomes its admin; not in another organisation', async () => {
    const { project_id } = await store.adminCreateProject(world.admin, {
      organisation_id: orgId,
      name: `Ny ${rand()}`,
      min_group_size: 5,
      settings: { languages: ['sv', 'en'] },
    });
    expect((await store.adminProjects(world.admin)).projects.map((p) => p.id)).toContain(project_id);
    expect(await actions(project_id)).toEqual(['project.created']);
    const { organisation_id: otherOrg } = await store.createProject({
      organisation_name: `Annan org ${rand()}`,
      name: 'X',
    });
    await expect(
      store.adminCreateProject(world.admin, { organisation_id: otherOrg, name: 'Y', min_group_size: 5, settings: {} }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    await expect(
      store.adminCreateProject(world.coach, { organisation_id: orgId, name: 'Z', min_group_size: 5, settings: {} }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('invite → the link sets the password once → login lookup works; audited', async () => {
    const email = `inv-${rand()}@test.local`;
    const link = await newLinkToken();
    expect(link.hash).toBe(await hashLinkToken(link.token));
    const r = await store.adminInviteStaff(world.admin, {
      email: email.toUpperCase(),
      memberships: [{ project_id: world.projectId, role: 'coach' }],
      token_hash: link.hash,
    });
    expect(r).toMatchObject({ created: true, invite: true });
    expect(await store.inviteLookup(link.hash)).toEqual({ email, purpose: 'invite' });
    const [before] = await store.staffLoginLookup(email);
    expect(await verifyPassword('', before!.password_hash)).toBe(false);
    await store.acceptInvite({
      token_hash: link.hash,
      password_hash: await hashPassword('ett långt lösenord', TEST_ITERATIONS),
    });
    const [account] = await store.staffLoginLookup(email);
    expect(account!.active).toBe(true);
    expect(await verifyPassword('ett långt lösenord', account!.password_hash)).toBe(true);
    // used: refused a second time
    expect(await store.inviteLookup(link.hash)).toBeNull();
    await expect(
      store.acceptInvite({
        token_hash: link.hash,
        password_hash: await hashPassword('ett annat lösenord', TEST_ITERATIONS),
      }),
    ).rejects.toMatchObject({ code: 'INVITE_INVALID' });
    expect(await actions(r.staff_id)).toEqual(['staff.invited', 'staff.membership_changed', 'staff.password_set']);
    const set = await db.query<{ actor_kind: string; actor_id: string }>(
      `select actor_kind, actor_id from public.audit_log where action = 'staff.password_set' and target_id = $1`,
      [r.staff_id],
    );
    expect(set[0]).toEqual({ actor_kind: 'staff', actor_id: r.staff_id });
    // Only the hash is stored
    expect(await db.query('select 1 from public.staff_invites where token_hash = $1', [link.token])).toEqual([]);
  });

  it('the system (CLI) may invite into any project; audited with the system as actor', async () => {
    const link = await newLinkToken();
    const r = await store.adminInviteStaff(system, {
      email: `cli-${rand()}@test.local`,
      memberships: [{ project_id: world.otherProjectId, role: 'admin' }],
      token_hash: link.hash,
    });
    expect(r).toMatchObject({ created: true, invite: true });
    const rows = await db.query<{ actor_kind: string; action: string }>(
      'select actor_kind, action from public.audit_log where target_id = $1 order by id',
      [r.staff_id],
    );
    expect(rows).toEqual([
      { actor_kind: 'system', action: 'staff.invited' },
      { actor_kind: 'system', action: 'staff.membership_changed' },
    ]);
    await expect(
      store.adminInviteStaff(system, {
        email: `cli-${rand()}@test.local`,
        memberships: [{ project_id: crypto.randomUUID(), role: 'coach' }],
        token_hash: link.hash,
      }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('an expired link is refused', async () => {
    const link = await newLinkToken();
    const r = await store.adminInviteStaff(world.admin, {
      email: `exp-${rand()}@test.local`,
      memberships: [{ project_id: world.projectId, role: 'researcher' }],
      token_hash: link.hash,
    });
    await db.query(
      `update public.staff_invites set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where staff_id = $1`,
      [r.staff_id],
    );
    expect(await store.inviteLookup(link.hash)).toBeNull();
    await expect(
      store.acceptInvite({
        token_hash: link.hash,
        password_hash: await hashPassword('ett långt lösenord', TEST_ITERATIONS),
      }),
    ).rejects.toMatchObject({ code: 'INVITE_INVALID' });
  });

  it('inviting an existing account adds roles but issues no link', async () => {
    // Coach and admin may be combined (separation of duties forbids coach with researcher only).
    const r = await store.adminInviteStaff(world.admin, {
      email: world.emails.coach,
      memberships: [{ project_id: world.projectId, role: 'admin' }],
      token_hash: (await newLinkToken()).hash,
    });
    expect(r).toMatchObject({ created: false, invite: false, expires_at: null });
    const row = (await store.adminStaff(world.admin)).staff.find((s) => s.email === world.emails.coach);
    expect(row!.memberships.map((m) => m.role)).toEqual(['admin', 'coach']);
    await store.adminSetMembership(world.admin, {
      staff_id: world.coach.staffId,
      project_id: world.projectId,
      roles: ['coach'],
    });
  });

  it('deactivation blocks login and the staff context; reactivation restores it', async () => {
    const person = await inviteAndAccept();
    const version = (await store.staffContext(person.who))!.session_version;
    await store.adminSetStaffActive(world.admin, { staff_id: person.id, active: false });
    expect((await store.staffLoginLookup(person.email))[0]!.active).toBe(false);
    expect(await store.staffContext(person.who)).toBeNull();
    await store.adminSetStaffActive(world.admin, { staff_id: person.id, active: true });
    expect((await store.staffContext(person.who))!.session_version).toBeGreaterThan(version!);
    expect(await actions(person.id)).toEqual([
      'staff.invited',
      'staff.membership_changed',
      'staff.password_set',
      'staff.deactivated',
      'staff.reactivated',
    ]);
  });

  it('password reset: old password and sessions stop, a new link sets a new one', async () => {
    const person = await inviteAndAccept();
    const v1 = (await store.staffContext(person.who))!.session_version!;
    const link = await newLinkToken();
    await store.adminIssuePasswordReset(world.admin, { staff_id: person.id, token_hash: link.hash });
    expect(
      await verifyPassword('ett långt lösenord', (await store.staffLoginLookup(person.email))[0]!.password_hash),
    ).toBe(false);
    expect((await store.staffContext(person.who))!.session_version).toBeGreaterThan(v1);
    expect(await store.inviteLookup(link.hash)).toEqual({ email: person.email, purpose: 'reset' });
    await store.acceptInvite({
      token_hash: link.hash,
      password_hash: await hashPassword('ännu ett lösenord', TEST_ITERATIONS),
    });
    expect(
      await verifyPassword('ännu ett lösenord', (await store.staffLoginLookup(person.email))[0]!.password_hash),
    ).toBe(true);
    expect((await actions(person.id)).slice(-2)).toEqual(['staff.password_reset_issued', 'staff.password_set']);
  });

  it('no self-deactivation, no removing the last admin, no managing accounts of other projects', async () => {
    await expect(
      store.adminSetStaffActive(world.admin, { staff_id: world.admin.staffId, active: false }),
    ).rejects.toMatchObject({ code: 'CANNOT_DEACTIVATE_SELF' });
    await expect(
      store.adminSetMembership(world.admin, {
        staff_id: world.admin.staffId,
        project_id: world.projectId,
        roles: ['coach'],
      }),
    ).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    const second = await inviteAndAccept('admin');
    // With a second admin, the first may step down to coach and back.
    await store.adminSetMembership(second.who, {
      staff_id: world.admin.staffId,
      project_id: world.projectId,
      roles: ['coach'],
    });
    await store.adminSetMembership(second.who, {
      staff_id: world.admin.staffId,
      project_id: world.projectId,
      roles: ['admin'],
    });
    // Deactivating the second admin is fine while the first is active; the first then is the last.
    await store.adminSetStaffActive(world.admin, { staff_id: second.id, active: false });
    await expect(
      store.adminSetMembership(world.admin, { staff_id: world.admin.staffId, project_id: world.projectId, roles: [] }),
    ).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    // A coach of the other project is not visible to this admin; one in both projects cannot be managed.
    await expect(
      store.adminSetStaffActive(world.admin, { staff_id: world.otherCoach.staffId, active: false }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await expect(
      store.adminIssuePasswordReset(world.admin, {
        staff_id: world.otherCoach.staffId,
        token_hash: (await newLinkToken()).hash,
      }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    await store.createStaff({
      email: `both-${rand()}@test.local`,
      password_hash: 'x',
      memberships: [
        { project_id: world.projectId, role: 'coach' },
        { project_id: world.otherProjectId, role: 'coach' },
      ],
    });
    const both = (await store.adminStaff(world.admin)).staff.find((s) => s.email.startsWith('both-'))!;
    expect(both.other_projects).toBe(true);
    await expect(
      store.adminIssuePasswordReset(world.admin, { staff_id: both.id, token_hash: (await newLinkToken()).hash }),
    ).rejects.toMatchObject({ code: 'STAFF_OUTSIDE_SCOPE' });
    for (const who of [world.coach, world.researcher]) {
      await expect(
        store.adminSetStaffActive(who, { staff_id: world.coach.staffId, active: false }),
      ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
      expect((await store.adminStaff(who)).staff).toEqual([]);
    }
  });

  it('the audit page query: own projects and own actions, filters, keyset paging, participants never identified', async () => {
    const page1 = await store.auditLog(world.admin, { project_id: world.projectId, limit: 3 });
    expect(page1.rows).toHaveLength(3);
    expect(page1.next).toBe(page1.rows[2]!.id);
    const page2 = await store.auditLog(world.admin, { project_id: world.projectId, limit: 3, before: page1.next! });
    expect(page2.rows[0]!.id).toBeLessThan(page1.rows[2]!.id);
    const consent = await store.auditLog(world.admin, { action: 'consent.', limit: 50 });
    expect(consent.rows.length).toBeGreaterThan(0);
    for (const r of consent.rows)
      expect(r).toMatchObject({
        actor_kind: 'participant',
        actor_email: null,
        target_type: 'participant',
        target_id: null,
      });
    const mine = await store.auditLog(world.admin, { actor_email: world.emails.admin, limit: 500 });
    expect(mine.rows.every((r) => r.actor_email === world.emails.admin)).toBe(true);
    expect(mine.rows.map((r) => r.action)).toContain('project.updated');
    const future = await store.auditLog(world.admin, { from: '2999-01-01', limit: 10 });
    expect(future.rows).toEqual([]);
    // Logins of the project's staff are visible; other projects' rows are not.
    await store.recordLogin({ staff_id: world.coach.staffId, success: true });
    expect(
      (await store.auditLog(world.admin, { action: 'login.', limit: 50 })).rows.some(
        (r) => r.target_id === world.coach.staffId,
      ),
    ).toBe(true);
    const all = await store.auditLog(world.admin, { limit: 1000 });
    expect(all.rows.some((r) => r.project_id === world.otherProjectId)).toBe(false);
    await expect(store.auditLog(world.admin, { project_id: world.otherProjectId })).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
    await store.auditLog(world.admin, { action: 'staff.', export: true });
    const exported = await db.query<{ details: unknown }>(
      `select details from public.audit_log where action = 'audit.exported' and actor_id = $1`,
      [world.admin.staffId],
    );
    expect(exported.at(-1)!.details).toEqual({ filters: ['action'] });
  });

  it('the audit table refuses UPDATE, DELETE and TRUNCATE for every role, the owner included', async () => {
    const participant = await enrolWithConsent(store, world);
    for (const who of [
      world.admin,
      world.coach,
      world.researcher,
      participant,
      system,
      { kind: 'anonymous' } as Principal,
    ]) {
      expect(await sqlAs(db, who, `update public.audit_log set action = 'x.y.z'`)).toEqual({ error: DENIED });
      expect(await sqlAs(db, who, 'delete from public.audit_log')).toEqual({ error: DENIED });
      expect(await sqlAs(db, who, 'truncate public.audit_log')).toEqual({ error: DENIED });
    }
    await expect(
      db.query(`update public.audit_log set action = 'x.y.z' where id = (select max(id) from public.audit_log)`),
    ).rejects.toMatchObject({ code: 'EK409' });
    await expect(
      db.query('delete from public.audit_log where id = (select max(id) from public.audit_log)'),
    ).rejects.toMatchObject({ code: 'EK409' });
    await expect(db.query('truncate public.audit_log')).rejects.toMatchObject({ code: 'EK409' });
  });

  it('the new functions: staff-only ones refuse anonymous callers, system-only ones refuse staff', async () => {
    for (const fn of [
      'admin_projects',
      'admin_create_project',
      'admin_update_project',
      'admin_staff',
      'admin_invite_staff',
      'admin_set_membership',
      'admin_set_staff_active',
      'admin_issue_password_reset',
      'admin_audit_log',
      'invite_lookup',
      'accept_invite',
    ]) {
      expect(await sqlAs(db, { kind: 'anonymous' }, `select public.${fn}('{}'::jsonb)`), fn).toEqual({ error: DENIED });
    }
    for (const fn of ['invite_lookup', 'accept_invite']) {
      expect(await sqlAs(db, world.admin, `select public.${fn}('{}'::jsonb)`), fn).toEqual({ error: DENIED });
    }
    for (const who of [world.admin, world.coach])
      expect(await sqlAs(db, who, 'select * from public.staff_invites'), 'invites').toEqual({ error: DENIED });
    for (const who of [world.admin, system]) {
      expect(
        await sqlAs(db, who, `select app.audit_staff('staff.deactivated', $1::uuid)`, [world.coach.staffId]),
      ).toEqual({ error: DENIED });
    }
  });
});
