import { describe, expect, it } from 'vitest';
import {
  dueSurveys,
  sortByUrgency,
  type ScheduleEntry,
  type ScheduleParticipant,
  type SubmittedOccasion,
} from '../../src/coach/schedule.ts';
import { scheduleSettingsSchema, type ScheduleSettings } from '../../src/domain/schedule-settings.ts';

const DAY = 24 * 60 * 60 * 1000;
const WEEK = 7 * DAY;
const MS = 1;
// Week 4 from here crosses the Swedish switch to summer time (30 March): boundaries must not move.
const ENROLLED = new Date('2025-03-03T10:15:00.000Z');
const defaults = scheduleSettingsSchema.parse({});

const at = (offset: number): Date => new Date(ENROLLED.getTime() + offset);
const person = (over: Partial<ScheduleParticipant> = {}): ScheduleParticipant => ({
  enrolledAt: ENROLLED,
  exitedAt: null,
  consent: 'given',
  ...over,
});

function find(entries: ScheduleEntry[], survey: string, occasion: string): ScheduleEntry | undefined {
  return entries.find((e) => e.survey === survey && e.occasion === occasion);
}

function statusOf(
  survey: string,
  occasion: string,
  now: Date,
  over: Partial<ScheduleParticipant> = {},
  responses: SubmittedOccasion[] = [],
  settings: ScheduleSettings = defaults,
) {
  return find(dueSurveys(person(over), settings, responses, now), survey, occasion)?.status;
}

describe('schedule settings', () => {
  it('has the documented defaults', () => {
    expect(defaults).toEqual({
      startDueDays: 14,
      pagaendeFromWeeks: 4,
      pagaendeToWeeks: 8,
      exitDueDays: 30,
      missedAfterDays: 30,
    });
  });

  it('accepts custom settings and strips the other project settings', () => {
    const parsed = scheduleSettingsSchema.parse({
      startDueDays: 7,
      pagaendeFromWeeks: 2,
      pagaendeToWeeks: 6,
      exitDueDays: 10,
      min_group_size: 5,
    });
    expect(parsed).toEqual({
      startDueDays: 7,
      pagaendeFromWeeks: 2,
      pagaendeToWeeks: 6,
      exitDueDays: 10,
      missedAfterDays: 30,
    });
  });

  it('fills in defaults for missing keys', () => {
    expect(scheduleSettingsSchema.parse({ exitDueDays: 45 })).toEqual({ ...defaults, exitDueDays: 45 });
  });

  it.each([
    ['a window that does not open before it closes', { pagaendeFromWeeks: 8, pagaendeToWeeks: 8 }, 'pagaendeToWeeks'],
    ['a window that closes before it opens', { pagaendeFromWeeks: 6, pagaendeToWeeks: 5 }, 'pagaendeToWeeks'],
    ['a start WAI due after Pågående opens', { startDueDays: 29, pagaendeFromWeeks: 4 }, 'startDueDays'],
    ['zero days', { startDueDays: 0 }, 'startDueDays'],
    ['negative days', { exitDueDays: -1 }, 'exitDueDays'],
    ['a fractional number of weeks', { pagaendeFromWeeks: 3.5 }, 'pagaendeFromWeeks'],
    ['a number given as text', { exitDueDays: '30' }, 'exitDueDays'],
    ['more than a year of days', { exitDueDays: 366 }, 'exitDueDays'],
    ['more than two years of weeks', { pagaendeToWeeks: 105 }, 'pagaendeToWeeks'],
  ])('rejects %s', (_name, input, path) => {
    const result = scheduleSettingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts a start WAI due exactly when Pågående opens', () => {
    expect(scheduleSettingsSchema.safeParse({ startDueDays: 28, pagaendeFromWeeks: 4 }).success).toBe(true);
  });
});

