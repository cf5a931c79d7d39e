import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { principalClaims } from '../../src/store/claims.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { Principal } from '../../src/store/store.ts';
import { sqlAs } from '../support/as-role.ts';
import { concurrentEngine, engines, openTestDatabase } from '../support/db.ts';
import {
  createWorld,
  enrol,
  enrolWithConsent,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

const DENIED = '42501'; // insufficient_privilege

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    return String((error as { code?: string }).code ?? error);
  }
}

describe.each(engines)('drafts on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let pagaendeId: string;
  let waiId: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
    waiId = (await store.publishedDefinition(world.coach, 'wai'))!.id;
  });
  afterAll(() => db.close());

  const draftRows = async (participantId: string) =>
    db.query<{ survey_key: string; occasion: string; page: number; answers: Record<string, unknown> }>(
      'select survey_key, occasion, page, answers from public.drafts where participant_id = $1',
      [participantId],
    );

  it('saves, replaces and returns the draft for the link’s survey and occasion', async () => {
    const who = await enrolWithConsent(store, world);
    expect((await store.participantSession(who))!.draft).toBeNull();
    const first = await store.saveDraft(who, { definition_id: pagaendeId, answers: { stod_till_hjalp: 4 }, page: 1 });
    expect(Date.parse(first.updated_at)).not.toBeNaN();
    await store.saveDraft(who, {
      definition_id: pagaendeId,
      answers: { stod_till_hjalp: 5, paverka_plan: 'none' },
      page: 2,
    });
    const session = await store.participantSession(who);
    expect(session).toMatchObject({
      consent: 'given',
      draft: { definition_id: pagaendeId, answers: { stod_till_hjalp: 5, paverka_plan: 'none' }, page: 2 },
    });
    expect(await draftRows(who.participantId)).toHaveLength(1);
    // The same participant through a link for another survey sees no draft there.
    const other: ParticipantPrincipal = { ...who, survey: 'wai', occasion: 'start' };
    expect((await store.participantSession(other))!.draft).toBeNull();
  });

  it('the submission deletes the draft in the same transaction', async () => {
    const who = await enrolWithConsent(store, world);
    await store.saveDraft(who, { definition_id: pagaendeId, answers: { stod_till_hjalp: 4 }, page: 3 });
    await store.submitResponse(who, {
      id: crypto.randomUUID(),
      definition_id: pagaendeId,
      answers: pagaendeAnswers(4),
    });
    expect(await draftRows(who.participantId)).toEqual([]);
    expect((await store.participantSession(who))!.draft).toBeNull();
    // A late autosave after the submission is refused, so no draft comes back.
    expect(
      await code(store.saveDraft(who, { definition_id: pagaendeId, answers: { stod_till_hjalp: 1 }, page: 0 })),
    ).toBe('ALREADY_SUBMITTED');
    expect(await draftRows(who.participantId)).toEqual([]);
  });

  it('a failed submission keeps the draft (nothing is written)', async () => {
    const who = await enrolWithConsent(store, world);
    await store.saveDraft(who, { definition_id: pagaendeId, answers: { stod_till_hjalp: 4 }, page: 3 });
    expect(
      await code(
        store.submitResponse(who, { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(9) }),
      ),
    ).toBe('ANSWER_OUT_OF_RANGE');
    expect(await draftRows(who.participantId)).toHaveLength(1);
  });

  it('withdrawing consent deletes the drafts and refuses further saves', async () => {
    const who = await enrolWithConsent(store, world);
    await store.saveDraft(who, { definition_id: pagaendeId, answers: { stod_till_hjalp: 2 }, page: 1 });
    await store.withdrawConsent(who);
    expect(await draftRows(who.participantId)).toEqual([]);
    expect(await code(store.saveDraft(who, { definition_id: pagaendeId, answers: {}, page: 0 }))).toBe(
      'CONSENT_WITHDRAWN',
    );
  });

  it('refuses a draft without consent, for another survey or occasion, or with a bad page', async () => {
    const noConsent = await enrol(store, world);
    expect(await code(store.saveDraft(noConsent, { definition_id: pagaendeId, answers: {}, page: 0 }))).toBe(
      'CONSENT_REQUIRED',
    );
    const who = await enrolWithConsent(store, world);
    expect(await code(store.saveDraft(who, { definition_id: waiId, answers: {}, page: 0 }))).toBe(
      'DEFINITION_NOT_FOUND',
    );
    const wrongOccasion: ParticipantPrincipal = { ...who, occasion: 'avslut' };
    expect(await code(store.saveDraft(wrongOccasion, { definition_id: pagaendeId, answers: {}, page: 0 }))).toBe(
      'DEFINITION_NOT_FOUND',
    );
    for (const page of [-1, 1000])
      expect(await code(store.saveDraft(who, { definition_id: pagaendeId, answers: {}, page }))).toBe(
        'VALIDATION_FAILED',
      );
    expect(await code(store.call(who, 'save_draft', { definition_id: pagaendeId, answers: [], page: 0 }))).toBe(
      'ANSWERS_INVALID',
    );
    expect(await draftRows(who.participantId)).toEqual([]);
  });

  /** Runs `during` while a submission is inside its transaction, not yet committed. */
  async function whileSubmitting(who: ParticipantPrincipal, during: () => Promise<void>) {
    const { role, claims } = principalClaims(who);
    const body = { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(2) };
    await db.transaction(async (tx) => {
      await tx.query('select app.call_as($1, $2, $3, $4::text::jsonb)', [
        JSON.stringify(claims),
        role,
        'submit_response',
        JSON.stringify(body),
      ]);
      await during();
    });
  }
  const settledWithin = async (p: Promise<unknown>, ms: number) =>
    Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), ms)),
    ]);

  it.runIf(concurrentEngine(engine))(
    'a save racing a submission waits for it and is refused: no draft outlives it',
    async () => {
      const who = await enrolWithConsent(store, world);
      let save!: Promise<string>;
      await whileSubmitting(who, async () => {
        save = code(store.saveDraft(who, { definition_id: pagaendeId, answers: { stod_till_hjalp: 1 }, page: 0 }));
        expect(await settledWithin(save, 300)).toBe(false); // blocked on the participant row
      });
      expect(await save).toBe('ALREADY_SUBMITTED');
      expect(await draftRows(who.participantId)).toEqual([]);
    },
  );

  it.runIf(concurrentEngine(engine))('a submission racing a save waits for it and then deletes the draft', async () => {
    const who = await enrolWithConsent(store, world);
    const { role, claims } = principalClaims(who);
    let submit!: Promise<string>;
    await db.transaction(async (tx) => {
      await tx.query('select app.call_as($1, $2, $3, $4::text::jsonb)', [
        JSON.stringify(claims),
        role,
        'save_draft',
        JSON.stringify({ definition_id: pagaendeId, answers: { stod_till_hjalp: 1 }, page: 0 }),
      ]);
      submit = code(
        store.submitResponse(who, { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(2) }),
      );
      expect(await settledWithin(submit, 300)).toBe(false);
    });
    expect(await submit).toBe('ok');
    expect(await draftRows(who.participantId)).toEqual([]);
  });

  it('staff never see drafts: no table access for any role, and coach_participants carries none', async () => {
    const who = await enrolWithConsent(store, world);
    await store.saveDraft(who, { definition_id: pagaendeId, answers: { stod_till_hjalp: 6 }, page: 1 });
    const everyone: [string, Principal][] = [
      ['anonymous', { kind: 'anonymous' }],
      ['participant', who],
      ['coach', world.coach],
      ['researcher', world.researcher],
      ['admin', world.admin],
    ];
    for (const [label, p] of everyone) {
      expect(await sqlAs(db, p, 'select * from public.drafts'), label).toEqual({ error: DENIED });
      expect(await sqlAs(db, p, `delete from public.drafts`), label).toEqual({ error: DENIED });
    }
    for (const [label, p] of everyone.filter(([l]) => l !== 'participant')) {
      expect(await code(store.saveDraft(p, { definition_id: pagaendeId, answers: {}, page: 0 })), label).toBe(
        label === 'anonymous' ? DENIED : 'PARTICIPANT_NOT_FOUND',
      );
      expect(await sqlAs(db, p, `select public.participant_session('{}'::jsonb) as s`), label).toMatchObject(
        label === 'anonymous' ? { error: DENIED } : { rows: [{ s: null }] },
      );
    }
    const rows = await store.coachParticipants(world.coach, world.projectId);
    const mine = rows.find((r) => r.id === who.participantId)!;
    expect(JSON.stringify(mine)).not.toMatch(/draft|stod_till_hjalp/);
  });
});
