import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { ExitReason, Referral } from '../../src/store/store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';

describe.each(engines)('project outcomes on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;

  beforeAll(async () => ({ db, store } = await openTestDatabase(engine)));
  afterAll(() => db.close());

  interface Person {
    referral?: Referral;
    consent?: boolean;
    /** Days before today of enrolment (09:00 on that day); default: enrolled now. */
    enrolledDaysAgo?: number;
    /** Exit registered for today's date. */
    exit?: ExitReason;
    answered?: [string, 'start' | 'pagaende' | 'avslut'][];
  }

  /** Enrols each person as the coach, with register data, consent, dates and responses set up. */
  async function projectWith(people: Person[], settings: Record<string, unknown> = {}): Promise<World> {
    const world = await createWorld(store);
    await db.query(`update public.projects set settings = $2::text::jsonb where id = $1`, [
      world.projectId,
      JSON.stringify(settings),
    ]);
    const today = (await db.query<{ today: string }>(`select current_date::text as today`))[0]!.today;
    for (const person of people) {
      const p = await store.enrolParticipant(world.coach, {
        project_id: world.projectId,
        code: generateCode(),
        referral: person.referral,
        ...REGISTER,
      });
      if (person.consent !== false) {
        const who = {
          kind: 'participant',
          participantId: p.id,
          projectId: world.projectId,
          survey: 'pagaende',
          occasion: 'pagaende',
        } as const;
        const consent = await store.publishedDefinition(who, 'samtycke-forskning');
        await store.giveConsent(who, {
          definition_id: consent!.id,
          answers: { samtycker: true, svarar_med: 'self' },
          method: 'self',
        });
      }
      if (person.enrolledDaysAgo !== undefined) {
        await db.query(
          `update public.participants set enrolled_at = (current_date - $2::int) + time '09:00' where id = $1`,
          [p.id, person.enrolledDaysAgo],
        );
      }
      if (person.exit)
        await store.registerExit(world.coach, { participant_id: p.id, exited_on: today, reason: person.exit });
      for (const [survey, occasion] of person.answered ?? []) {
        await db.query(
          `insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers)
           select gen_random_uuid(), $1, $2, d.id, $3, $4, '{}'
           from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
           where pr.id = $2 and d.key = $3 and d.status = 'published' order by d.version desc limit 1`,
          [p.id, world.projectId, survey, occasion],
        );
      }
    }
    return world;
  }

  it('computes the figures and response rates as worked out by hand', async () => {
    // 12 enrolled, target 20. Ten exited today, enrolled 10, 20, …, 100 days ago: days in the
    // programme mean 55, median 55, quartiles 32.5 (30 + 0.25·10) and 77.5 (70 + 0.75·10).
    // Exits: arbete 5, fortsatt_rehabilitering 5 -> share to work or studies 5/10 = 0.5.
    // Referrals: af 6, ifo 5, fk 1: fk is below 5, and the next smallest (ifo) goes with it.
    const days = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const people: Person[] = days.map((d, i) => ({
      referral: i < 6 ? 'af' : 'ifo',
      enrolledDaysAgo: d,
      exit: i % 2 === 0 ? 'arbete' : 'fortsatt_rehabilitering',
      // Start WAI: 6 answers. Pågående opened (4 weeks) before the exit for 30…100 days: 8 due, 4 answered.
      // Avslut: 7 answers of 10 exited. Exit WAI: none.
      answered: [
        ...(i < 6 ? [['wai', 'start'] as [string, 'start']] : []),
        ...(d >= 30 && d <= 60 ? [['pagaende', 'pagaende'] as [string, 'pagaende']] : []),
        ...(i < 7 ? [['avslut', 'avslut'] as [string, 'avslut']] : []),
      ],
    }));
    // Two still in the programme, enrolled now: one answered Pågående early, which makes it due.
    people.push({ referral: 'ifo', answered: [['pagaende', 'pagaende']] }, { referral: 'fk' });
    const world = await projectWith(people, { target_participants: 20 });

    const o = await store.projectOutcomes(world.researcher, world.projectId);
    expect(o).toMatchObject({ project_id: world.projectId, min_group_size: 5 });
    expect(o.enrolled).toEqual({ n: 12, suppressed: false, target: 20 });
    expect(o.exits.n).toBe(10);
    expect(o.exits.categories.filter((c) => c.n !== 0)).toEqual([
      { category: 'arbete', n: 5, suppressed: false },
      { category: 'fortsatt_rehabilitering', n: 5, suppressed: false },
    ]);
    expect(o.exits.categories).toHaveLength(7);
    expect(o.work_or_studies).toEqual({ n: 10, count: 5, share: 0.5, suppressed: false, goal: 0.4 });
    // The goal is the project's own setting (issue 17); 40 % only when it is unset.
    await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      settings: { goal_work_or_studies_percent: 55 },
    });
    expect((await store.projectOutcomes(world.researcher, world.projectId)).work_or_studies.goal).toBe(0.55);
    expect(o.referrals).toEqual({
      n: 12,
      suppressed: false,
      categories: [
        { category: 'af', n: 6, suppressed: false },
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
      mean_days: 55,
      median_days: 55,
      q1_days: 32.5,
      q3_days: 77.5,
    });
    expect(o.response_rates).toEqual([
      { survey: 'wai', occasion: 'start', due: 12, answered: 6, rate: 0.5, suppressed: false },
      { survey: 'pagaende', occasion: 'pagaende', due: 9, answered: 5, rate: 0.5556, suppressed: false },
      { survey: 'avslut', occasion: 'avslut', due: 10, answered: 7, rate: 0.7, suppressed: false },
      { survey: 'wai', occasion: 'avslut', due: 10, answered: 0, rate: 0, suppressed: false },
    ]);
  });

  it('suppresses a single small exit reason with its complement, and the share that would reveal it', async () => {
    // Exits: arbete 5, flytt 5, ohalsa 1 (n 11): ohalsa is small, and arbete (smallest of the rest,
    // first in order on a tie) goes with it; the share to work or studies would give arbete back.
    const reasons: ExitReason[] = [...Array(5).fill('arbete'), ...Array(5).fill('flytt'), 'ohalsa'];
    const world = await projectWith(reasons.map((exit) => ({ exit, consent: false, enrolledDaysAgo: 5 })));
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
    // Nobody consented: no occasion is due, every rate is suppressed.
    expect(o.response_rates.every((r) => r.suppressed && r.rate === null && r.due === null)).toBe(true);
  });

  it('suppresses everything resting on fewer participants than the minimum', async () => {
    const world = await projectWith([{ exit: 'arbete' }, { exit: 'arbete' }, { referral: 'af' }]);
    const o = await store.projectOutcomes(world.researcher, world.projectId);
    expect(o.enrolled).toEqual({ n: null, suppressed: true, target: null });
    expect(o.exits).toEqual({ n: null, suppressed: true, categories: [] });
    expect(o.referrals).toEqual({ n: null, suppressed: true, categories: [] });
    expect(o.work_or_studies).toMatchObject({ n: null, share: null, suppressed: true });
    expect(o.time_in_programme).toEqual({ n: null, suppressed: true });
    expect(o.response_rates).toHaveLength(4);
    expect(JSON.stringify(o)).not.toMatch(/"mean_days"|"rate":\d/);
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