describe('consent comes first', () => {
  it("lists only the consent entry while consent is missing, needed by the start WAI's deadline, missed past the cut-off", () => {
    const dueBy = at(14 * DAY);
    for (const [now, status] of [
      [ENROLLED, 'due'],
      [at(14 * DAY - MS), 'due'],
      [at(14 * DAY), 'overdue'],
      [at(44 * DAY - MS), 'overdue'],
      [at(44 * DAY), 'missed'],
      [at(20 * WEEK), 'missed'],
    ] as const) {
      expect(dueSurveys(person({ consent: 'missing' }), defaults, [], now)).toEqual([
        { survey: 'samtycke-forskning', occasion: 'start', status, opensAt: ENROLLED, dueBy },
      ]);
    }
  });

  it('asks for a renewed consent without a deadline', () => {
    const [consent] = dueSurveys(person({ consent: 'renew' }), defaults, [], at(20 * WEEK));
    expect(consent).toMatchObject({ survey: 'samtycke-forskning', status: 'due', dueBy: null });
  });

  it('lists nothing when the participant does not want to take part ("vill inte delta")', () => {
    expect(dueSurveys(person({ consent: 'declined' }), defaults, [], ENROLLED)).toEqual([]);
  });

  it('turns an overdue entry into missed once it is missedAfterDays past its deadline', () => {
    const exited = at(10 * WEEK);
    const avslut = (now: Date, settings = defaults) =>
      statusOf('avslut', 'avslut', now, { exitedAt: exited }, [], settings);
    expect(avslut(new Date(exited.getTime() + 30 * DAY))).toBe('overdue');
    expect(avslut(new Date(exited.getTime() + 60 * DAY - MS))).toBe('overdue');
    expect(avslut(new Date(exited.getTime() + 60 * DAY))).toBe('missed');
    const longer = scheduleSettingsSchema.parse({ missedAfterDays: 90 });
    expect(avslut(new Date(exited.getTime() + 60 * DAY), longer)).toBe('overdue');
    expect(statusOf('wai', 'start', at(44 * DAY))).toBe('missed');
  });

  it('lists nothing but consent while missing, even after an exit', () => {
    const entries = dueSurveys(person({ consent: 'missing', exitedAt: at(5 * WEEK) }), defaults, [], at(6 * WEEK));
    expect(entries.map((e) => e.survey)).toEqual(['samtycke-forskning']);
  });

  it('lists nothing at all when consent is withdrawn', () => {
    const responses = [{ survey: 'wai', occasion: 'start' }];
    expect(dueSurveys(person({ consent: 'withdrawn' }), defaults, responses, at(5 * WEEK))).toEqual([]);
    expect(dueSurveys(person({ consent: 'withdrawn', exitedAt: at(6 * WEEK) }), defaults, [], at(7 * WEEK))).toEqual(
      [],
    );
  });

  it('shows given consent as done, first, in the fixed order', () => {
    const during = dueSurveys(person(), defaults, [], at(DAY));
    expect(during.map((e) => `${e.survey}/${e.occasion}:${e.status}`)).toEqual([
      'samtycke-forskning/start:done',
      'wai/start:due',
      'pagaende/pagaende:upcoming',
    ]);
    const exited = dueSurveys(person({ exitedAt: at(10 * WEEK) }), defaults, [], at(10 * WEEK));
    expect(exited.map((e) => `${e.survey}/${e.occasion}`)).toEqual([
      'samtycke-forskning/start',
      'wai/start',
      'pagaende/pagaende',
      'avslut/avslut',
      'wai/avslut',
    ]);
  });
});

describe('WAI at enrolment', () => {
  it('opens at enrolment and is due by startDueDays later', () => {
    const entry = find(dueSurveys(person(), defaults, [], ENROLLED), 'wai', 'start');
    expect(entry).toEqual({ survey: 'wai', occasion: 'start', status: 'due', opensAt: ENROLLED, dueBy: at(14 * DAY) });
  });

  it.each([
    ['1 ms before enrolment', 'upcoming', -MS],
    ['at enrolment', 'due', 0],
    ['1 ms before day 14', 'due', 14 * DAY - MS],
    ['at day 14', 'overdue', 14 * DAY],
    ['1 ms after day 14', 'overdue', 14 * DAY + MS],
  ])('%s it is %s', (_when, status, offset) => {
    expect(statusOf('wai', 'start', at(offset))).toBe(status);
  });

  it('uses a custom startDueDays', () => {
    const settings = scheduleSettingsSchema.parse({ startDueDays: 7 });
    expect(statusOf('wai', 'start', at(7 * DAY - MS), {}, [], settings)).toBe('due');
    expect(statusOf('wai', 'start', at(7 * DAY), {}, [], settings)).toBe('overdue');
  });

  it('is done once answered, also after the deadline', () => {
    expect(statusOf('wai', 'start', at(30 * DAY), {}, [{ survey: 'wai', occasion: 'start' }])).toBe('done');
  });

  it('is missed when the participant leaves without answering', () => {
    const exit = { exitedAt: at(3 * DAY) };
    expect(statusOf('wai', 'start', at(3 * DAY - MS), exit)).toBe('due');
    expect(statusOf('wai', 'start', at(3 * DAY), exit)).toBe('missed');
    expect(statusOf('wai', 'start', at(20 * DAY), exit)).toBe('missed');
  });
});

