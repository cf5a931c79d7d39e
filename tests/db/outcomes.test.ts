import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTCOME_MAP } from '../../src/domain/outcome-categories.ts';
import { AppError } from '../../src/errors.ts';
import { activityShare, womenShare } from '../../src/research/outcome-shares.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { ExitReason, Occupation } from '../../src/store/store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld } from '../support/fixtures.ts';
import { addDays, addMonths, enrolPeople, lastClosedQuarter, type OutcomePerson } from '../support/outcome-people.ts';

describe.each(engines)('project outcomes on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;

  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  async function projectWith(people: OutcomePerson[], settings: Record<string, unknown> = {}, min = 5) {
    const world = await createWorld(store, { minGroupSize: min });
    await db.query(`update public.projects set settings = $2::text::jsonb where id = $1`, [
      world.projectId,
      JSON.stringify(settings),
    ]);
    await enrolPeople(store, db, world, people);
    return world;
  }

  it('computes the figures and response rates as worked out by hand', async () => {
    // Q1 = the last closed quarter, Q2 the one before. 15 enrolled in Q2, target 20; ten exit on
    // day 2 of Q1, enrolled 10, 18, …, 82 days before: days in the programme mean 46, median 46,
    // quartiles 28 (26 + 0.25·8) and 64 (58 + 0.75·8). Segments: Q2 (15 enrolled, 15 active at
    // its end), Q1 (10 exits, 5 active).
    // Exits: arbete 5, fortsatt_rehabilitering 5 (occupation arbetssökande: other activity).
    // Referrals: af 9, ifo 5, fk 1: fk is below 5, and the next smallest (ifo) goes with it.
    const people: OutcomePerson[] = Array.from({ length: 10 }, (_, i) => ({
      referral: i < 6 ? 'af' : 'ifo',
      gender: i < 6 ? 'kvinna' : 'man',
      enrolDay: 2 - (10 + 8 * i),
      exit:
        i % 2 === 0
          ? { day: 2, reason: 'arbete' }
          : { day: 2, reason: 'fortsatt_rehabilitering', occupation: 'arbetssokande' },
      // Start WAI: 6 answers. Pågående opened (4 weeks) before the exit for d = 34…82: 7 due, 4 answered.
      // Avslut: 7 answers of 10 exited. Exit WAI: none.
      answered: [
        ...(i < 6 ? [['wai', 'start'] as [string, 'start']] : []),
        ...(i >= 3 && i <= 6 ? [['pagaende', 'pagaende'] as [string, 'pagaende']] : []),
        ...(i < 7 ? [['avslut', 'avslut'] as [string, 'avslut']] : []),
      ],
    }));
    // Five still in the programme (enrolled in Q2); one answered Pågående.
    people.push(
      { referral: 'ifo', gender: 'kvinna', enrolDay: -60, answered: [['pagaende', 'pagaende']] },
      { referral: 'fk', gender: 'kvinna', enrolDay: -60 },
      ...[1, 2, 3].map(
        (k) => ({ referral: 'af' as const, gender: k === 3 ? 'man' : 'kvinna', enrolDay: -60 - k }) as const,
      ),
    );
    const world = await projectWith(people, { target_participants: 20, target_women_percent: 60 });
    const q1 = await lastClosedQuarter(db);
    const q2 = addMonths(q1, -3);

    const o = await store.projectOutcomes(world.researcher, world.projectId);
    expect(o).toMatchObject({ project_id: world.projectId, min_group_size: 5 });
    expect(o.period).toEqual({ from: null, to: null, closed_through: addDays(addMonths(q1, 3), -1) });
    expect(o.enrolled).toEqual({ n: 15, suppressed: false, target: 20 });
    expect(o.exits.n).toBe(10);
    expect(o.exits.categories.filter((c) => c.n !== 0)).toEqual([
      { category: 'arbete', n: 5, suppressed: false },
      { category: 'fortsatt_rehabilitering', n: 5, suppressed: false },
    ]);
    expect(o.exits.categories).toHaveLength(7);
    expect(o.work_or_studies).toEqual({ n: 10, count: 5, share: 0.5, suppressed: false, goal: 0.4 });
    expect(o.activity).toEqual({
      n: 10,
      suppressed: false,
      goal_percent: 40,
      categories: [
        { category: 'arbete', n: 5, suppressed: false },
        { category: 'studier', n: 0, suppressed: false },
        { category: 'annan_sysselsattning', n: 5, suppressed: false },
        { category: 'ingen', n: 0, suppressed: false },
      ],
    });
    expect(o.gender).toEqual({
      n: 15,
      suppressed: false,
      target_women_percent: 60,
      categories: [
        { category: 'kvinna', n: 10, suppressed: false },
        { category: 'man', n: 5, suppressed: false },
        { category: 'annat', n: 0, suppressed: false },
        { category: 'vill_inte_ange', n: 0, suppressed: false },
        { category: 'saknas', n: 0, suppressed: false },
      ],
    });
    expect(o.referrals).toEqual({
      n: 15,
      suppressed: false,
      categories: [
        { category: 'af', n: 9, suppressed: false },
        { category: 'ifo', n: null, suppressed: true },
        { category: 'fk', n: null, suppressed: true },
        { category: 'varden', n: 0, suppressed: false },
        { category: 'annan', n: 0, suppressed: false },
        { category: 'saknas', n: 0, suppressed: false },
      ],
    });
    expect(o.time_in_programme).toEqual({
      n: 10,
      suppressed: false,
      mean_days: 46,
      median_days: 46,
      q1_days: 28,
      q3_days: 64,
    });
    expect(o.response_rates).toEqual([
      { survey: 'wai', occasion: 'start', due: 15, answered: 6, rate: 0.4, suppressed: false },
      { survey: 'pagaende', occasion: 'pagaende', due: 12, answered: 5, rate: 0.4167, suppressed: false },
      { survey: 'avslut', occasion: 'avslut', due: 10, answered: 7, rate: 0.7, suppressed: false },
      { survey: 'wai', occasion: 'avslut', due: 10, answered: 0, rate: 0, suppressed: false },
    ]);

    // The period: Q1 alone has the exits and no enrolment. Those reached are the 15 active at its
    // start, carried in from Q2: their gender split is not shown.
    const only1 = await store.projectOutcomes(world.researcher, world.projectId, false, { from: q1, to: q1 });
    expect(only1.period).toEqual({ from: q1, to: q1, closed_through: addDays(addMonths(q1, 3), -1) });
    expect(only1.enrolled).toEqual({ n: null, suppressed: true, target: 20 });
    expect(only1.exits.n).toBe(10);
    expect(only1.gender).toMatchObject({ n: null, suppressed: true, categories: [], target_women_percent: 60 });
    const only2 = await store.projectOutcomes(world.researcher, world.projectId, false, { to: q2 });
    expect(only2.period).toEqual({ from: null, to: q2, closed_through: addDays(q1, -1) });
    expect(only2.enrolled.n).toBe(15);
    expect(only2.exits).toEqual({ n: null, suppressed: true, categories: [] });
    expect(only2.activity).toMatchObject({ n: null, suppressed: true, categories: [], goal_percent: 40 });
    expect(only2.time_in_programme).toEqual({ n: null, suppressed: true });
    // The open quarter is never included: a period starting there holds nothing.
    const open = await store.projectOutcomes(world.researcher, world.projectId, false, { from: addMonths(q1, 3) });
    expect(open.period.closed_through).toBeNull();
    expect([open.enrolled.suppressed, open.exits.suppressed, open.gender.suppressed]).toEqual([true, true, true]);

    // The goal is the project's own setting (issue 17); 40 % only when it is unset.
    await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      settings: { goal_work_or_studies_percent: 55, target_women_percent: null },
    });
    const changed = await store.projectOutcomes(world.researcher, world.projectId);
    expect(changed.work_or_studies.goal).toBe(0.55);
    expect(changed.activity.goal_percent).toBe(55);
    expect(changed.gender.target_women_percent).toBeNull();
  });

  it('counts the final report of seed 000 as the funder does: 11 of 26 = 42 % to work, studies or other activity', async () => {
    // 3 to work, 6 to studies, 2 enrolled at Arbetsförmedlingen, 8 continued rehabilitation, 3 ill
    // health, 2 moved, 2 not reachable; 16 women and 10 men. Minimum group size 3.
    const exits: [ExitReason, Occupation | undefined, number][] = [
      ['arbete', 'arbete_osubventionerad', 2],
      ['arbete', 'arbete_subventionerad', 1],
      ['studier', 'studier', 6],
      ['annat', 'arbetssokande', 2],
      ['fortsatt_rehabilitering', 'sjukskriven', 8],
      ['ohalsa', undefined, 3],
      ['flytt', undefined, 2],
      ['ej_kontaktbar', undefined, 2],
    ];
    const people = exits.flatMap(([reason, occupation, n]) =>
      Array.from({ length: n }, () => ({ enrolDay: -60, exit: { day: 10, reason, occupation } })),
    );
    people.forEach((p, i) => Object.assign(p, { gender: i % 13 < 8 ? 'kvinna' : 'man' }));
    const world = await projectWith(people, {}, 3);
    const o = await store.projectOutcomes(world.researcher, world.projectId);
    expect(o.activity.n).toBe(26);
    // arbete 3, studier 6, annan 2 (small, with arbete as its complement), ingen 15.
    expect(o.activity.categories.map((c) => [c.category, c.n])).toEqual([
      ['arbete', null],
      ['studier', 6],
      ['annan_sysselsattning', null],
      ['ingen', 15],
    ]);
    expect(activityShare(o.activity)).toEqual({ count: 11, n: 26, share: 11 / 26 });
    expect(Math.round(activityShare(o.activity)!.share * 100)).toBe(42);
    expect(o.gender.categories.slice(0, 2)).toEqual([
      { category: 'kvinna', n: 16, suppressed: false },
      { category: 'man', n: 10, suppressed: false },
    ]);
    expect(womenShare(o.gender)!.share).toBeCloseTo(16 / 26);

    // The admin's own mapping: "annat" as an exit reason counts as other activity, arbetssökande as none.
    await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      settings: {
        outcome_map: {
          exit_reason: { ...DEFAULT_OUTCOME_MAP.exit_reason, ohalsa: 'annan_sysselsattning' },
          occupation_exit: { ...DEFAULT_OUTCOME_MAP.occupation_exit, arbetssokande: 'ingen', studier: 'bogus' },
        },
      },
    });
    const mapped = await store.projectOutcomes(world.researcher, world.projectId);
    // ohalsa 3 → annan; arbetssökande 2 → ingen; the bogus value leaves studier as the default.
    expect(mapped.activity.categories.map((c) => [c.category, c.n])).toEqual([
      ['arbete', 3],
      ['studier', 6],
      ['annan_sysselsattning', 3],
      ['ingen', 14],
    ]);
  });

  it('has the same default mapping in SQL as in src/domain', async () => {
    const [row] = await db.query<{ map: unknown }>('select app.default_outcome_map() as map');
    expect(row!.map).toEqual(DEFAULT_OUTCOME_MAP);
  });

  it('suppresses a single small exit reason with its complement, and the share that would reveal it', async () => {
    // Exits: arbete 5, flytt 5, ohalsa 1 (n 11): ohalsa is small, and arbete (smallest of the rest,
    // first in order on a tie) goes with it; the share to work or studies would give arbete back.
    const reasons: ExitReason[] = [...Array(5).fill('arbete'), ...Array(5).fill('flytt'), 'ohalsa'];
    const world = await projectWith(
      reasons.map((reason) => ({ consent: false, enrolDay: -40, exit: { day: 5, reason } })),
    );
    const o = await store.projectOutcomes(world.admin, world.projectId);
    expect(o.exits.n).toBe(11);
    const shown = Object.fromEntries(o.exits.categories.map((c) => [c.category, c.suppressed ? 'x' : c.n]));
    expect(shown).toEqual({
      arbete: 'x',
      studier: 0,
      fortsatt_rehabilitering: 0,
      ohalsa: 'x',
      flytt: 5,
      ej_kontaktbar: 0,
      annat: 0,
    });
    expect(o.work_or_studies).toEqual({ n: 11, count: null, share: null, suppressed: true, goal: 0.4 });
    expect(o.enrolled).toEqual({ n: 11, suppressed: false, target: null });
    expect(o.referrals).toMatchObject({ n: 11, suppressed: false });
    expect(o.referrals.categories.find((c) => c.category === 'saknas')).toEqual({
      category: 'saknas',
      n: 11,
      suppressed: false,
    });
    expect(o.gender.categories.find((c) => c.category === 'saknas')).toEqual({
      category: 'saknas',
      n: 11,
      suppressed: false,
    });
    // Nobody consented: no occasion is due, every rate is suppressed.
    expect(o.response_rates.every((r) => r.suppressed && r.rate === null && r.due === null)).toBe(true);
  });

  it('suppresses everything resting on fewer participants than the minimum, and leaves out the open quarter', async () => {
    // Three in closed quarters: no segment can form. Ten in the open quarter (without research
    // consent, so the all-time response rates stay too small as well): not counted at all.
    const world = await projectWith([
      { enrolDay: -30, exit: { day: 3, reason: 'arbete' } },
      { enrolDay: -30, exit: { day: 3, reason: 'arbete' } },
      { referral: 'af', enrolDay: -30 },
      ...Array.from({ length: 10 }, () => ({ enrolDay: 92, consent: false })),
    ]);
    const o = await store.projectOutcomes(world.researcher, world.projectId);
    expect(o.period.closed_through).toBeNull();
    expect(o.enrolled).toEqual({ n: null, suppressed: true, target: null });
    expect(o.exits).toEqual({ n: null, suppressed: true, categories: [] });
    expect(o.referrals).toEqual({ n: null, suppressed: true, categories: [] });
    expect(o.gender).toEqual({ n: null, suppressed: true, categories: [], target_women_percent: null });
    expect(o.activity).toEqual({ n: null, suppressed: true, categories: [], goal_percent: 40 });
    expect(o.work_or_studies).toMatchObject({ n: null, share: null, suppressed: true });
    expect(o.time_in_programme).toEqual({ n: null, suppressed: true });
    expect(o.response_rates).toHaveLength(4);
    expect(JSON.stringify(o)).not.toMatch(/"mean_days"|"rate":\d/);
  });

  it('refuses a period that is not whole quarters in order', async () => {
    const world = await createWorld(store);
    for (const period of [
      { from: '2025-02-01' },
      { to: '2025-04-02' },
      { from: '2025-04-01', to: '2025-01-01' },
      { from: 'spring' },
    ])
      await expect(store.projectOutcomes(world.researcher, world.projectId, false, period)).rejects.toMatchObject({
        code: 'PERIOD_INVALID',
      });
  });

  it('is for researchers and admins of the project only', async () => {
    const world = await createWorld(store);
    await expect(store.projectOutcomes(world.admin, world.projectId)).resolves.toMatchObject({
      project_id: world.projectId,
    });
    for (const who of [world.coach, world.otherResearcher, world.otherCoach]) {
      const error = await store.projectOutcomes(who, world.projectId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    }
    await expect(store.projectOutcomes({ kind: 'anonymous' }, world.projectId)).rejects.toMatchObject({
      code: expect.stringMatching(/42501|NOT_FOUND/),
    });
  });
});
