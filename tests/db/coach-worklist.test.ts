/**
 * The coach's to-do list in SQL (issue 18): groups with counts, search by code, filters, paging,
 * "missad" past the project's cut-off, and "vill inte delta" as its own consent state, recorded by
 * the participant or a coach. The database's schedule is held to dueSurveys in src/coach/schedule.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueSurveys } from '../../src/coach/schedule.ts';
import { formatCode, generateCode } from '../../src/domain/pseudonym-code.ts';
import { scheduleSettingsSchema } from '../../src/domain/schedule-settings.ts';
import { AppError } from '../../src/errors.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { CoachParticipantRow } from '../../src/store/types.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, enrolWithConsent, REGISTER, type World } from '../support/fixtures.ts';

const DAY = 24 * 60 * 60 * 1000;
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : e),
  );

describe.each(engines)('coach to-do list on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  const ids: Record<string, string> = {};

  /** Moves a participant's enrolment (and any exit) back in time. */
  const enrolledDaysAgo = (id: string, days: number) =>
    db.query(`update public.participants set enrolled_at = now() - make_interval(days => $2) where id = $1`, [
      id,
      days,
    ]);
  const list = (q: Partial<Parameters<RpcStore['coachWorklist']>[1]> = {}) =>
    store.coachWorklist(world.coach, { project_id: world.projectId, ...q });
  const codeOfId = async (id: string) =>
    (await db.query<{ code: string }>('select code from public.participants where id = $1', [id]))[0]!.code;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    const plain = async (name: string, daysAgo: number) => {
      const p = await store.enrolParticipant(world.coach, {
        project_id: world.projectId,
        code: generateCode(),
        ...REGISTER,
      });
      ids[name] = p.id;
      await enrolledDaysAgo(p.id, daysAgo);
    };
    await plain('fresh', 0); // consent needed within 14 days: open
    await plain('soon', 10); // consent due in 4 days: this week
    await plain('late', 20); // consent 6 days overdue
    await plain('stale', 60); // 46 days overdue: past the 30-day cut-off, missed
    await plain('declinedByCoach', 3);
    const consented = await enrolWithConsent(store, world);
    ids.waiLate = consented.participantId;
    await enrolledDaysAgo(consented.participantId, 20); // start WAI 6 days overdue
    const declining = await enrol(store, world);
    ids.declinedSelf = declining.participantId;
    await store.declineConsent(declining);
    await store.recordDecline(world.coach, { participant_id: ids.declinedByCoach!, declined: true });
  });
  afterAll(() => db.close());

  const groupOf = async (id: string) => (await list({ group: 'all' })).rows.find((r) => r.id === id)?.todo.group;

  it('puts each participant in one group, counts every group and lists the to-do groups by urgency', async () => {
    const all = await list({ group: 'all' });
    expect(all.total).toBe(7);
    expect(all.counts).toEqual({ open: 1, week: 1, overdue: 2, missed: 1, stopped: 2 });
    const todo = await list();
    expect(todo.matched).toBe(4);
    // Due this week first, then overdue (longest overdue first), then later deadlines.
    expect(todo.rows.map((r) => r.todo.group)).toEqual(['week', 'overdue', 'overdue', 'open']);
    expect(todo.rows.map((r) => r.id)).not.toContain(ids.stale);
    expect(await groupOf(ids.stale!)).toBe('missed');
    const missed = await list({ group: 'missed' });
    expect(missed.rows.map((r) => r.id)).toEqual([ids.stale]);
    expect(missed.rows[0]!.todo).toMatchObject({ group: 'missed', status: null });
  });

  it('the cut-off for "missad" is a project setting', async () => {
    await db.query(`update public.projects set settings = settings || '{"missedAfterDays": 60}' where id = $1`, [
      world.projectId,
    ]);
    try {
      expect(await groupOf(ids.stale!)).toBe('overdue');
    } finally {
      await db.query(`update public.projects set settings = settings - 'missedAfterDays' where id = $1`, [
        world.projectId,
      ]);
    }
    expect(await groupOf(ids.stale!)).toBe('missed');
  });

  it('finds a participant by code however it is typed, in any group', async () => {
    const code = await codeOfId(ids.stale!);
    for (const typed of [code, code.toLowerCase(), formatCode(code), ` ${formatCode(code).toLowerCase()} `]) {
      const found = await list({ q: typed, group: 'all' });
      expect(found.rows.map((r) => r.id)).toEqual([ids.stale]);
      expect(found.total).toBe(1);
    }
    expect((await list({ q: 'ZZZZZZZZ', group: 'all' })).rows).toEqual([]);
  });

  it('filters by the occasion of the most urgent item, sorts newest first and pages', async () => {
    const wai = await list({ occasion: 'wai:start', group: 'all' });
    expect(wai.rows.map((r) => r.id)).toEqual([ids.waiLate]);
    const newest = await list({ sort: 'newest', group: 'all' });
    const enrolled = newest.rows.map((r) => r.enrolled_at!);
    expect(enrolled).toEqual([...enrolled].sort().reverse());
    expect(newest.rows[0]!.id).toBe(ids.declinedSelf);
    const page1 = await list({ group: 'all', sort: 'newest', page_size: 3 });
    const page3 = await list({ group: 'all', sort: 'newest', page_size: 3, page: 3 });
    expect(page1.rows).toHaveLength(3);
    expect(page3.rows).toHaveLength(1);
    expect(page3.matched).toBe(7);
    expect(await codeOf(list({ group: 'everything' as never }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(list({ page_size: 1000 }))).toBe('VALIDATION_FAILED');
  });

  it('"vill inte delta" is its own consent state, by the participant or the coach, and asks nothing more', async () => {
    const rows = (await list({ group: 'stopped' })).rows;
    const self = rows.find((r) => r.id === ids.declinedSelf)!;
    const byCoach = rows.find((r) => r.id === ids.declinedByCoach)!;
    expect([self.consent, self.declined_by]).toEqual(['declined', 'participant']);
    expect([byCoach.consent, byCoach.declined_by]).toEqual(['declined', 'coach']);
    // A participant's own "no" is theirs to change; the coach's record can be taken back.
    expect(await codeOf(store.recordDecline(world.coach, { participant_id: ids.declinedSelf!, declined: false }))).toBe(
      'DECLINED_BY_PARTICIPANT',
    );
    await store.recordDecline(world.coach, { participant_id: ids.declinedByCoach!, declined: false });
    expect(await groupOf(ids.declinedByCoach!)).toBe('open');
    await store.recordDecline(world.coach, { participant_id: ids.declinedByCoach!, declined: true });
    expect(await codeOf(store.recordDecline(world.coach, { participant_id: ids.waiLate!, declined: true }))).toBe(
      'CONSENT_ALREADY_GIVEN',
    );
    const actions = await db.query<{ action: string; details: { by?: string } }>(
      `select action, details from public.audit_log where target_id = $1 and action like 'consent.decline%' order by id`,
      [ids.declinedByCoach],
    );
    expect(actions.map((a) => a.action)).toEqual(['consent.decline', 'consent.decline_undone', 'consent.decline']);
  });

  it('consenting after "vill inte delta" clears it', async () => {
    const who = await enrol(store, world);
    await store.declineConsent(who);
    expect((await store.declineConsent(who)).created).toBe(false);
    const consent = await store.publishedDefinition(who, 'samtycke-forskning');
    await store.giveConsent(who, {
      definition_id: consent!.id,
      answers: { samtycker: true, svarar_med: 'self' },
      method: 'self',
    });
    const row = (await list({ q: await codeOfId(who.participantId), group: 'all' })).rows[0]!;
    expect([row.consent, row.declined_by, row.todo.group]).toEqual(['given', null, 'open']);
    expect(await codeOf(store.declineConsent(who))).toBe('CONSENT_ALREADY_GIVEN');
  });

  it("another project's coach can neither list nor mark these participants", async () => {
    expect(await codeOf(store.coachWorklist(world.otherCoach, { project_id: world.projectId }))).toBe(
      'PROJECT_NOT_FOUND',
    );
    const other = await store.coachWorklist(world.otherCoach, {
      project_id: world.otherProjectId,
      q: await codeOfId(ids.fresh!),
      group: 'all',
    });
    expect(other.total).toBe(0);
    expect(await codeOf(store.recordDecline(world.otherCoach, { participant_id: ids.fresh!, declined: true }))).toBe(
      'PARTICIPANT_NOT_FOUND',
    );
    expect(await groupOf(ids.fresh!)).toBe('open');
  });

  it('computes the same schedule as dueSurveys, across consent states, exits and times', async () => {
    const settings = scheduleSettingsSchema.parse({});
    const now = Date.now();
    const cases: { enrolled: number; exited: number | null; consent: CoachParticipantRow['consent'] }[] = [];
    for (const consent of ['given', 'missing', 'renew', 'declined', 'withdrawn'] as const)
      for (const enrolled of [0, 5, 13.9, 14.1, 30, 43.9, 44.1, 60, 120])
        for (const exited of [null, 0.5, 3, 40, 100].filter((x) => x === null || x < enrolled))
          cases.push({ enrolled, exited, consent });
    const rows = await db.query<{
      i: number;
      s: { survey: string; occasion: string; status: string; due_by: string | null }[];
    }>(
      `select c.i, coalesce(jsonb_agg(jsonb_build_object('survey', s.survey, 'occasion', s.occasion, 'status', s.status, 'due_by', s.due_by) order by s.ord) filter (where s.ord is not null), '[]') as s
       from jsonb_array_elements($1::text::jsonb) with ordinality c(x, i)
       left join lateral app.coach_schedule(
         jsonb_populate_record(null::public.participants, jsonb_build_object('id', gen_random_uuid(), 'enrolled_at', c.x ->> 'enrolled_at', 'exited_at', c.x ->> 'exited_at')),
         c.x ->> 'consent', '{}'::jsonb, (c.x ->> 'now')::timestamptz) s on true
       group by c.i order by c.i`,
      [
        JSON.stringify(
          cases.map((c) => ({
            enrolled_at: new Date(now - c.enrolled * DAY).toISOString(),
            exited_at: c.exited === null ? null : new Date(now - c.exited * DAY).toISOString(),
            consent: c.consent,
            now: new Date(now).toISOString(),
          })),
        ),
      ],
    );
    expect(rows).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      const ts = dueSurveys(
        {
          enrolledAt: new Date(now - c.enrolled * DAY),
          exitedAt: c.exited === null ? null : new Date(now - c.exited * DAY),
          consent: c.consent,
        },
        settings,
        [],
        new Date(now),
      );
      const sql = rows[i]!.s;
      expect(
        sql.map((e) => `${e.survey}:${e.occasion}:${e.status}`),
        JSON.stringify(c),
      ).toEqual(ts.map((e) => `${e.survey}:${e.occasion}:${e.status}`));
      expect(sql.map((e) => (e.due_by ? new Date(e.due_by).getTime() : null))).toEqual(
        ts.map((e) => e.dueBy?.getTime() ?? null),
      );
    });
  });

  it('has the same schedule defaults as the app', async () => {
    const [row] = await db.query<{ s: Record<string, number> }>(`select app.schedule_settings('{}') as s`);
    expect(row!.s).toEqual(scheduleSettingsSchema.parse({}));
  });
});