describe('Pågående', () => {
  it('has the window [enrolment + 4 weeks, enrolment + 8 weeks) in whole 24-hour days', () => {
    const entry = find(dueSurveys(person(), defaults, [], ENROLLED), 'pagaende', 'pagaende');
    expect(entry?.opensAt.toISOString()).toBe('2025-03-31T10:15:00.000Z');
    expect(entry?.dueBy?.toISOString()).toBe('2025-04-28T10:15:00.000Z');
  });

  it.each([
    ['at enrolment', 'upcoming', 0],
    ['1 ms before week 4', 'upcoming', 4 * WEEK - MS],
    ['at week 4', 'due', 4 * WEEK],
    ['1 ms after week 4', 'due', 4 * WEEK + MS],
    ['1 ms before week 8', 'due', 8 * WEEK - MS],
    ['at week 8', 'overdue', 8 * WEEK],
    ['1 ms after week 8', 'overdue', 8 * WEEK + MS],
    ['1 ms before 30 days past week 8', 'overdue', 8 * WEEK + 30 * DAY - MS],
    ['30 days past week 8 (the cut-off)', 'missed', 8 * WEEK + 30 * DAY],
    ['at week 40', 'missed', 40 * WEEK],
  ])('for a participant still in the programme, %s it is %s', (_when, status, offset) => {
    expect(statusOf('pagaende', 'pagaende', at(offset))).toBe(status);
  });

  it('uses a custom window', () => {
    const settings = scheduleSettingsSchema.parse({ startDueDays: 7, pagaendeFromWeeks: 2, pagaendeToWeeks: 6 });
    expect(statusOf('pagaende', 'pagaende', at(2 * WEEK - MS), {}, [], settings)).toBe('upcoming');
    expect(statusOf('pagaende', 'pagaende', at(2 * WEEK), {}, [], settings)).toBe('due');
    expect(statusOf('pagaende', 'pagaende', at(6 * WEEK - MS), {}, [], settings)).toBe('due');
    expect(statusOf('pagaende', 'pagaende', at(6 * WEEK), {}, [], settings)).toBe('overdue');
  });

  it('is skipped, never overdue, when the exit comes before week 4', () => {
    const exit = { exitedAt: at(2 * WEEK) };
    for (const offset of [2 * WEEK, 5 * WEEK, 8 * WEEK, 20 * WEEK]) {
      expect(statusOf('pagaende', 'pagaende', at(offset), exit)).toBe('skipped');
    }
  });

  it('is skipped when the exit falls exactly as the window opens, missed when just after', () => {
    expect(statusOf('pagaende', 'pagaende', at(9 * WEEK), { exitedAt: at(4 * WEEK - MS) })).toBe('skipped');
    expect(statusOf('pagaende', 'pagaende', at(9 * WEEK), { exitedAt: at(4 * WEEK) })).toBe('skipped');
    expect(statusOf('pagaende', 'pagaende', at(9 * WEEK), { exitedAt: at(4 * WEEK + MS) })).toBe('missed');
  });

  it('is missed when the exit comes inside the window without an answer', () => {
    const exit = { exitedAt: at(6 * WEEK) };
    expect(statusOf('pagaende', 'pagaende', at(6 * WEEK - MS), exit)).toBe('due');
    expect(statusOf('pagaende', 'pagaende', at(6 * WEEK), exit)).toBe('missed');
    expect(statusOf('pagaende', 'pagaende', at(12 * WEEK), exit)).toBe('missed');
  });

  it('is overdue after week 8 until the exit, then missed', () => {
    const exit = { exitedAt: at(10 * WEEK) };
    expect(statusOf('pagaende', 'pagaende', at(10 * WEEK - MS), exit)).toBe('overdue');
    expect(statusOf('pagaende', 'pagaende', at(10 * WEEK), exit)).toBe('missed');
  });

  it('is done when answered, before or after the exit', () => {
    const answered = [{ survey: 'pagaende', occasion: 'pagaende' }];
    expect(statusOf('pagaende', 'pagaende', at(5 * WEEK), {}, answered)).toBe('done');
    expect(statusOf('pagaende', 'pagaende', at(12 * WEEK), { exitedAt: at(6 * WEEK) }, answered)).toBe('done');
  });
});

