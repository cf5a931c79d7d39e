/** The project settings that drive the coach's schedule (projects.settings), with their defaults. */
import { z } from 'zod';

/**
 * The project settings that drive the schedule, with their defaults: the one definition of each.
 * - startDueDays: days after enrolment within which the start WAI should be answered.
 * - pagaendeFromWeeks / pagaendeToWeeks: the Pågående window, in weeks after enrolment.
 * - exitDueDays: days after the registered exit within which Avslut and the exit WAI should be answered.
 * - missedAfterDays: days past its deadline after which an unanswered questionnaire counts as missed
 *   and leaves the coach's to-do list.
 * The database has the same defaults (app.schedule_settings); tests/db/coach-worklist.test.ts compares them.
 * Unknown keys are stripped, so the whole project settings object can be passed in.
 */
export const scheduleSettingsSchema = z
  .object({
    startDueDays: z.number().int().min(1).max(365).default(14),
    pagaendeFromWeeks: z.number().int().min(1).max(104).default(4),
    pagaendeToWeeks: z.number().int().min(2).max(104).default(8),
    exitDueDays: z.number().int().min(1).max(365).default(30),
    missedAfterDays: z.number().int().min(1).max(365).default(30),
  })
  .refine((s) => s.pagaendeFromWeeks < s.pagaendeToWeeks, {
    path: ['pagaendeToWeeks'],
    message: 'must be later than pagaendeFromWeeks',
  })
  // "Start" must measure the alliance before the mid-programme survey asks again.
  .refine((s) => s.startDueDays <= s.pagaendeFromWeeks * 7, {
    path: ['startDueDays'],
    message: 'the start WAI must fall due no later than the week Pågående opens',
  });

export type ScheduleSettings = z.output<typeof scheduleSettingsSchema>;
