import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { closeQuarters, createWorld, enrolWithConsent, type World } from '../support/fixtures.ts';

/** A WAI score as the app derives it: total (null when incomplete), category, Work Ability Score. */
type Score = [total: number | null, category: string | null, was: number | null];

describe.each(engines)('paired WAI change start → exit on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  /** Enrols one participant and submits their WAI at start and/or exit with the given scores. */
  async function person(world: World, start: Score | null, exit: Score | null) {
    const who = await enrolWithConsent(store, world);
    for (const [occasion, score] of [
      ['start', start],
      ['avslut', exit],
    ] as const) {
      if (!score) continue;
      const at = { ...who, survey: 'wai', occasion };
      const def = await store.publishedDefinition(at, 'wai');
      const [total, category, workAbilityScore] = score;
      await store.submitResponse(at, {
        id: crypto.randomUUID(),
        definition_id: def!.id,
        answers: {},
        derived: { wai: { total, category, workAbilityScore } },
      });
    }
  }

  it('computes pairs, mean and median change, directions and category movement as worked out by hand', async () => {
    const world = await createWorld(store, { minGroupSize: 3 });
    // Ten pairs (start -> exit): total change, WAS change, category movement.
    const pairs: [Score, Score][] = [
      [
        [27.5, 'poor', 4],
        [31, 'moderate', 5],
      ], //       +3.5  +1  up
      [
        [30, 'moderate', 5],
        [30, 'moderate', 5],
      ], //      0     0  same
      [
        [36.5, 'moderate', 6],
        [38, 'good', 7],
      ], //       +1.5  +1  up
      [
        [40, 'good', 8],
        [39, 'good', 7],
      ], //             -1    -1  same
      [
        [44, 'excellent', 9],
        [43.5, 'good', 9],
      ], //      -0.5   0  down
      [
        [41, 'good', 8],
        [39.5, 'good', 7],
      ], //           -1.5  -1  same
      [
        [20, 'poor', 2],
        [26, 'poor', 4],
      ], //             +6    +2  same
      [
        [33, 'moderate', 6],
        [33.5, 'moderate', 6],
      ], //   +0.5   0  same
      [
        [38, 'good', 7],
        [35, 'moderate', 5],
      ], //         -3    -2  down
      [
        [42.5, 'good', 8],
        [44, 'excellent', 9],
      ], //      +1.5  +1  up
    ];
    for (const [s, e] of pairs) await person(world, s, e);
    // Not paired on the total: a start only, an exit only, and an incomplete total at exit
    // (whose Work Ability Score still pairs: 6 -> 8, +2).
    await person(world, [38, 'good', 7], null);
    await person(world, null, [40, 'good', 8]);
    await person(world, [35, 'moderate', 6], [null, null, 8]);

    // Pairs count from the closed quarter of their exit answer.
    expect(await store.waiChange(world.researcher, world.projectId)).toMatchObject({ pairs: null, suppressed: true });
    await closeQuarters(db, world.projectId);
    const c = await store.waiChange(world.researcher, world.projectId);
    // Total: sum 3.5+0+1.5-1-0.5-1.5+6+0.5-3+1.5 = 7 -> mean 7/10 = 0.7. Sorted: -3, -1.5, -1,
    // -0.5, 0, 0.5, 1.5, 1.5, 3.5, 6 -> median (0 + 0.5)/2 = 0.25. Improved (>= 1): 4; unchanged
    // (|d| < 1: 0, -0.5, +0.5): 3; worse (<= -1, so -1 counts): 3. All >= 3: shown.
    expect(c).toMatchObject({ project_id: world.projectId, min_group_size: 3, pairs: 10, suppressed: false });
    expect(c.total).toEqual({
      n: 10,
      suppressed: false,
      mean_change: expect.closeTo(0.7, 12),
      median_change: 0.25,
      direction: {
        n: 10,
        suppressed: false,
        categories: [
          { category: 'improved', n: 4, suppressed: false },
          { category: 'unchanged', n: 3, suppressed: false },
          { category: 'worse', n: 3, suppressed: false },
        ],
      },
    });
    // WAS, 11 pairs: 1, 0, 1, -1, 0, -1, 2, 0, -2, 1 and +2 -> sum 3, mean 3/11 = 0.27; sorted
    // -2, -1, -1, 0, 0, 0, 1, 1, 1, 2, 2 -> median 0. Improved 5, unchanged 3, worse 3.
    expect(c.work_ability_score).toEqual({
      n: 11,
      suppressed: false,
      mean_change: expect.closeTo(3 / 11, 12),
      median_change: 0,
      direction: {
        n: 11,
        suppressed: false,
        categories: [
          { category: 'improved', n: 5, suppressed: false },
          { category: 'unchanged', n: 3, suppressed: false },
          { category: 'worse', n: 3, suppressed: false },
        ],
      },
    });
    // Categories: up 3, same 5, down 2: every count of the published group, as for answers.
    expect(c.category_movement).toEqual({
      n: 10,
      suppressed: false,
      categories: [
        { category: 'up', n: 3, suppressed: false },
        { category: 'same', n: 5, suppressed: false },
        { category: 'down', n: 2, suppressed: false },
      ],
    });
    expect(c.period).toBeTruthy();
  });

  it('suppresses everything below the minimum group size', async () => {
    const world = await createWorld(store);
    // Four pairs against a minimum of 5.
    for (const t of [30, 32.5, 40, 45])
      await person(world, [t, t < 37 ? 'moderate' : 'good', 5], [t + 2, t + 2 < 37 ? 'moderate' : 'good', 6]);
    await closeQuarters(db, world.projectId);
    const c = await store.waiChange(world.admin, world.projectId);
    const hidden = {
      n: null,
      suppressed: true,
      mean_change: null,
      median_change: null,
      direction: { n: null, suppressed: true, categories: [] },
    };
    expect(c).toMatchObject({ pairs: null, suppressed: true, total: hidden, work_ability_score: hidden });
    expect(c.category_movement).toEqual({ n: null, suppressed: true, categories: [] });
  });

  it('shows every direction of a published group, a single one included', async () => {
    const world = await createWorld(store, { minGroupSize: 3 });
    // Improved +2 x4, unchanged +0.5 x1, worse -1.5 x3. Mean (8 + 0.5 - 4.5)/8 = 0.5; sorted
    // -1.5, -1.5, -1.5, 0.5, 2, 2, 2, 2 -> median (0.5 + 2)/2 = 1.25.
    const changes = [2, 2, 2, 2, 0.5, -1.5, -1.5, -1.5];
    for (const d of changes) await person(world, [30, 'moderate', 5], [30 + d, 'moderate', 5]);
    await closeQuarters(db, world.projectId);
    const c = await store.waiChange(world.researcher, world.projectId);
    expect(c.total).toMatchObject({ n: 8, mean_change: 0.5, median_change: 1.25 });
    expect(c.total.direction.categories).toEqual([
      { category: 'improved', n: 4, suppressed: false },
      { category: 'unchanged', n: 1, suppressed: false },
      { category: 'worse', n: 3, suppressed: false },
    ]);
  });

  it('is for researchers and admins of the project only', async () => {
    const world = await createWorld(store);
    await expect(store.waiChange(world.admin, world.projectId)).resolves.toMatchObject({
      project_id: world.projectId,
      pairs: null,
    });
    for (const who of [world.coach, world.otherResearcher, world.otherCoach]) {
      await expect(store.waiChange(who, world.projectId)).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    }
  });
});
