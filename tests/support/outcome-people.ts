import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { ExitReason, Occupation, Referral, Store } from '../../src/store/store.ts';
import { REGISTER, type World } from './fixtures.ts';

/** One participant of an outcomes test, with dates in days from the start of the last closed quarter. */
export interface OutcomePerson {
  referral?: Referral;
  gender?: 'kvinna' | 'man' | 'annat' | 'vill_inte_ange';
  consent?: boolean;
  /** Days from the first day of the last closed quarter (negative: earlier); default 0. */
  enrolDay?: number;
  /** Exit on this day (same reckoning), with a reason and optionally an occupation at exit. */
  exit?: { day: number; reason: ExitReason; occupation?: Occupation };
  answered?: [string, 'start' | 'pagaende' | 'avslut'][];
}

/** The first day of the last closed quarter (Swedish time), as 'YYYY-MM-DD'. */
export async function lastClosedQuarter(db: SqlExecutor): Promise<string> {
  const [row] = await db.query<{ q: string }>(
    `select (date_trunc('quarter', now() at time zone 'Europe/Stockholm') - interval '3 months')::date::text as q`,
  );
  return row!.q;
}

/** The day `days` after a 'YYYY-MM-DD' date. */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The same day of the month `months` later, for first days of quarters ('YYYY-MM-01'). */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * Enrols each person as the coach (register data, consent, responses), then dates the enrolment
 * (09:00 UTC on its day) and registers the exit through the coach's own function.
 */
export async function enrolPeople(store: Store, db: SqlExecutor, world: World, people: OutcomePerson[]) {
  const base = await lastClosedQuarter(db);
  const ids: string[] = [];
  for (const person of people) {
    const p = await store.enrolParticipant(world.coach, {
      project_id: world.projectId,
      code: generateCode(),
      referral: person.referral,
      // Required at enrolment; the gender a person plans is set below (null = not recorded).
      ...REGISTER,
    });
    ids.push(p.id);
    await db.query(`update public.participants set enrolled_at = $2::timestamptz, gender = $3 where id = $1`, [
      p.id,
      `${addDays(base, person.enrolDay ?? 0)}T09:00:00Z`,
      person.gender ?? null,
    ]);
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
    if (person.exit) {
      await store.registerExit(world.coach, {
        participant_id: p.id,
        exited_on: addDays(base, person.exit.day),
        reason: person.exit.reason,
        ...(person.exit.occupation ? { occupation: person.exit.occupation } : {}),
      });
    }
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
  return ids;
}
