/**
 * The count report for the national follow-up (issue 17, funder-ready outputs point 6): exact
 * counts by gender per project and period, checked against a reference computed here from the raw
 * rows (days in Swedish time), for the project's admins only; the download is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { GENDER, type Gender } from '../../src/domain/vocabulary.ts';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { CountReport, CountsByGender, Principal } from '../../src/store/store.ts';
import { prng } from '../../src/setup/demo-answers.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';

interface Row {
  gender: Gender | null;
  enrolledAt: string;
  exitedAt: string | null;
}

const swedishDay = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(iso));

/** The report's definition, computed independently of the SQL. */
function reference(rows: Row[], from: string, to: string): CountReport['projects'][number]['counts'] {
  const empty = (): CountsByGender => ({ kvinna: 0, man: 0, annat: 0, vill_inte_ange: 0, saknas: 0, total: 0 });
  const out = { active: empty(), enrolled: empty(), exited: empty() };
  for (const r of rows) {
    const enrolled = swedishDay(r.enrolledAt);
    const exited = r.exitedAt ? swedishDay(r.exitedAt) : null;
    const g = r.gender ?? 'saknas';
    const add = (m: keyof typeof out) => {
      out[m][g] += 1;
      out[m].total += 1;
    };
    if (enrolled <= to && (exited === null || exited >= from)) add('active');
    if (enrolled >= from && enrolled <= to) add('enrolled');
    if (exited !== null && exited >= from && exited <= to) add('exited');
  }
  return out;
}

/** Random rows over 2024–2026 plus the edges: the first and last minute of a Swedish day. */
function plan(seed: number): Row[] {
  const rng = prng(seed);
  const genders: (Gender | null)[] = [...GENDER.values, null];
  const start = Date.parse('2024-01-01T00:00:00Z');
  const span = Date.parse('2026-11-30T00:00:00Z') - start;
  const rows: Row[] = Array.from({ length: 45 }, () => {
    const enrolled = start + Math.floor(rng() * span);
    const exited = rng() < 0.55 ? enrolled + Math.floor(rng() * 400 * 86_400_000) : null;
    return {
      gender: genders[Math.floor(rng() * genders.length)]!,
      enrolledAt: new Date(enrolled).toISOString(),
      exitedAt: exited !== null && exited < Date.now() ? new Date(exited).toISOString() : null,
    };
  });
  // 00:30 Swedish time on 1 January 2026 is still 2025 in UTC; 23:30 on 31 December 2025 is 2025.
  rows.push(
    { gender: 'man', enrolledAt: '2025-12-31T23:30:00Z', exitedAt: null },
    { gender: 'kvinna', enrolledAt: '2025-06-01T10:00:00Z', exitedAt: '2025-12-31T22:30:00Z' },
    { gender: null, enrolledAt: '2024-03-01T10:00:00Z', exitedAt: '2025-06-30T21:59:00Z' },
    { gender: 'annat', enrolledAt: '2025-03-31T22:10:00Z', exitedAt: '2025-04-01T08:00:00Z' },
  );
  return rows;
}

const PERIODS: [string, string][] = [
  ['2025-01-01', '2025-12-31'],
  ['2026-01-01', '2026-12-31'],
  ['2025-07-01', '2025-12-31'],
  ['2025-04-01', '2025-06-30'],
  ['2026-01-01', '2026-01-01'],
  ['2024-02-15', '2026-03-10'],
];

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : e),
  );