describe('Avslut and exit WAI', () => {
  it('are not listed until an exit is registered', () => {
    const entries = dueSurveys(person(), defaults, [], at(60 * WEEK));
    expect(entries.some((e) => e.occasion === 'avslut')).toBe(false);
  });

  it('open at the exit and are due by exitDueDays later', () => {
    const exitedAt = at(10 * WEEK);
    const entries = dueSurveys(person({ exitedAt }), defaults, [], exitedAt);
    const dueBy = new Date(exitedAt.getTime() + 30 * DAY);
    expect(find(entries, 'avslut', 'avslut')).toEqual({
      survey: 'avslut',
      occasion: 'avslut',
      status: 'due',
      opensAt: exitedAt,
      dueBy,
    });
    expect(find(entries, 'wai', 'avslut')).toEqual({
      survey: 'wai',
      occasion: 'avslut',
      status: 'due',
      opensAt: exitedAt,
      dueBy,
    });
  });

  it.each([
    ['1 ms before the exit', 'upcoming', -MS],
    ['at the exit', 'due', 0],
    ['1 ms before exit + 30 days', 'due', 30 * DAY - MS],
    ['at exit + 30 days', 'overdue', 30 * DAY],
    ['1 ms after exit + 30 days', 'overdue', 30 * DAY + MS],
  ])('%s both are %s', (_when, status, offset) => {
    const exit = { exitedAt: at(10 * WEEK) };
    expect(statusOf('avslut', 'avslut', at(10 * WEEK + offset), exit)).toBe(status);
    expect(statusOf('wai', 'avslut', at(10 * WEEK + offset), exit)).toBe(status);
  });

  it('uses a custom exitDueDays', () => {
    const settings = scheduleSettingsSchema.parse({ exitDueDays: 10 });
    const exit = { exitedAt: at(10 * WEEK) };
    expect(statusOf('avslut', 'avslut', at(10 * WEEK + 10 * DAY - MS), exit, [], settings)).toBe('due');
    expect(statusOf('avslut', 'avslut', at(10 * WEEK + 10 * DAY), exit, [], settings)).toBe('overdue');
  });

  it('are done one by one, and the start WAI does not count as the exit WAI', () => {
    const exit = { exitedAt: at(10 * WEEK) };
    const responses = [
      { survey: 'wai', occasion: 'start' },
      { survey: 'avslut', occasion: 'avslut' },
    ];
    expect(statusOf('avslut', 'avslut', at(11 * WEEK), exit, responses)).toBe('done');
    expect(statusOf('wai', 'avslut', at(11 * WEEK), exit, responses)).toBe('due');
    expect(statusOf('wai', 'start', at(11 * WEEK), exit, responses)).toBe('done');
  });
});

describe('sortByUrgency', () => {
  const base = { survey: 'wai', occasion: 'start' } as const;
  const e = (status: ScheduleEntry['status'], opensAt: number, dueBy: number | null, id: string) => ({
    ...base,
    status,
    opensAt: at(opensAt),
    dueBy: dueBy === null ? null : at(dueBy),
    id,
  });

  it('puts overdue first, then due by nearest deadline, then upcoming, then the rest in their order', () => {
    const entries = [
      e('done', 0, DAY, 'done'),
      e('upcoming', 9 * DAY, 20 * DAY, 'upcoming-late'),
      e('due', 0, null, 'due-no-deadline'),
      e('due', 0, 5 * DAY, 'due-late'),
      e('overdue', 0, 2 * DAY, 'overdue-recent'),
      e('missed', 0, DAY, 'missed'),
      e('upcoming', 3 * DAY, 20 * DAY, 'upcoming-soon'),
      e('due', 0, 3 * DAY, 'due-soon'),
      e('overdue', 0, DAY, 'overdue-longest'),
      e('skipped', 0, DAY, 'skipped'),
    ];
    expect(sortByUrgency(entries).map((x) => x.id)).toEqual([
      'overdue-longest',
      'overdue-recent',
      'due-soon',
      'due-late',
      'due-no-deadline',
      'upcoming-soon',
      'upcoming-late',
      'done',
      'missed',
      'skipped',
    ]);
  });

  it('returns a new array and leaves the input alone', () => {
    const entries = [e('upcoming', DAY, 2 * DAY, 'a'), e('overdue', 0, DAY, 'b')];
    const sorted = sortByUrgency(entries);
    expect(sorted).not.toBe(entries);
    expect(entries.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('orders a real schedule for the coach', () => {
    const now = at(9 * WEEK);
    const entries = dueSurveys(person({ exitedAt: now }), defaults, [{ survey: 'wai', occasion: 'start' }], now);
    expect(sortByUrgency(entries).map((x) => `${x.survey}/${x.occasion}:${x.status}`)).toEqual([
      'avslut/avslut:due',
      'wai/avslut:due',
      'samtycke-forskning/start:done',
      'wai/start:done',
      'pagaende/pagaende:missed',
    ]);
  });
});
