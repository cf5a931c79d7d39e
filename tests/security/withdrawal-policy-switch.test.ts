/**
 * Threat: an admin changes what withdrawal does after participants have consented (issue 16,
 * finding 7). Attack: a participant consents while the project erases answers on withdrawal; the
 * admin switches the project to keep them; the participant withdraws. Their answers must still be
 * erased: a consent records the policy agreed to, a later change applies to new consents only, and
 * the stricter choice (erase) wins. The participant is told the policy that will apply to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

describe.each(engines.filter((e) => e !== 'supabase'))('withdrawal policy changed after consent on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let pagaendeId: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
  });
  afterAll(() => db.close());

  const setPolicy = (policy: 'keep' | 'erase') =>
    store.adminUpdateProject(world.admin, { project_id: world.projectId, settings: { withdrawalPolicy: policy } });
  const responsesOf = async (participantId: string) =>
    (
      await db.query<{ n: number }>('select count(*)::int as n from public.responses where participant_id = $1', [
        participantId,
      ])
    )[0]!.n;

  async function consentAndAnswer() {
    const participant = await enrolWithConsent(store, world);
    await store.submitResponse(participant, {
      id: crypto.randomUUID(),
      definition_id: pagaendeId,
      answers: pagaendeAnswers(4),
    });
    expect(await responsesOf(participant.participantId)).toBe(1);
    return participant;
  }

  it('consent under "erase", project switched to "keep": the answers are still erased', async () => {
    await setPolicy('erase');
    const participant = await consentAndAnswer();
    await setPolicy('keep');
    expect((await store.participantState(participant))!.project.withdrawal_policy).toBe('erase');
    const result = await store.withdrawConsent(participant);
    expect(result).toMatchObject({ policy: 'erase', erased: 1 });
    expect(await responsesOf(participant.participantId)).toBe(0);
  });

  it('consent under "keep", project switched to "erase": the stricter choice wins', async () => {
    await setPolicy('keep');
    const participant = await consentAndAnswer();
    await setPolicy('erase');
    const result = await store.withdrawConsent(participant);
    expect(result).toMatchObject({ policy: 'erase', erased: 1 });
    expect(await responsesOf(participant.participantId)).toBe(0);
  });

  it('consent under "keep" in a project that keeps: the answers stay, as agreed', async () => {
    await setPolicy('keep');
    const participant = await consentAndAnswer();
    const result = await store.withdrawConsent(participant);
    expect(result).toMatchObject({ policy: 'keep', erased: 0 });
    expect(await responsesOf(participant.participantId)).toBe(1);
  });

  it('each consent row records the policy it was given under', async () => {
    await setPolicy('keep');
    const participant = await enrolWithConsent(store, world);
    const [row] = await db.query<{ policy: string }>(
      'select withdrawal_policy as policy from public.consents where participant_id = $1',
      [participant.participantId],
    );
    expect(row!.policy).toBe('keep');
  });
});