describe.each(engines)('count report on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let orgB: World;
  let both: Principal & { kind: 'staff' };
  const rows: Row[] = plan(17);
  const otherRows: Row[] = plan(18).slice(0, 12);

  async function seed(projectId: string, list: Row[]) {
    for (const r of list) {
      const p = await store.enrolParticipant(projectId === world.projectId ? world.coach : world.otherCoach, {
        project_id: projectId,
        code: generateCode(),
        ...REGISTER,
      });
      await db.query(
        `update public.participants set gender = $2, enrolled_at = $3, exited_at = $4,
                exit_reason = case when $4::timestamptz is null then null else 'annat' end,
                status = case when $4::timestamptz is null then 'active' else 'exited' end
         where id = $1`,
        [p.id, r.gender, r.enrolledAt, r.exitedAt],
      );
    }
  }

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    orgB = await createWorld(store);
    await seed(world.projectId, rows);
    await seed(world.otherProjectId, otherRows);
    // An admin of both projects (world.admin administers the first only).
    const { id } = await store.createStaff({
      email: `both-${crypto.randomUUID().slice(0, 8)}@test.local`,
      password_hash: 'x',
      memberships: [
        { project_id: world.projectId, role: 'admin' },
        { project_id: world.otherProjectId, role: 'admin' },
      ],
    });
    both = { kind: 'staff', staffId: id };
  }, 120_000);
  afterAll(() => db.close());

  it.each(PERIODS)('matches the reference for %s – %s, per project', async (from, to) => {
    const report = await store.countReport(both, {
      project_ids: [world.projectId, world.otherProjectId],
      from,
      to,
    });
    expect(report.from).toBe(from);
    expect(report.to).toBe(to);
    const byId = Object.fromEntries(report.projects.map((p) => [p.id, p.counts]));
    expect(byId[world.projectId]).toEqual(reference(rows, from, to));
    expect(byId[world.otherProjectId]).toEqual(reference(otherRows, from, to));
  });

  it('counts the edges of a Swedish day: 00:30 on 1 January is in the new year', async () => {
    const report = await store.countReport(world.admin, {
      project_ids: [world.projectId],
      from: '2026-01-01',
      to: '2026-01-01',
    });
    const expected = reference(rows, '2026-01-01', '2026-01-01');
    expect(expected.enrolled.man).toBeGreaterThanOrEqual(1);
    expect(report.projects[0]!.counts).toEqual(expected);
    // The participant who exited at 23:30 on 31 December (Swedish time) is not active in 2026.
    const inYear = await store.countReport(world.admin, {
      project_ids: [world.projectId],
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(inYear.projects[0]!.counts.active).toEqual(reference(rows, '2026-01-01', '2026-12-31').active);
  });

  it('the page view writes nothing to the audit log; the download records one entry per project, period only', async () => {
    const count = async () =>
      (
        await db.query<{ n: number }>(
          `select count(*)::int as n from public.audit_log where action = 'admin.count_report' and project_id = any($1::uuid[])`,
          [[world.projectId, world.otherProjectId]],
        )
      )[0]!.n;
    const before = await count();
    await store.countReport(world.admin, { project_ids: [world.projectId], from: '2025-01-01', to: '2025-12-31' });
    expect(await count()).toBe(before);
    await store.countReport(both, {
      project_ids: [world.projectId, world.otherProjectId],
      from: '2025-01-01',
      to: '2025-12-31',
      export: true,
    });
    const entries = await db.query<{ project_id: string; actor_id: string; details: unknown }>(
      `select project_id, actor_id, details from public.audit_log
       where action = 'admin.count_report' and project_id = any($1::uuid[]) order by id desc limit 2`,
      [[world.projectId, world.otherProjectId]],
    );
    expect(entries.map((e) => e.project_id).sort()).toEqual([world.projectId, world.otherProjectId].sort());
    for (const e of entries) {
      expect(e.actor_id).toBe(both.staffId);
      expect(e.details).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    }
  });

  it('refuses a period without both ends or ending before it starts', async () => {
    const ask = (from: unknown, to: unknown) =>
      codeOf(
        store.countReport(world.admin, { project_ids: [world.projectId], from: from as string, to: to as string }),
      );
    expect(await ask('2026-02-01', '2026-01-31')).toBe('REPORT_PERIOD_INVALID');
    expect(await ask(undefined, '2026-01-31')).toBe('REPORT_PERIOD_INVALID');
    expect(await ask('2026-02-30', '2026-03-01')).toBe('REPORT_PERIOD_INVALID');
    expect(await ask('igår', '2026-03-01')).toBe('REPORT_PERIOD_INVALID');
  });

  it("only the project's admins: a coach, a researcher, another organisation's admin get 404 and no counts", async () => {
    const input = { project_ids: [world.projectId], from: '2024-01-01', to: '2026-12-31' };
    for (const who of [world.coach, world.researcher, world.otherCoach, orgB.admin, orgB.coach, orgB.researcher]) {
      // world.admin administers the first project only.
      if (who === world.otherCoach)
        expect(await codeOf(store.countReport(world.admin, { ...input, project_ids: [world.otherProjectId] }))).toBe(
          'PROJECT_NOT_FOUND',
        );
      const error = await store.countReport(who, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PROJECT_NOT_FOUND');
      expect(JSON.stringify(error)).not.toContain(world.projectId);
    }
    // One project not theirs among their own: refused as a whole, nothing of either returned.
    const mixed = await codeOf(
      store.countReport(orgB.admin, { ...input, project_ids: [orgB.projectId, world.projectId] }),
    );
    expect(mixed).toBe('PROJECT_NOT_FOUND');
    // No project, junk ids, or a list too long: the same 404, before anything is counted.
    for (const ids of [[], ['nope'], Array.from({ length: 51 }, () => world.projectId)])
      expect(await codeOf(store.countReport(world.admin, { ...input, project_ids: ids }))).toBe('PROJECT_NOT_FOUND');
    // The download of a refused call is not recorded either.
    const [{ n }] = (await db.query<{ n: number }>(
      `select count(*)::int as n from public.audit_log where action = 'admin.count_report' and actor_id = $1`,
      [orgB.admin.staffId],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });
});
