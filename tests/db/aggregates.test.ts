import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { closeQuarters, createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

describe.each(engines)('item aggregates on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;

  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  /** A project where each row is one participant's answers. */
  async function projectWith(rows: Record<string, unknown>[]): Promise<World> {
    const world = await createWorld(store);
    for (const answers of rows) {
      const who = await enrolWithConsent(store, world);
      const def = await store.publishedDefinition(who, 'pagaende');
      await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers });
    }
    await closeQuarters(db, world.projectId);
    return world;
  }

  it('computes n, missing, mean, sample SD, median and counts as worked out by hand', async () => {
    // stod_till_hjalp: 1, 2, 2, 4, 6, 6 and one "vet inte".
    // n = 6, missing = 1, mean = 21/6 = 3.5, squared deviations 6.25+2.25+2.25+0.25+6.25+6.25 = 23.5,
    // SD = sqrt(23.5 / 5) = 2.1679, median = (2 + 4) / 2 = 3.
    const values: (number | 'none')[] = [1, 2, 2, 4, 6, 6, 'none'];
    // paverka_plan: 3, 3, 3, 3, 5 then two missing -> n = 5 (odd), median 3, mean 3.4,
    // SD = sqrt((4*0.16 + 2.56) / 4) = sqrt(0.8) = 0.8944.
    const plan: (number | 'none')[] = [3, 3, 3, 3, 5, 'none', 'none'];
    // tid_som_behovs: only 4 answers -> suppressed although the survey has 7 responses (the block
    // closes after four quarters, with this item too small in it).
    const tid: (number | 'none')[] = [6, 6, 6, 6, 'none', 'none', 'none'];
    const world = await projectWith(
      values.map((v, i) => pagaendeAnswers(4, { stod_till_hjalp: v, paverka_plan: plan[i], tid_som_behovs: tid[i] })),
    );
    const report = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
    });
    expect(report.min_group_size).toBe(5);
    const v1 = report.versions.find((v) => v.version === 1)!;
    expect(v1.responses).toBe(7);
    const item = (name: string) => v1.items.find((i) => i.item === name)!;
    expect(item('stod_till_hjalp')).toEqual({
      item: 'stod_till_hjalp',
      scale: { min: 1, max: 6 },
      suppressed: false,
      // Quartiles as percentile_cont: q1 at position 1.25 (2, 2) = 2, q3 at 3.75 (4, 6) = 5.5.
      n: 6,
      missing: 1,
      mean: 3.5,
      // Exact from the database (rounded once, at display): sqrt(28.2 / 6) … = 2.16794833886788.
      sd: expect.closeTo(2.16794833886788, 12),
      median: 3,
      q1: 2,
      q3: 5.5,
      // The whole distribution of a published item, small counts included.
      counts: { 1: 1, 2: 2, 3: 0, 4: 1, 5: 0, 6: 2 },
      all_missing: false,
      below_reporting_minimum: false,
    });
    // Odd n: the median is the middle value; q1 = 3 (position 1), q3 = 3 (position 3).
    expect(item('paverka_plan')).toMatchObject({
      n: 5,
      missing: 2,
      mean: 3.4,
      sd: expect.closeTo(Math.sqrt(0.8), 12),
      median: 3,
      q1: 3,
      q3: 3,
    });
    expect(item('tid_som_behovs')).toEqual({ item: 'tid_som_behovs', scale: { min: 1, max: 6 }, suppressed: true });
    // All seven answered 4 on the remaining items: SD 0, median 4.
    expect(item('mer_redo')).toMatchObject({
      n: 7,
      missing: 0,
      mean: 4,
      sd: 0,
      median: 4,
      counts: { 1: 0, 4: 7 },
    });
  });

  it('pools items unchanged between versions; a reworded item starts a series of its own', async () => {
    const world = await projectWith([1, 2, 3, 4, 5, 6].map((v) => pagaendeAnswers(v)));
    // Version 2 rewords one item ("mer redo"); the six other items are unchanged.
    const [v2] = await db.query<{ id: string }>(
      `with v1 as (
         update public.survey_definitions d set status = 'retired'
         from public.projects pr
         where pr.id = $1 and d.organisation_id = pr.organisation_id and d.key = 'pagaende' and d.status = 'published'
         returning d.*)
       insert into public.survey_definitions (organisation_id, key, version, kind, status, json, meta, published_at)
       select organisation_id, key, version + 1, kind, 'published',
              replace(json::text, 'Jag känner mig mer redo att arbeta eller studera än innan jag började.',
                      'Jag är mer redo för arbete eller studier nu.')::jsonb,
              jsonb_set(meta, '{version}', to_jsonb(version + 1)), now()
       from v1 returning id`,
      [world.projectId],
    );
    for (const v of [2, 3, 4, 5, 6]) {
      const who = await enrolWithConsent(store, world);
      await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: v2!.id, answers: pagaendeAnswers(v) });
    }
    await closeQuarters(db, world.projectId);
    const report = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
    });
    expect(report.versions.map((v) => [v.version, v.responses])).toEqual([
      [1, 6],
      [2, 5],
    ]);
    const pooled = report.pooled!.find((p) => p.occasion === 'pagaende')!;
    // Unchanged: one series over both versions (6 + 5 answers, values 1–6 and 2–6).
    expect(pooled.items.find((i) => i.item === 'stod_till_hjalp')).toMatchObject({
      versions: [1, 2],
      n: 11,
      mean: expect.closeTo(41 / 11, 12),
      counts: { 1: 1, 2: 2, 3: 2, 4: 2, 5: 2, 6: 2 },
    });
    // Reworded: a series per wording.
    const redo = pooled.items.filter((i) => i.item === 'mer_redo');
    expect(redo.map((i) => [i.versions, i.n])).toEqual([
      [[1], 6],
      [[2], 5],
    ]);
    // A version filter asks for one version: nothing to pool.
    const one = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
      version: 2,
    });
    expect(one.pooled).toEqual([]);
  });

  it('suppresses a whole survey below the minimum group size: no figures at all', async () => {
    const world = await projectWith([pagaendeAnswers(1), pagaendeAnswers(6), pagaendeAnswers(2), pagaendeAnswers(5)]);
    const report = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
    });
    expect(report.versions).toHaveLength(1);
    expect(report.versions[0]).toMatchObject({ responses: null, suppressed: true, items: [] });
    expect(JSON.stringify(report)).not.toMatch(/"mean"|"counts"/);
  });

  it('is for researchers and admins of the project only', async () => {
    const world = await createWorld(store);
    const input = { project_id: world.projectId, survey_key: 'pagaende' };
    await expect(store.itemAggregates(world.admin, input)).resolves.toMatchObject({ project_id: world.projectId });
    for (const who of [world.coach, world.otherResearcher, world.otherCoach]) {
      await expect(store.itemAggregates(who, input)).rejects.toBeInstanceOf(AppError);
    }
    await expect(store.itemAggregates({ kind: 'anonymous' }, input)).rejects.toMatchObject({
      code: expect.stringMatching(/42501|NOT_FOUND/),
    });
  });

  it('records downloads in the audit log', async () => {
    const world = await createWorld(store);
    await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
      export: true,
      format: 'csv-comma',
    });
    const rows = await db.query<{ action: string; actor_id: string }>(
      `select action, actor_id from public.audit_log where project_id = $1 and action = 'research.export'`,
      [world.projectId],
    );
    expect(rows).toEqual([{ action: 'research.export', actor_id: world.researcher.staffId }]);
  });
});

