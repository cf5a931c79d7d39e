/**
 * Which surveys a participant should answer, and when. Pure: the caller passes the clock. The
 * database computes the same schedule to group and page the coach's list (app.coach_schedule);
 * tests/db/coach-worklist.test.ts holds the two to each other.
 *
 * Boundaries: every window is half-open, [opensAt, dueBy): at opensAt an entry is due, at dueBy it
 * is overdue. Durations are exact multiples of 24 h (a week is 7 × 24 h) added to the stored UTC
 * instant, with no rounding to midnight and no local time zone, so daylight saving never moves a
 * boundary and "day 14" means the same instant of day as the enrolment.
 */
import type { ScheduleSettings } from '../domain/schedule-settings.ts';
import type { CoachParticipantRow, Occasion } from '../store/store.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

export type ScheduledSurvey = 'samtycke-forskning' | 'wai' | 'pagaende' | 'avslut';
export type ScheduleStatus = 'due' | 'upcoming' | 'overdue' | 'done' | 'skipped' | 'missed';

/** One survey occasion on a participant's schedule. */
export interface ScheduleEntry {
  survey: ScheduledSurvey;
  occasion: Occasion;
  status: ScheduleStatus;
  opensAt: Date;
  /** Null when there is no deadline: consent is asked for, never chased. */
  dueBy: Date | null;
}

/** What the schedule needs to know about a participant. */
export interface ScheduleParticipant {
  enrolledAt: Date;
  exitedAt: Date | null;
  consent: CoachParticipantRow['consent'];
}

/** How long an overdue entry stays on the to-do list before it is missed (settings.missedAfterDays). */
type Grace = Pick<ScheduleSettings, 'missedAfterDays'>;

/** A submitted response, as far as the schedule cares. */
export interface SubmittedOccasion {
  survey: string;
  occasion: string;
}

const after = (from: Date, ms: number): Date => new Date(from.getTime() + ms);

/** Past its deadline an entry is overdue; missedAfterDays later it is missed and off the to-do list. */
function windowStatus(opensAt: Date, dueBy: Date | null, now: Date, grace: Grace): ScheduleStatus {
  if (now.getTime() < opensAt.getTime()) return 'upcoming';
  if (dueBy === null || now.getTime() < dueBy.getTime()) return 'due';
  return now.getTime() < dueBy.getTime() + grace.missedAfterDays * DAY_MS ? 'overdue' : 'missed';
}

/**
 * An occasion that belongs to the time in the programme, [enrolment, exit). If the programme ends
 * at or before the window opens the occasion never applied (skipped); once the programme has ended
 * after it opened, an unanswered occasion can no longer be caught up (missed): the exit surveys
 * take over.
 */
function inProgrammeStatus(opensAt: Date, dueBy: Date, exitedAt: Date | null, now: Date, grace: Grace): ScheduleStatus {
  if (exitedAt !== null && exitedAt.getTime() <= opensAt.getTime()) return 'skipped';
  if (exitedAt !== null && now.getTime() >= exitedAt.getTime()) return 'missed';
  return windowStatus(opensAt, dueBy, now, grace);
}

/**
 * The participant's schedule in a fixed order: consent, start WAI, Pågående, Avslut, exit WAI.
 * Consent withdrawn or declined ("vill inte delta"): an empty list, since nothing more may be
 * collected and the participant is not asked again. Consent missing: only the consent entry,
 * because no other answer can be stored until consent is given, so listing the rest would show the
 * coach work that cannot be done; it is needed by the start WAI's deadline, and past the cut-off it
 * is missed like any other entry. A renewal has no deadline. Avslut and the exit WAI are listed
 * only once an exit is registered. Settings are expected already parsed with `scheduleSettingsSchema`.
 */
export function dueSurveys(
  participant: ScheduleParticipant,
  settings: ScheduleSettings,
  responses: readonly SubmittedOccasion[],
  now: Date,
): ScheduleEntry[] {
  const { enrolledAt, exitedAt, consent } = participant;
  if (consent === 'withdrawn' || consent === 'declined') return [];
  const startDue = after(enrolledAt, settings.startDueDays * DAY_MS);
  const consentDue = consent === 'renew' ? null : startDue;
  const consentEntry: ScheduleEntry = {
    survey: 'samtycke-forskning',
    occasion: 'start',
    status: consent === 'given' ? 'done' : windowStatus(enrolledAt, consentDue, now, settings),
    opensAt: enrolledAt,
    dueBy: consentDue,
  };
  if (consent === 'missing') return [consentEntry];

  const isAnswered = (survey: ScheduledSurvey, occasion: Occasion): boolean =>
    responses.some((r) => r.survey === survey && r.occasion === occasion);
  const entry = (
    survey: ScheduledSurvey,
    occasion: Occasion,
    opensAt: Date,
    dueBy: Date,
    status: ScheduleStatus,
  ): ScheduleEntry => ({
    survey,
    occasion,
    status: isAnswered(survey, occasion) ? 'done' : status,
    opensAt,
    dueBy,
  });

  const pagaendeOpens = after(enrolledAt, settings.pagaendeFromWeeks * WEEK_MS);
  const pagaendeDue = after(enrolledAt, settings.pagaendeToWeeks * WEEK_MS);
  const entries = [
    consentEntry,
    entry('wai', 'start', enrolledAt, startDue, inProgrammeStatus(enrolledAt, startDue, exitedAt, now, settings)),
    entry(
      'pagaende',
      'pagaende',
      pagaendeOpens,
      pagaendeDue,
      inProgrammeStatus(pagaendeOpens, pagaendeDue, exitedAt, now, settings),
    ),
  ];
  if (exitedAt === null) return entries;

  // An exit may be registered ahead of its date; until then the exit surveys are upcoming.
  const exitDue = after(exitedAt, settings.exitDueDays * DAY_MS);
  const exitStatus = windowStatus(exitedAt, exitDue, now, settings);
  return [
    ...entries,
    entry('avslut', 'avslut', exitedAt, exitDue, exitStatus),
    entry('wai', 'avslut', exitedAt, exitDue, exitStatus),
  ];
}

// Missed, done and skipped need nothing from the coach; they keep their schedule order at the end.
const urgencyRank: Record<ScheduleStatus, number> = { overdue: 0, due: 1, upcoming: 2, missed: 3, done: 3, skipped: 3 };

function urgencyTime(e: ScheduleEntry): number {
  if (e.status === 'upcoming') return e.opensAt.getTime();
  if (e.status === 'overdue' || e.status === 'due') return e.dueBy?.getTime() ?? Number.POSITIVE_INFINITY;
  return 0;
}

/**
 * A new array, most urgent first: overdue (longest overdue first), then due (nearest deadline
 * first, no deadline last), then upcoming (soonest to open first), then the rest. Stable, and
 * generic so a coach's list can sort entries carrying participant details.
 */
export function sortByUrgency<T extends ScheduleEntry>(entries: readonly T[]): T[] {
  const compare = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);
  return [...entries].sort(
    (a, b) => compare(urgencyRank[a.status], urgencyRank[b.status]) || compare(urgencyTime(a), urgencyTime(b)),
  );
}
