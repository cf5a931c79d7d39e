/**
 * Threat: one person who is both coach and researcher (or admin) of a project (issue 16, findings
 * 5 and 6). The coach knows which participants are theirs and on which day each answered; with
 * the project's figures or a row export they can tie an answer to a person (the review matched 27
 * of 27 Avslut rows to participant codes). Attacks, each by someone with the power to try it:
 *   - an admin makes a coach a researcher (or the reverse), by every path that adds a role;
 *   - an admin grants a row export to themselves, or to a coach;
 *   - an admin who is also coach reads the project's figures (aggregates, outcomes, WAI change)
 *     before and after one of their participants answers.
 * Each must fail with nothing changed: roles, grants and the audit log are as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLinkToken } from '../../src/auth/link-tokens.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { Principal, StaffRole } from '../../src/store/store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_ITERATIONS, TEST_PASSWORD, type World } from '../support/fixtures.ts';

type Staff = Principal & { kind: 'staff' };

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? String(e),
  );

describe.each(engines)('separation of duties on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  const rolesOf = async (staff: Staff, project = world.projectId) =>
    (
      await db.query<{ role: string }>(
        'select role from public.memberships where staff_id = $1 and project_id = $2 order by role',
        [staff.staffId, project],
      )
    ).map((r) => r.role);
  const grantsOf = async (staff: Staff) =>
    (
      await db.query<{ n: number }>(
        'select count(*)::int as n from public.export_grants where staff_id = $1 and revoked_at is null',
        [staff.staffId],
      )
    )[0]!.n;
  // This world's entries only: other test files write to the same shared PostgreSQL database at the
  // same time, so a count of the whole log was off by one now and then.
  const auditCount = async () =>
    (
      await db.query<{ n: number }>(
        `select count(*)::int as n from public.audit_log
         where project_id = $1 or actor_id = any($2::uuid[]) or target_id = any($3::text[])`,
        [
          world.projectId,
          [world.admin.staffId, world.coach.staffId, world.researcher.staffId],
          [world.projectId, world.admin.staffId, world.coach.staffId, world.researcher.staffId],
        ],
      )
    )[0]!.n;

  /** A fresh account with the given roles in the world's project, made as the CLI does. */
  async function account(roles: StaffRole[], project = world.projectId): Promise<Staff & { email: string }> {
    const email = `sod-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const password_hash = await hashPassword(TEST_PASSWORD, TEST_ITERATIONS);
    const { id } = await store.createStaff({
      email,
      password_hash,
      memberships: roles.map((role) => ({ project_id: project, role })),
    });
    return { kind: 'staff', staffId: id, email };
  }

  it('an admin cannot make a coach a researcher of the same project, nor a researcher a coach', async () => {
    const before = await auditCount();
    expect(
      await codeOf(
        store.adminSetMembership(world.admin, {
          staff_id: world.coach.staffId,
          project_id: world.projectId,
          roles: ['coach', 'researcher'],
        }),
      ),
    ).toBe('ROLE_CONFLICT');
    expect(
      await codeOf(
        store.adminSetMembership(world.admin, {
          staff_id: world.researcher.staffId,
          project_id: world.projectId,
          roles: ['researcher', 'coach'],
        }),
      ),
    ).toBe('ROLE_CONFLICT');
    expect(await rolesOf(world.coach)).toEqual(['coach']);
    expect(await rolesOf(world.researcher)).toEqual(['researcher']);
    expect(await auditCount()).toBe(before);
  });

  it('nor by inviting the same e-mail again with the other role, nor with both at once', async () => {
    const token = await newLinkToken();
    const again = store.adminInviteStaff(world.admin, {
      email: world.emails.coach,
      memberships: [{ project_id: world.projectId, role: 'researcher' }],
      token_hash: token.hash,
    });
    expect(await codeOf(again)).toBe('ROLE_CONFLICT');
    expect(await rolesOf(world.coach)).toEqual(['coach']);

    const fresh = `both-${crypto.randomUUID().slice(0, 8)}@test.local`;
    const both = store.adminInviteStaff(world.admin, {
      email: fresh,
      memberships: [
        { project_id: world.projectId, role: 'coach' },
        { project_id: world.projectId, role: 'researcher' },
      ],
      token_hash: (await newLinkToken()).hash,
    });
    expect(await codeOf(both)).toBe('ROLE_CONFLICT');
    // Nothing stored half-way: no account, no invite.
    expect((await db.query('select 1 from public.staff where email = $1', [fresh])).length).toBe(0);
  });

  it('nor does the system (staff CLI) create such an account', async () => {
    expect(await codeOf(account(['coach', 'researcher']))).toBe('ROLE_CONFLICT');
  });

  it('the same person may be coach in one project and researcher in another', async () => {
    const person = await account(['coach']);
    await store.adminSetMembership(world.admin, {
      staff_id: person.staffId,
      project_id: world.projectId,
      roles: ['coach'],
    });
    const otherAdmin = await account(['admin'], world.otherProjectId);
    const token = await newLinkToken();
    // The account belongs to a project otherAdmin does not administer: out of reach for them (409).
    expect(
      await codeOf(
        store.adminInviteStaff(otherAdmin, {
          email: person.email,
          memberships: [{ project_id: world.otherProjectId, role: 'researcher' }],
          token_hash: token.hash,
        }),
      ),
    ).toBe('ok');
    expect(await rolesOf(person, world.otherProjectId)).toEqual(['researcher']);
  });

  it('an admin cannot grant a row export to themselves', async () => {
    const admin = await account(['admin', 'researcher']);
    const before = await auditCount();
    expect(await codeOf(store.grantRowExport(admin, { project_id: world.projectId, staff_id: admin.staffId }))).toBe(
      'EXPORT_GRANT_SELF',
    );
    expect(await codeOf(store.grantRowExport(admin, { project_id: world.projectId, staff_email: admin.email }))).toBe(
      'EXPORT_GRANT_SELF',
    );
    expect(await grantsOf(admin)).toBe(0);
    expect(await auditCount()).toBe(before);
  });

  it('an admin cannot grant a row export to a coach of the project, even one who is also admin', async () => {
    const adminCoach = await account(['admin', 'coach']);
    expect(
      await codeOf(store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: adminCoach.staffId })),
    ).toBe('ROLE_CONFLICT');
    expect(
      await codeOf(store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.coach.staffId })),
    ).toBe('STAFF_NOT_FOUND');
    expect(await grantsOf(adminCoach)).toBe(0);
    expect(await grantsOf(world.coach)).toBe(0);
  });

  it('a person holding a row export cannot become coach until the grant is revoked', async () => {
    const admin2 = await account(['admin']);
    await store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: admin2.staffId });
    expect(
      await codeOf(
        store.adminSetMembership(world.admin, {
          staff_id: admin2.staffId,
          project_id: world.projectId,
          roles: ['admin', 'coach'],
        }),
      ),
    ).toBe('ROLE_CONFLICT');
    expect(await rolesOf(admin2)).toEqual(['admin']);
    await store.revokeRowExport(world.admin, { project_id: world.projectId, staff_id: admin2.staffId });
    await store.adminSetMembership(world.admin, {
      staff_id: admin2.staffId,
      project_id: world.projectId,
      roles: ['admin', 'coach'],
    });
    expect(await rolesOf(admin2)).toEqual(['admin', 'coach']);
  });

  it('an admin who is also coach of the project sees none of its figures; the researcher still does', async () => {
    const adminCoach = await account(['admin', 'coach']);
    const tries = [
      store.itemAggregates(adminCoach, { project_id: world.projectId, survey_key: 'pagaende' }),
      store.projectOutcomes(adminCoach, world.projectId),
      store.waiChange(adminCoach, world.projectId),
      store.rowExportGrant(adminCoach, world.projectId),
    ];
    const results = await Promise.all(tries.map(codeOf));
    expect(results.slice(0, 3)).toEqual(['PROJECT_NOT_FOUND', 'PROJECT_NOT_FOUND', 'PROJECT_NOT_FOUND']);
    expect(await store.rowExportGrant(adminCoach, world.projectId)).toEqual({
      granted: false,
      include_free_text: false,
    });
    expect(
      await codeOf(store.beginRowExport(adminCoach, { project_id: world.projectId, survey_key: 'pagaende' })),
    ).not.toBe('ok');
    expect(
      await codeOf(store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: 'pagaende' })),
    ).toBe('ok');
  });
});

describe.each(engines.filter((e) => e !== 'supabase'))('separation of duties on the pages, %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  it('an admin who coaches in the project gets no results link and no results page or API for it', async () => {
    const email = `adm-coach-${crypto.randomUUID().slice(0, 8)}@test.local`;
    await store.createStaff({
      email,
      password_hash: await hashPassword(TEST_PASSWORD, TEST_ITERATIONS),
      memberships: [
        { project_id: world.projectId, role: 'admin' },
        { project_id: world.projectId, role: 'coach' },
      ],
    });
    const { app } = testApp(store);
    const cookie = await loginCookie(app, email);
    const coachPage = await app.request('/coach', { headers: { cookie } });
    expect(coachPage.status).toBe(200);
    expect(await coachPage.text()).not.toContain('href="/research"');
    expect((await app.request('/research', { headers: { cookie } })).status).toBe(404);
    const api = await app.request(`/api/research/aggregates?project=${world.projectId}&survey=pagaende`, {
      headers: { cookie },
    });
    expect(api.status).toBe(404);
    expect(await api.text()).not.toMatch(/"mean"|"n":/);
  });

  it('the admin page refuses to make a coach researcher, in Swedish', async () => {
    const { app } = testApp(store);
    const cookie = await loginCookie(app, world.emails.admin);
    const form = new URLSearchParams([
      ['project_id', world.projectId],
      ['roles', 'coach'],
      ['roles', 'researcher'],
    ]);
    const res = await app.request(`/admin/staff/${world.coach.staffId}/roles`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: form.toString(),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('både coach och forskare');
  });
});
