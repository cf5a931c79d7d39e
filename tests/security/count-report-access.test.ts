/**
 * Attack: someone other than the project's admins reads the exact counts by gender (issue 17,
 * funder-ready outputs point 6). The counts are not suppressed, so they are for the people who file
 * the national follow-up only. A coach, a researcher, an admin of another project in the same
 * organisation and an admin of another organisation ask for the page and the CSV of the project:
 * each gets 404, learns nothing about it, and no export is recorded in its name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_ITERATIONS, TEST_PASSWORD, type World } from '../support/fixtures.ts';

describe('attack: reading the count report of a project one does not administer', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let orgB: World;
  let app: ReturnType<typeof testApp>['app'];
  let projectName = '';
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    orgB = await createWorld(store);
    ({ app } = testApp(store));
    for (const gender of ['kvinna', 'kvinna', 'man', 'annat', 'vill_inte_ange'] as const)
      await store.enrolParticipant(world.coach, {
        project_id: world.projectId,
        code: generateCode(),
        gender,
        age_band: '50_64',
      });
    projectName = (
      await db.query<{ name: string }>('select name from public.projects where id = $1', [world.projectId])
    )[0]!.name;
    // An admin of the organisation's other project.
    const email = `admin-other-${crypto.randomUUID().slice(0, 8)}@test.local`;
    await store.createStaff({
      email,
      password_hash: await hashPassword(TEST_PASSWORD, TEST_ITERATIONS),
      memberships: [{ project_id: world.otherProjectId, role: 'admin' }],
    });
    for (const [who, mail] of [
      ['admin', world.emails.admin],
      ['coach', world.emails.coach],
      ['researcher', world.emails.researcher],
      ['adminOtherProject', email],
      ['adminOrgB', orgB.emails.admin],
    ] as const)
      cookies[who] = await loginCookie(app, mail);
  });
  afterAll(() => db.close());

  const exports = async () =>
    (
      await db.query<{ n: number }>(
        `select count(*)::int as n from public.audit_log where action = 'admin.count_report' and project_id = $1`,
        [world.projectId],
      )
    )[0]!.n;

  it("the project's admin reads it (the attack has something to find)", async () => {
    const res = await app.request(`/admin/count-report?project=${world.projectId}`, {
      headers: { cookie: cookies.admin! },
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(projectName);
    expect(html).toContain('data-count="active:total">5<');
  });

  it.each(['coach', 'researcher', 'adminOtherProject', 'adminOrgB'])(
    '%s gets 404 for the page and the CSV, with nothing of the project in the answer',
    async (who) => {
      const before = await exports();
      for (const path of [
        `/admin/count-report?project=${world.projectId}`,
        `/admin/count-report.csv?project=${world.projectId}`,
        `/admin/count-report.csv?project=${world.projectId}&from=2000-01-01&to=2099-12-31`,
      ]) {
        const res = await app.request(path, { headers: { cookie: cookies[who]! } });
        expect(res.status, path).toBe(404);
        const body = await res.text();
        expect(body, path).not.toContain(projectName);
        expect(body, path).not.toMatch(/data-count|kvinna|;aktiva;/);
      }
      expect(await exports()).toBe(before);
    },
  );

  it("an admin elsewhere sees only their own projects on the page, never this one's name or counts", async () => {
    for (const who of ['adminOtherProject', 'adminOrgB']) {
      const res = await app.request('/admin/count-report', { headers: { cookie: cookies[who]! } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain(projectName);
      expect(html).not.toContain(world.projectId);
      const csv = await app.request('/admin/count-report.csv', { headers: { cookie: cookies[who]! } });
      expect(csv.status).toBe(200);
      const text = await csv.text();
      expect(text).not.toContain(projectName);
      expect(text).not.toContain(world.projectId);
    }
  });

  it('mixing a project of their own with this one is refused as a whole (404, nothing returned)', async () => {
    const res = await app.request(`/admin/count-report.csv?project=${orgB.projectId}&project=${world.projectId}`, {
      headers: { cookie: cookies.adminOrgB! },
    });
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toContain(projectName);
    expect(body).not.toContain(';aktiva;');
  });
});
