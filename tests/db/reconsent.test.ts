import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { ParticipantPrincipal } from '../support/fixtures.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { publishNextVersion } from '../support/definitions.ts';
import { createWorld, enrol, pagaendeAnswers, type World } from '../support/fixtures.ts';

/**
 * Re-consent: a new version of a consent text. Participants keep an older consent unless their
 * project requires the newest; then nothing is collected until they consent again. A consent
 * key of the test's own keeps the shared test database's consent texts untouched.
 */
describe.each(engines)('re-consent on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let key: string;
  let v1: string;
  let v2: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    const shipped = JSON.parse(
      await readFile(new URL('../../surveys/samtycke-forskning.json', import.meta.url), 'utf8'),
    ) as { survey: Record<string, unknown>; meta: Record<string, unknown> };
    key = `samtycke-test-${crypto.randomUUID().slice(0, 8)}`;
    const seed = (version: number) =>
      store.seedDefinition({
        key,
        version,
        kind: 'consent',
        json: shipped.survey,
        meta: { ...shipped.meta, key, version } as never,
      });
    // The library gets the consent text; organisations adopt it as their version 1.
    await seed(1);
  });
  afterAll(() => db.close());

  /** Consent to the organisation's version 1; then its admin publishes version 2. */
  async function consentedToV1(world: World): Promise<ParticipantPrincipal> {
    const who = await enrol(store, world);
    v1 = (await store.publishedDefinition(who, key))!.id;
    await store.giveConsent(who, {
      definition_id: v1,
      answers: { samtycker: true, svarar_med: 'self' },
      method: 'self',
    });
    v2 = await publishNextVersion(store, world.admin, v1);
    return who;
  }
  const pagaende = async (who: ParticipantPrincipal) => (await store.publishedDefinition(who, 'pagaende'))!.id;
  const consents = (who: ParticipantPrincipal) =>
    db.query<{ definition_id: string; withdrawn: boolean; renewed: boolean }>(
      `select definition_id, withdrawn_at is not null as withdrawn, renewed_by is not null as renewed from public.consents where participant_id = $1 order by given_at`,
      [who.participantId],
    );

  it('keeps an older consent when the project does not require the newest', async () => {
    const world = await createWorld(store);
    const who = await consentedToV1(world);
    expect((await store.participantState(who))!.consent).toBe('given');
    await expect(
      store.submitResponse(who, {
        id: crypto.randomUUID(),
        definition_id: await pagaende(who),
        answers: pagaendeAnswers(4),
      }),
    ).resolves.toMatchObject({ created: true });
  });

  it('asks again where the project requires it, collects nothing until then, and keeps the draft', async () => {
    const world = await createWorld(store);
    await db.query(`update public.projects set settings = settings || '{"requireReconsent": true}' where id = $1`, [
      world.projectId,
    ]);
    const who = await consentedToV1(world);
    expect((await store.participantState(who))!.consent).toBe('renew');
    expect((await store.coachParticipants(world.coach, world.projectId))[0]!.consent).toBe('renew');
    const definition_id = await pagaende(who);
    await expect(store.saveDraft(who, { definition_id, answers: { mer_redo: 4 }, page: 1 })).rejects.toMatchObject({
      code: 'CONSENT_RENEWAL_REQUIRED',
    });
    await expect(
      store.submitResponse(who, { id: crypto.randomUUID(), definition_id, answers: pagaendeAnswers(4) }),
    ).rejects.toMatchObject({ code: 'CONSENT_RENEWAL_REQUIRED' });
    expect(await db.query('select 1 from public.responses where participant_id = $1', [who.participantId])).toEqual([]);

    // A draft saved before the new text was published survives the renewal.
    await db.query(
      `insert into public.drafts (participant_id, survey_key, occasion, definition_id, answers, page, device_hash) values ($1, 'pagaende', 'pagaende', $2, '{"mer_redo": 5}', 2, $3)`,
      [who.participantId, definition_id, who.deviceHash],
    );
    // Consenting to the old text again changes nothing; to the new one renews.
    await expect(
      store.giveConsent(who, { definition_id: v1, answers: { samtycker: true }, method: 'self' }),
    ).resolves.toMatchObject({ created: false });
    await expect(
      store.giveConsent(who, {
        definition_id: v2,
        answers: { samtycker: true, svarar_med: 'self' },
        method: 'with_coach',
      }),
    ).resolves.toMatchObject({ created: true });
    expect(await consents(who)).toEqual([
      { definition_id: v1, withdrawn: true, renewed: true },
      { definition_id: v2, withdrawn: false, renewed: false },
    ]);
    const state = (await store.participantSession(who))!;
    expect(state).toMatchObject({ consent: 'given', status: 'active', draft: { answers: { mer_redo: 5 }, page: 2 } });
    await expect(
      store.submitResponse(who, { id: crypto.randomUUID(), definition_id, answers: pagaendeAnswers(4) }),
    ).resolves.toMatchObject({ created: true });
    const audit = await db.query<{ action: string }>(
      `select action from public.audit_log where target_id = $1 and action like 'consent.%' order by id`,
      [who.participantId],
    );
    expect(audit.map((a) => a.action)).toEqual(['consent.give', 'consent.renew']);
  });

  it('a withdrawal after a renewal is a withdrawal: status, drafts and further collection', async () => {
    const world = await createWorld(store);
    await db.query(`update public.projects set settings = settings || '{"requireReconsent": true}' where id = $1`, [
      world.projectId,
    ]);
    const who = await consentedToV1(world);
    await store.giveConsent(who, { definition_id: v2, answers: { samtycker: true }, method: 'self' });
    await store.saveDraft(who, { definition_id: await pagaende(who), answers: { mer_redo: 3 }, page: 0 });
    await store.withdrawConsent(who);
    expect((await store.participantState(who))!.consent).toBe('withdrawn');
    expect(await db.query('select 1 from public.drafts where participant_id = $1', [who.participantId])).toEqual([]);
    await expect(
      store.giveConsent(who, { definition_id: v2, answers: { samtycker: true }, method: 'self' }),
    ).rejects.toMatchObject({ code: 'CONSENT_WITHDRAWN' });
  });
});