describe.each(engines)('WAI and occasions in aggregates on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  /** Submits a WAI response at an occasion with a given derived score (as the app computes it). */
  async function wai(
    world: World,
    occasion: 'start' | 'avslut',
    total: number | null,
    category: string | null,
    was: number | null,
  ) {
    const who = { ...(await enrolWithConsent(store, world)), survey: 'wai', occasion };
    const def = await store.publishedDefinition(who, 'wai');
    await store.submitResponse(who, {
      id: crypto.randomUUID(),
      definition_id: def!.id,
      answers: {},
      derived: { wai: { total, category, workAbilityScore: was } },
    });
  }

  it('keeps start and exit apart and summarises totals and every category', async () => {
    const world = await createWorld(store);
    // Start: totals 20, 30, 31, 40, 45, 46 and one incomplete (no total).
    // n = 6, mean = 212/6 = 35.33, median = (31 + 40) / 2 = 35.5; categories poor 1, moderate 2, good 1, excellent 2.
    for (const [t, c, w] of [
      [20, 'poor', 3],
      [30, 'moderate', 6],
      [31, 'moderate', 6],
      [40, 'good', 8],
      [45, 'excellent', 9],
      [46, 'excellent', 10],
      [null, null, 7],
    ] as const) {
      await wai(world, 'start', t, c, w);
    }
    // Exit: only two responses -> the whole group is suppressed.
    await wai(world, 'avslut', 40, 'good', 8);
    await wai(world, 'avslut', 41, 'good', 8);
    await closeQuarters(db, world.projectId);
    const report = await store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: 'wai' });
    const start = report.versions.find((v) => v.occasion === 'start')!;
    const exit = report.versions.find((v) => v.occasion === 'avslut')!;
    expect(start.responses).toBe(7);
    expect(start.wai).toMatchObject({
      suppressed: false,
      n: 6,
      incomplete: 1,
      total: { mean: expect.closeTo(212 / 6, 12), median: 35.5 },
      work_ability_score: { n: 7, mean: 7 },
    });
    expect(start.wai!.categories).toEqual([
      { category: 'poor', n: 1 },
      { category: 'moderate', n: 2 },
      { category: 'good', n: 1 },
      { category: 'excellent', n: 2 },
    ]);
    expect(exit).toMatchObject({ responses: null, suppressed: true, wai: null });
  });

  it('shows no figures before the quarter has closed, then every category of the group', async () => {
    const world = await createWorld(store);
    // good 6, excellent 5, poor 2: today's answers wait for their quarter to close.
    for (let i = 0; i < 6; i++) await wai(world, 'start', 40, 'good', 8);
    for (let i = 0; i < 5; i++) await wai(world, 'start', 45, 'excellent', 9);
    for (let i = 0; i < 2; i++) await wai(world, 'start', 20, 'poor', 2);
    const ask = () => store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: 'wai' });
    const open = await ask();
    expect(open.versions.find((v) => v.occasion === 'start')).toMatchObject({ responses: null, suppressed: true });
    expect(JSON.stringify(open)).not.toMatch(/"mean"|"categories"/);
    await closeQuarters(db, world.projectId);
    const report = await ask();
    expect(report.closed_through).toMatch(/^\d{4}-(03-31|06-30|09-30|12-31)$/);
    const cats = report.versions.find((v) => v.occasion === 'start')!.wai!.categories!;
    expect(cats).toEqual([
      { category: 'poor', n: 2 },
      { category: 'moderate', n: 0 },
      { category: 'good', n: 6 },
      { category: 'excellent', n: 5 },
    ]);
  });

  it('refuses a link occasion the survey is not answered at', async () => {
    const world = await createWorld(store);
    const who = { ...(await enrolWithConsent(store, world)), occasion: 'start' as const };
    const def = await store.publishedDefinition(who, 'pagaende');
    await expect(
      store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers: pagaendeAnswers(3) }),
    ).rejects.toMatchObject({ code: 'DEFINITION_NOT_FOUND' });
  });
});
