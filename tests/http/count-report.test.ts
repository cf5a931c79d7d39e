/**
 * The count report page and CSV (issue 17, funder-ready outputs point 6): linked from the admin's
 * project page, the current calendar year by default, half-years, quarters and own dates, exact
 * counts per project as the SQL function returns them, and a CSV download recorded in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodDates, resolvePeriod, swedishYear } from '../../src/admin/count-report.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, type World } from '../support/fixtures.ts';

const GENDERS = ['kvinna', 'kvinna', 'kvinna', 'man', 'man', 'annat', 'vill_inte_ange', null] as const;

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: count report on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let admin = '';
  const year = swedishYear();

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    admin = await loginCookie(app, world.emails.admin);
    // Eight enrolled on 10 February this year, the last two exited on 20 May (one woman, one unknown).
    for (const [i, gender] of GENDERS.entries()) {
      const p = await store.enrolParticipant(world.coach, {
        project_id: world.projectId,
        code: generateCode(),
        gender: gender ?? 'kvinna',
        age_band: '30_49',
      });
      await db.query(
        `update public.participants set gender = $2, enrolled_at = $3,
           exited_at = case when $4 then $5::timestamptz end, exit_reason = case when $4 then 'arbete' end
         where id = $1`,
        [p.id, gender, `${year}-02-10T09:00:00Z`, i >= 6 || i === 0, `${year}-05-20T09:00:00Z`],
      );
    }
  });
  afterAll(() => db.close());

  const get = (path: string) => app.request(path, { headers: { cookie: admin } });
  const cell = (html: string, key: string) => Number(new RegExp(`data-count="${key}">(\\d+)<`).exec(html)![1]);

  it('is linked from the admin pages and shows the current calendar year by default', async () => {
    const project = await (await get(`/admin/projects/${world.projectId}`)).text();
    expect(project).toContain(`href="/admin/count-report?project=${world.projectId}"`);
    expect(await (await get('/admin')).text()).toContain('href="/admin/count-report"');
    const res = await get(`/admin/count-report?project=${world.projectId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toMatch(new RegExp(`<option value="${year}" selected="">${year}, helår</option>`));
    expect(html).toContain(`Period: 1 januari ${year} – 31 december ${year}`);
    // Active and new: all eight; exited: three (two women, one without a recorded gender).
    expect([cell(html, 'active:kvinna'), cell(html, 'active:man'), cell(html, 'active:annat')]).toEqual([3, 2, 1]);
    expect([cell(html, 'active:vill_inte_ange'), cell(html, 'active:saknas'), cell(html, 'active:total')]).toEqual([
      1, 1, 8,
    ]);
    expect(cell(html, 'enrolled:total')).toBe(8);
    expect([cell(html, 'exited:kvinna'), cell(html, 'exited:saknas'), cell(html, 'exited:total')]).toEqual([1, 1, 3]);
  });

  it('a quarter or half-year counts what happened in it', async () => {
    const q2 = await (await get(`/admin/count-report?project=${world.projectId}&period=${year}-Q2`)).text();
    expect(q2).toContain(`Period: 1 april ${year} – 30 juni ${year}`);
    expect([cell(q2, 'active:total'), cell(q2, 'enrolled:total'), cell(q2, 'exited:total')]).toEqual([8, 0, 3]);
    const h2 = await (await get(`/admin/count-report?project=${world.projectId}&period=${year}-H2`)).text();
    expect([cell(h2, 'active:total'), cell(h2, 'enrolled:total'), cell(h2, 'exited:total')]).toEqual([5, 0, 0]);
  });

  it("the admin's own dates win over the period; one date alone is refused in Swedish", async () => {
    const own = await (
      await get(`/admin/count-report?project=${world.projectId}&period=${year - 1}&from=${year}-05-21&to=${year}-05-31`)
    ).text();
    expect(own).toContain(`Period: 21 maj ${year} – 31 maj ${year}`);
    expect(own).toContain(`value="${year}-05-21"`);
    expect(cell(own, 'active:total')).toBe(5);
    const bad = await get(`/admin/count-report?project=${world.projectId}&from=${year}-05-21`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Perioden går inte att använda.');
    const backwards = await get(
      `/admin/count-report.csv?project=${world.projectId}&from=${year}-05-21&to=${year}-01-01`,
    );
    expect(backwards.status).toBe(400);
  });

  it('the CSV has one line per count with the gender columns, and the download is audited', async () => {
    const audited = async () =>
      (
        await db.query<{ n: number }>(
          `select count(*)::int as n from public.audit_log where action = 'admin.count_report' and project_id = $1`,
          [world.projectId],
        )
      )[0]!.n;
    const before = await audited();
    const res = await get(`/admin/count-report.csv?project=${world.projectId}&period=${year}&sep=semicolon`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="antal-deltagare-${year}-01-01-${year}-12-31.csv"`,
    );
    expect(res.headers.get('cache-control')).toContain('no-store');
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('projekt;projekt_id;fran;till;antal;kvinna;man;annat;vill_inte_ange;uppgift_saknas;totalt');
    const name = (
      await store.countReport(world.admin, { project_ids: [world.projectId], from: '2000-01-01', to: '2000-01-01' })
    ).projects[0]!.name;
    expect(lines.slice(1)).toEqual([
      `${name};${world.projectId};${year}-01-01;${year}-12-31;aktiva;3;2;1;1;1;8`,
      `${name};${world.projectId};${year}-01-01;${year}-12-31;nya;3;2;1;1;1;8`,
      `${name};${world.projectId};${year}-01-01;${year}-12-31;avslutade;1;0;0;1;1;3`,
    ]);
    expect(await audited()).toBe(before + 1);
    // Viewing the page is not an export.
    await get(`/admin/count-report?project=${world.projectId}`);
    expect(await audited()).toBe(before + 1);
  });

  it('names periods by their first and last day', () => {
    expect(periodDates('2024')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(periodDates('2024-H1')).toEqual({ from: '2024-01-01', to: '2024-06-30' });
    expect(periodDates('2024-Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodDates('2023-Q1')).toEqual({ from: '2023-01-01', to: '2023-03-31' });
    expect(periodDates('2024-Q4')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    // The default is the calendar year in Sweden: 23:30 UTC on 31 December is already next year there.
    expect(resolvePeriod({}, new Date('2025-12-31T23:30:00Z'))).toEqual({
      period: '2026',
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });
});
