import { generateCode } from '../domain/pseudonym-code.ts';
import { derivedScores } from '../scoring/derived.ts';
import type { SqlExecutor } from '../store/executor.ts';
import type { Occasion, Principal, Store } from '../store/store.ts';
import { deriveAnswersValidator } from '../surveys/answers-schema.ts';
import { avslutAnswers, normal, pagaendeAnswers, prng, waiAnswers } from './demo-answers.ts';
import { planDemo, planRegister } from './demo-plan.ts';

/**
 * A synthetic data set for trying the researcher and coach pages: participants enrolled over the
 * last 18 months with register data, consent, WAI, Pågående, exits, Avslut and a few withdrawals.
 * Everything is made up; the pseudonym codes are random. Submissions go through the store
 * functions as the coach or the participant, so every guard runs; only the timestamps are moved
 * back afterwards with direct UPDATEs, which needs a connection as the database owner.
 */
export interface DemoOptions {
  /** PRNG seed: the same seed gives the same answers and dates (relative to `now`). */
  seed?: number;
  participants?: number;
  now?: Date;
  /** Who enrols and registers exits; default: a coach or admin of the project. */
  coach?: Principal & { kind: 'staff' };
}

export interface DemoSummary {
  participants: number;
  consented: number;
  withdrawn: number;
  exited: number;
  /** Responses per "survey/occasion". */
  responses: Record<string, number>;
}

const DAY = 86_400_000;

/** Seeds the demo data set into an empty project; refuses a project that has participants. */
export async function seedDemoData(
  store: Store,
  db: SqlExecutor,
  projectId: string,
  options: DemoOptions = {},
): Promise<DemoSummary> {
  const [{ n: existing } = { n: 0 }] = await db.query<{ n: number }>(
    'select count(*)::int as n from public.participants where project_id = $1',
    [projectId],
  );
  if (existing > 0)
    throw new Error(`the project already has ${existing} participant(s): demo data is only added to an empty project`);
  const coach = options.coach ?? (await projectCoach(db, projectId));
  const rng = prng(options.seed ?? 20261122);
  const now = (options.now ?? new Date()).getTime();
  async function load(key: string) {
    const def = await store.publishedDefinition(coach, key, projectId);
    if (!def) throw new Error(`the questionnaire "${key}" is not seeded`);
    return { ...def, validator: deriveAnswersValidator(def.json) };
  }
  const [consentDef, waiDef, pagaendeDef, avslutDef] = [
    await load('samtycke-forskning'),
    await load('wai'),
    await load('pagaende'),
    await load('avslut'),
  ];
  const summary: DemoSummary = { participants: 0, consented: 0, withdrawn: 0, exited: 0, responses: {} };

  const n = options.participants ?? 60;
  const register = planRegister(prng((options.seed ?? 20261122) + 1), n);
  for (const [i, plan] of planDemo(rng, n).entries()) {
    // Working hours, UTC, so dates do not shift across midnight in Sweden.
    const at = (daysAfterEnrolment: number) => new Date(now - (plan.enrolDaysAgo - daysAfterEnrolment) * DAY);
    const enrolled = at(0);
    enrolled.setUTCHours(7 + Math.floor(rng() * 7), Math.floor(rng() * 60), 0, 0);
    const onDay = (days: number) => new Date(enrolled.getTime() + days * DAY + Math.floor(rng() * 3 * 3_600_000));
    const p = await store.enrolParticipant(coach, {
      project_id: projectId,
      code: generateCode(),
      started_on: enrolled.toISOString().slice(0, 10),
      referral: plan.referral,
      occupation_start: plan.occupation,
      ...register[i]!,
    });
    await db.query('update public.participants set enrolled_at = $2 where id = $1', [p.id, enrolled.toISOString()]);
    summary.participants++;
    const as = (survey: string, occasion: Occasion): Principal => ({
      kind: 'participant',
      participantId: p.id,
      projectId,
      survey,
      occasion,
    });
    const submitted: string[] = [];

    async function submit(def: typeof waiDef, occasion: Occasion, answers: Record<string, unknown>, when: Date) {
      const checked = def.validator.validate(answers, 'en');
      if (!checked.ok)
        throw new Error(`demo answers for ${def.key} are invalid: ${checked.issues.map((i) => i.message).join('; ')}`);
      const { id } = await store.submitResponse(as(def.key, occasion), {
        id: crypto.randomUUID(),
        definition_id: def.id,
        answers: checked.answers,
        derived: derivedScores(def.key, checked.answers),
      });
      await db.query('update public.responses set submitted_at = $2 where id = $1', [id, when.toISOString()]);
      summary.responses[`${def.key}/${occasion}`] = (summary.responses[`${def.key}/${occasion}`] ?? 0) + 1;
      submitted.push(`${def.key}/${occasion}`);
    }

    if (plan.consent) {
      await store.giveConsent(as('wai', 'start'), {
        definition_id: consentDef.id,
        answers: { samtycker: true, svarar_med: plan.consent },
        method: plan.consent,
      });
      await db.query('update public.consents set given_at = $2 where participant_id = $1', [
        p.id,
        onDay(0).toISOString(),
      ]);
      summary.consented++;
    }
    if (plan.waiStart)
      await submit(
        waiDef,
        'start',
        waiAnswers(rng, plan.ability, true),
        onDay(rng() < 0.8 ? 0 : 1 + Math.floor(rng() * 3)),
      );
    if (plan.pagaende !== null)
      await submit(pagaendeDef, 'pagaende', pagaendeAnswers(rng, plan.level), onDay(plan.pagaende));
    if (plan.exit) {
      const exitDay = onDay(plan.exit.days);
      await store.registerExit(coach, {
        participant_id: p.id,
        exited_on: exitDay.toISOString().slice(0, 10),
        reason: plan.exit.reason,
        occupation: plan.exit.occupation,
      });
      summary.exited++;
      if (plan.exit.answered) {
        const better = plan.exit.reason === 'arbete' || plan.exit.reason === 'studier' ? 0.5 : 0;
        await submit(avslutDef, 'avslut', avslutAnswers(rng, plan.level + better), exitDay);
        if (rng() < 0.9)
          await submit(
            waiDef,
            'avslut',
            waiAnswers(rng, plan.ability + 0.05 + better * 0.3 + 0.08 * normal(rng), false),
            exitDay,
          );
      }
    }
    if (plan.withdraw !== null) {
      // The project's withdrawal policy applies: under 'erase' this participant's responses are gone.
      const { erased } = await store.withdrawConsent(as('wai', 'start'));
      if (erased > 0) for (const key of submitted) summary.responses[key]! -= 1;
      await db.query('update public.consents set withdrawn_at = $2 where participant_id = $1', [
        p.id,
        onDay(plan.withdraw).toISOString(),
      ]);
      summary.withdrawn++;
    }
  }
  return summary;
}

/** A coach (else an admin) of the project, to enrol and register exits as. */
async function projectCoach(db: SqlExecutor, projectId: string): Promise<Principal & { kind: 'staff' }> {
  const rows = await db.query<{ id: string }>(
    `select s.id::text from public.memberships m join public.staff s on s.id = m.staff_id and s.active
     where m.project_id = $1 and m.role in ('coach', 'admin') order by m.role = 'coach' desc, s.created_at limit 1`,
    [projectId],
  );
  if (!rows[0]) throw new Error('the project has no active coach or admin to enrol participants as');
  return { kind: 'staff', staffId: rows[0].id };
}
