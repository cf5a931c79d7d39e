/** What the coach's pages and API share: their inputs, enrolment with a fresh code, the list with its schedule. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import type { ParticipantRecord, Principal, Store } from '../store/store.ts';
import { TODO_GROUPS, type CoachWorklist, type CoachParticipantRow } from '../store/types.ts';
import type { CoachListRow } from './views/list.tsx';
import { AGE_BAND, EXIT_REASON, GENDER, OCCUPATION, REFERRAL } from '../domain/vocabulary.ts';
import { generateCode } from '../domain/pseudonym-code.ts';
import { scheduleSettingsSchema } from '../domain/schedule-settings.ts';
import { dueSurveys, sortByUrgency } from './schedule.ts';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** Gender and age band: both required at enrolment and when changed; no default. */
export const registerInput = z.object({
  gender: z.enum(GENDER.values, { error: 'Välj kön: Kvinna, Man, Annat eller Vill inte ange.' }),
  age_band: z.enum(AGE_BAND.values, { error: 'Välj ålder: 16–29, 30–49, 50–64 eller 65 eller äldre.' }),
});
export const enrolInput = registerInput.extend({
  project_id: z.uuid(),
  started_on: optional(z.iso.date()),
  referral: optional(z.enum(REFERRAL.values)),
  occupation_start: optional(z.enum(OCCUPATION.values)),
});
export const exitInput = z.object({
  exited_on: z.iso.date(),
  reason: z.enum(EXIT_REASON.values),
  occupation: optional(z.enum(OCCUPATION.values)),
});
export const idParam = z.uuid();

/** Occasions the list can be filtered by (survey:occasion). */
export const TODO_OCCASIONS = [
  'samtycke-forskning:start',
  'wai:start',
  'pagaende:pagaende',
  'avslut:avslut',
  'wai:avslut',
] as const;
const PAGE_SIZE = 50;
/** The overview shows the first few of each to-do group, so what is due this week is on the first screens. */
const PREVIEW = 3;

/** The list opens on the overview: each to-do group in brief, with a link to all of it. */
export const isOverview = (q: WorklistQuery) => q.group === 'todo' && q.sort === 'urgency';

/**
 * The list's query string (a plain GET form). A code search looks in every group unless a group
 * is chosen; otherwise the list opens on what is to do ("todo").
 */
export const worklistQuery = z
  .object({
    q: optional(z.string().trim().max(40, 'Koden är för lång.')),
    group: optional(z.enum(['todo', 'all', ...TODO_GROUPS])),
    occasion: optional(z.enum(TODO_OCCASIONS)),
    sort: optional(z.enum(['urgency', 'newest'])),
    page: optional(z.coerce.number().int().min(1).max(10_000)),
  })
  .transform((f) => ({
    q: f.q ?? '',
    group: f.group ?? (f.q ? 'all' : 'todo'),
    occasion: f.occasion,
    sort: f.sort ?? 'urgency',
    page: f.page ?? 1,
  }));
export type WorklistQuery = z.output<typeof worklistQuery>;

/** One page of the coach's to-do list, each row with its schedule (the chips). Never any answer content. */
export async function worklistPage(
  c: Context<AppEnv>,
  projectId: string,
  query: WorklistQuery,
  now = new Date(),
): Promise<Omit<CoachWorklist, 'rows'> & { rows: (CoachListRow & Pick<CoachWorklist['rows'][number], 'todo'>)[] }> {
  const { store } = c.get('services');
  const [list, project] = await Promise.all([
    store.coachWorklist(c.get('principal'), {
      project_id: projectId,
      ...query,
      page_size: PAGE_SIZE,
      ...(isOverview(query) ? { per_group: PREVIEW, page: 1 } : {}),
    }),
    store.projectSettings(c.get('principal'), projectId),
  ]);
  const settings = scheduleSettingsSchema.parse(project?.settings ?? {});
  return { ...list, rows: list.rows.map((row) => ({ ...row, schedule: scheduleOf(row, settings, now) })) };
}

function scheduleOf(row: CoachParticipantRow, settings: ReturnType<typeof scheduleSettingsSchema.parse>, now: Date) {
  return dueSurveys(
    {
      enrolledAt: new Date(row.enrolled_at!),
      exitedAt: row.exited_at ? new Date(row.exited_at) : null,
      consent: row.consent,
    },
    settings,
    row.submitted,
    now,
  );
}

/** Enrols with a fresh random code; a collision (about 1 in 34 billion per pair) is retried. */
export async function enrolWithNewCode(
  store: Store,
  who: Principal,
  input: z.infer<typeof enrolInput>,
): Promise<ParticipantRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.enrolParticipant(who, { ...input, code: generateCode() });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CODE_TAKEN') || attempt >= 4) throw error;
    }
  }
}

/** The coach's participants with their schedule, most urgent first. Never any answer content. */
export async function listWithSchedule(
  c: Context<AppEnv>,
  projectId: string,
  now = new Date(),
): Promise<CoachListRow[]> {
  const { store } = c.get('services');
  const [rows, project] = await Promise.all([
    store.coachParticipants(c.get('principal'), projectId),
    store.projectSettings(c.get('principal'), projectId),
  ]);
  const settings = scheduleSettingsSchema.parse(project?.settings ?? {});
  const withSchedule = rows.map((row) => ({ ...row, schedule: scheduleOf(row, settings, now) }));
  // A participant is as urgent as their most urgent open survey.
  const top = withSchedule.map((row) => ({
    row,
    ...(sortByUrgency(row.schedule)[0] ?? {
      status: 'done' as const,
      survey: 'wai' as const,
      occasion: 'start' as const,
      opensAt: now,
      dueBy: null,
    }),
  }));
  return sortByUrgency(top).map((t) => t.row);
}
