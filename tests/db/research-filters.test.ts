import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { AggregateReport, ItemAggregate } from '../../src/store/store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, PAGAENDE_ITEMS, pagaendeAnswers, type World } from '../support/fixtures.ts';

type Filter = { project_ids?: string[]; from?: string; to?: string; version?: number; occasion?: string };

/**
 * Filters (projects, period, version, occasion) and the differencing guarantee: any two filters
 * give results that differ by whole blocks of at least the minimum group size, so a participant
 * can never be isolated by subtracting one result from another.
 */
describe.each(engines)('research filters on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;

  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  /** Submits Pågående answers for a new participant of the world's project, dated on `on`. */
  async function answer(world: World, answers: Record<string, unknown>, on: string): Promise<void> {
    const who = await enrolWithConsent(store, world);
    const def = await store.publishedDefinition(who, 'pagaende');
    const id = crypto.randomUUID();
    await store.submitResponse(who, { id, definition_id: def!.id, answers });
    await db.query('update public.responses set submitted_at = $1::timestamptz where id = $2', [
      `${on}T12:00:00+01:00`,
      id,
    ]);
  }

  async function report(world: World, filter: Filter = {}, who = world.researcher): Promise<AggregateReport> {
    return store.itemAggregates(who, { project_id: world.projectId, survey_key: 'pagaende', ...filter });
  }
  const group = (r: AggregateReport) => r.versions.find((v) => v.occasion === 'pagaende')!;
  const item = (r: AggregateReport, name: string): ItemAggregate => group(r).items.find((i) => i.item === name)!;

  /**
   * What an attacker learns by subtracting B from A for every item: the difference in n must be
   * 0 or at least the minimum group size; a difference of one answer would reveal it.
   */
  function assertNoDifferencing(a: AggregateReport, b: AggregateReport, min: number) {
    const ra = group(a).responses ?? 0;
    const rb = group(b).responses ?? 0;
    const dr = Math.abs(ra - rb);
    expect(dr === 0 || dr >= min, `responses differ by ${dr}`).toBe(true);
    for (const name of PAGAENDE_ITEMS) {
      const na = group(a).suppressed || item(a, name).suppressed ? 0 : item(a, name).n!;
      const nb = group(b).suppressed || item(b, name).suppressed ? 0 : item(b, name).n!;
      const d = Math.abs(na - nb);
      expect(d === 0 || d >= min, `${name}: n differs by ${d}`).toBe(true);
    }
  }

  it('a later quarter holding one participant cannot be isolated by narrowing the period', async () => {
    const world = await createWorld(store);
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(4), '2025-02-10');
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(5), '2025-05-10');
    // The target: the only answer in Q3, and an answer nobody else gave.
    await answer(world, pagaendeAnswers(1), '2025-08-10');

    const all = await report(world);
    const upToQ3 = await report(world, { from: '2025-01-01', to: '2025-07-01' });
    const upToQ2 = await report(world, { from: '2025-01-01', to: '2025-04-01' });
    const onlyQ3 = await report(world, { from: '2025-07-01', to: '2025-07-01' });
    const q2toQ3 = await report(world, { from: '2025-04-01', to: '2025-07-01' });
    // Q3's single answer waits: a run that does not qualify is left out (never merged into the
    // segment before it), so no filter and no moment separates it from Q2.
    expect(group(all).responses).toBe(10);
    expect(group(upToQ3).responses).toBe(10);
    expect(group(upToQ2)).toMatchObject({ responses: 10, period: { from: '2025-01-01', to: '2025-04-01' } });
    expect(group(onlyQ3)).toMatchObject({ suppressed: true, responses: null, items: [] });
    expect(group(q2toQ3)).toMatchObject({ responses: 5, period: { from: '2025-04-01', to: '2025-04-01' } });
    for (const [a, b] of [
      [all, upToQ2],
      [upToQ3, upToQ2],
      [q2toQ3, onlyQ3],
      [all, q2toQ3],
    ] as const)
      assertNoDifferencing(a, b, 5);
    // The target's answer (1) is in no result.
    for (const r of [all, upToQ3, upToQ2, q2toQ3]) expect(item(r, 'mer_redo').counts?.['1']).toBe(0);
  });

  it('a quarter in the middle holding one participant is never a block of its own', async () => {
    const world = await createWorld(store);
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(4), '2025-02-10');
    await answer(world, pagaendeAnswers(1), '2025-05-10');
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(5), '2025-08-10');
    const quarters = ['2025-01-01', '2025-04-01', '2025-07-01'];
    const periods: [number, number][] = [
      [0, 2],
      [0, 0],
      [0, 1],
      [1, 2],
      [2, 2],
      [1, 1],
    ];
    const results = await Promise.all(periods.map(([a, b]) => report(world, { from: quarters[a], to: quarters[b] })));
    expect(results.map((r) => group(r).responses)).toEqual([11, 5, 5, 6, null, null]);
    // Every pair of nested periods: the larger minus the smaller never isolates anyone.
    periods.forEach(([a1, b1], i) =>
      periods.forEach(([a2, b2], j) => {
        if (a1 <= a2 && b2 <= b1) assertNoDifferencing(results[i]!, results[j]!, 5);
      }),
    );
  });

  it('adding a project with a single participant changes nothing (its block is below the minimum)', async () => {
    const world = await createWorld(store);
    for (let i = 0; i < 6; i++) await answer(world, pagaendeAnswers(4), '2025-02-10');
    const other = { ...world, projectId: world.otherProjectId, coach: world.otherCoach };
    await answer(other, pagaendeAnswers(1), '2025-02-11');
    // The researcher becomes a researcher of both projects.
    await db.query(`insert into public.memberships (project_id, staff_id, role) values ($1, $2, 'researcher')`, [
      world.otherProjectId,
      world.researcher.staffId,
    ]);
    const one = await report(world);
    const two = await report(world, { project_ids: [world.projectId, world.otherProjectId] });
    expect(two.projects?.map((p) => p.id).sort()).toEqual([world.projectId, world.otherProjectId].sort());
    expect(group(two).responses).toBe(6);
    expect(item(two, 'mer_redo')).toEqual(item(one, 'mer_redo'));
    assertNoDifferencing(one, two, 5);
    // With five more in the other project it becomes a block of its own and is added whole.
    for (let i = 0; i < 5; i++) await answer(other, pagaendeAnswers(6), '2025-02-12');
    const grown = await report(world, { project_ids: [world.projectId, world.otherProjectId] });
    expect(group(grown).responses).toBe(12);
    assertNoDifferencing(one, grown, 5);
  });

  it('an item answered by one participant in a block is left out of that item in every filter', async () => {
    const world = await createWorld(store);
    // Q1: six responses, only one answers stod_till_hjalp. Q2: six responses, all answer it.
    await answer(world, pagaendeAnswers(4, { stod_till_hjalp: 1 }), '2025-02-10');
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(4, { stod_till_hjalp: 'none' }), '2025-02-11');
    for (let i = 0; i < 6; i++) await answer(world, pagaendeAnswers(5), '2025-05-10');
    const all = await report(world);
    const q2 = await report(world, { from: '2025-04-01', to: '2025-04-01' });
    // Q1 could not close as a segment (one answer to an item), so Q1–Q2 is one segment.
    expect(group(all).responses).toBe(12);
    expect(group(q2)).toMatchObject({ suppressed: true });
    expect(item(all, 'stod_till_hjalp')).toMatchObject({ n: 7 });
    assertNoDifferencing(all, q2, 5);
  });

  it('a block where one item has too few answers keeps the item out of that block only', async () => {
    const world = await createWorld(store);
    // Q1 closes as a segment (5 responses, tid_som_behovs unanswered). Q2: 5 responses, 2 answer
    // tid_som_behovs; Q2 waits for more answers to it, and after four quarters (long past now)
    // closes on its own with those 2 answers, too few to count for the item.
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(3, { tid_som_behovs: 'none' }), '2025-02-10');
    for (let i = 0; i < 5; i++)
      await answer(world, pagaendeAnswers(4, { tid_som_behovs: i < 2 ? 6 : 'none' }), '2025-05-10');
    const all = await report(world);
    expect(group(all).responses).toBe(10);
    expect(item(all, 'tid_som_behovs')).toEqual({
      item: 'tid_som_behovs',
      scale: { min: 1, max: 6 },
      suppressed: true,
    });
    expect(item(all, 'mer_redo')).toMatchObject({ n: 10, missing: 0, mean: 3.5 });
    // Five more in Q3 answer it. (Back-dated: in real time they arrive while Q2 still waits.)
    // Q2–Q3 closes as one segment with 7 answers to it and contributes (2 × 6 + 5 × 2 = 22, mean
    // 3.1429; missing 3 of its 10 responses). Q1 still does not.
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(2), '2025-08-10');
    const grown = await report(world);
    expect(item(grown, 'tid_som_behovs')).toMatchObject({ n: 7, missing: 3, mean: expect.closeTo(22 / 7, 12) });
    const q3 = await report(world, { from: '2025-07-01', to: '2025-07-01' });
    expect(group(q3).suppressed).toBe(true);
    const q2q3 = await report(world, { from: '2025-04-01', to: '2025-07-01' });
    expect(item(q2q3, 'tid_som_behovs')).toMatchObject({ n: 7 });
    for (const [a, b] of [
      [grown, q3],
      [grown, q2q3],
      [q2q3, q3],
    ] as const)
      assertNoDifferencing(a, b, 5);
  });

  it('shows the whole distribution of a published item, small counts included', async () => {
    const world = await createWorld(store);
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(2), '2025-02-10');
    for (let i = 0; i < 6; i++) await answer(world, pagaendeAnswers(5), '2025-02-10');
    await answer(world, pagaendeAnswers(6), '2025-02-10');
    const it12 = item(await report(world), 'mer_redo');
    // The mean (49 / 12) and SD alone already pin these counts; hiding the 1 would protect nothing.
    expect(it12).toMatchObject({ n: 12, counts: { 1: 0, 2: 5, 3: 0, 4: 0, 5: 6, 6: 1 } });
    expect(Object.values(it12.counts!).reduce((s, c) => s + c, 0)).toBe(12);
  });

  it('validates the filter: whole quarters, an end not before the start, only own projects', async () => {
    const world = await createWorld(store);
    await expect(report(world, { from: '2025-02-01' })).rejects.toMatchObject({ code: 'PERIOD_INVALID' });
    await expect(report(world, { from: '2025-04-01', to: '2025-01-01' })).rejects.toMatchObject({
      code: 'PERIOD_INVALID',
    });
    await expect(report(world, { project_ids: [world.projectId, world.otherProjectId] })).rejects.toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
    const r = await report(world, { version: 99 });
    expect(r.versions).toEqual([]);
    const wai = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'wai',
      occasion: 'avslut',
    });
    expect(wai.versions.map((v) => v.occasion)).toEqual(['avslut']);
  });

  it('keeps the per-value counts in step with inserts, back-dating and deletes', async () => {
    const world = await createWorld(store);
    for (let i = 0; i < 5; i++) await answer(world, pagaendeAnswers(3), '2024-11-10');
    const counts = () =>
      db.query<{ quarter: string; c: number }>(
        `select to_char(quarter, 'YYYY-MM-DD') as quarter, sum(c)::int as c from app.response_counts where project_id = $1 group by quarter having sum(c) > 0 order by quarter`,
        [world.projectId],
      );
    expect(await counts()).toEqual([{ quarter: '2024-10-01', c: 5 }]);
    // The raw rows and the counters agree item by item.
    const [check] = await db.query<{ raw: number; counted: number }>(
      `select (select count(*)::int from public.responses r, unnest(r.scores) u(v) where r.project_id = $1 and u.v is not null) as raw,
              (select sum(c)::int from app.response_value_counts where project_id = $1) as counted`,
      [world.projectId],
    );
    expect(check!.counted).toBe(check!.raw);
    await db.query(
      `delete from public.participants where id = (select participant_id from public.responses where project_id = $1 limit 1)`,
      [world.projectId],
    );
    expect(await counts()).toEqual([{ quarter: '2024-10-01', c: 4 }]);
  });

  it('computes quantiles from counts exactly as percentile_cont does, down to a single respondent', async () => {
    const cases: number[][] = [
      [4],
      [2, 5],
      [1, 2, 2, 4, 6, 6],
      [1, 1, 1, 6],
      [3, 3, 3, 3, 5],
      [1, 2, 3, 4, 5, 6, 6, 6, 2],
    ];
    for (const values of cases) {
      const [row] = await db.query<{ q: number[]; pc: number[] }>(
        `with v as (select unnest($1::int[]) as x),
              c as (select x, count(*)::int as n from v group by x)
         select array[app.quantile_from_counts((select array_agg(x order by x) from c), (select array_agg(n order by x) from c), 0.25),
                      app.quantile_from_counts((select array_agg(x order by x) from c), (select array_agg(n order by x) from c), 0.5),
                      app.quantile_from_counts((select array_agg(x order by x) from c), (select array_agg(n order by x) from c), 0.75)]::float8[] as q,
                (select array[percentile_cont(0.25) within group (order by x), percentile_cont(0.5) within group (order by x),
                              percentile_cont(0.75) within group (order by x)] from v) as pc`,
        [values],
      );
      expect(row!.q.map(Number)).toEqual(row!.pc.map(Number));
    }
  });
});
