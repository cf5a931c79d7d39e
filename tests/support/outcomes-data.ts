import { generateCode } from '../../src/domain/pseudonym-code.ts';
import type { GenderCategory } from '../../src/domain/outcome-categories.ts';
import { EXIT_REASON, OCCUPATION, REFERRAL } from '../../src/domain/vocabulary.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { prng } from './differencing-data.ts';
import type { RefPerson } from './outcomes-reference.ts';

/**
 * An adversarial register for the outcomes differencing proof: eight quarters (2024-Q1 …
 * 2025-Q4) of enrolments and exits, with quarters holding one enrolment or one exit, a single
 * person of a rare gender, a stock of active participants that falls below the minimum, and
 * moments at Swedish quarter boundaries.
 */
export const QUARTERS = 8;

export interface Planned extends RefPerson {
  /** Instants stored (UTC). */
  enrolledAt: string;
  exitedAt: string | null;
  /** Why this person is a target (empty for background rows). */
  target?: string;
}

const day = (q: number, month: number, d: number) =>
  `${2024 + Math.floor(q / 4)}-${String((q % 4) * 3 + month).padStart(2, '0')}-${String(d).padStart(2, '0')}T10:00:00Z`;

/** Plans one project's people; `enrolPlan` is the number enrolled per quarter. */
export function planPeople(seed: number, enrolPlan: number[]): Planned[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const genders: GenderCategory[] = ['kvinna', 'kvinna', 'kvinna', 'man', 'man', 'saknas'];
  const people: Planned[] = [];
  enrolPlan.forEach((count, eq) => {
    for (let k = 0; k < count; k++) {
      // Stays 0–4 quarters, or beyond the data set (still active, or exits in the open quarter).
      const stay = rnd() < 0.2 ? null : Math.floor(rnd() * 5);
      const xq = stay === null || eq + stay >= QUARTERS ? null : eq + stay;
      people.push({
        id: people.length,
        eq,
        xq,
        gender: pick(genders),
        referral: rnd() < 0.15 ? 'saknas' : pick(REFERRAL.values),
        reason: pick(EXIT_REASON.values),
        occupation: rnd() < 0.3 ? null : pick(OCCUPATION.values),
        enrolledAt: day(eq, 1, 1 + Math.floor(rnd() * 28)),
        exitedAt: xq === null ? null : day(xq, 3, 1 + Math.floor(rnd() * 28)),
        ...(count === 1 ? { target: `alone enrolled in quarter ${eq}` } : {}),
      });
    }
  });
  // Rare genders: one person each.
  people[3]!.gender = 'annat';
  people[3]!.target = 'the only "annat"';
  people[people.length - 4]!.gender = 'vill_inte_ange';
  // Swedish quarter boundaries: 22:30 UTC on 30 June is already Q3 in Sweden; 23:30 UTC on
  // 31 December already the next year.
  const edge = people.find((p) => p.eq === 1 && p.id !== 3)!;
  Object.assign(edge, { eq: 2, enrolledAt: '2024-06-30T22:30:00Z', xq: 4, exitedAt: day(4, 2, 10) });
  edge.target = 'enrolled in the first minutes of 2024-Q3, Swedish time';
  const late = people.find((p) => p.eq === 0 && p.id !== 3)!;
  Object.assign(late, { xq: 4, exitedAt: '2024-12-31T23:30:00Z' });
  late.target = 'exited in the first minutes of 2025-Q1, Swedish time';
  return people;
}

/**
 * A programme whose active participants fall below the minimum (4) between cohorts: 5 enrolled
 * in 2024-Q1, 4 of them leave in Q2 (1 stays), 5 more in Q3, … Without the rule that segments end
 * only where the active are 0 or at least the minimum, "reached in Q4" less "enrolled in Q4"
 * would be the one who stayed.
 */
export function windDown(): Planned[] {
  const cohorts: [number, number[], GenderCategory][] = [
    // enrolment quarter, exit quarter of each (null: stays), gender
    [0, [1, 1, 1, 1, 4], 'kvinna'],
    [2, [4, 4, 4, 4, 6], 'kvinna'],
    [3, [5, 5, 5, 5, 7], 'man'],
    [6, [7, 7, 7, 7, -1], 'kvinna'],
  ];
  return cohorts
    .flatMap(([eq, exits, gender]) => exits.map((x) => ({ eq, xq: x < 0 ? null : x, gender })))
    .map((p, id) => ({
      ...p,
      id,
      referral: 'af' as const,
      reason: 'arbete' as const,
      occupation: null,
      enrolledAt: day(p.eq, 1, 5),
      exitedAt: p.xq === null ? null : day(p.xq, 3, 5),
    }));
}

/** The person as the database holds them at the end of quarter `stage` (exits after it not yet registered). */
export const atStage = (p: RefPerson, stage: number): RefPerson => ({
  ...p,
  xq: p.xq !== null && p.xq <= stage ? p.xq : null,
});

/** Inserts the people enrolled in quarter `stage` and registers the exits in it, as the superuser. */
export async function advanceTo(
  db: SqlExecutor,
  project: string,
  people: Planned[],
  ids: Map<number, string>,
  stage: number,
) {
  const enrolled = people
    .filter((p) => p.eq === stage)
    .map((p) => {
      ids.set(p.id, crypto.randomUUID());
      return {
        id: ids.get(p.id),
        code: generateCode(),
        at: p.enrolledAt,
        gender: p.gender === 'saknas' ? null : p.gender,
        referral: p.referral === 'saknas' ? null : p.referral,
      };
    });
  await db.query(
    `insert into public.participants (id, project_id, code, enrolled_at, gender, referral)
     select x.id, $2, x.code, x.at, x.gender, x.referral
     from jsonb_to_recordset($1::text::jsonb) as x(id uuid, code text, at timestamptz, gender text, referral text)`,
    [JSON.stringify(enrolled), project],
  );
  const exits = people
    .filter((p) => p.xq === stage)
    .map((p) => ({ id: ids.get(p.id), at: p.exitedAt, reason: p.reason, occupation: p.occupation }));
  await db.query(
    `update public.participants pa set exited_at = x.at, exit_reason = x.reason, occupation_exit = x.occupation, status = 'exited'
     from jsonb_to_recordset($1::text::jsonb) as x(id uuid, at timestamptz, reason text, occupation text)
     where pa.id = x.id`,
    [JSON.stringify(exits)],
  );
}
