/**
 * Threat: a coach who knows to the millisecond when a participant answered can match that answer
 * in figures or exports that change with it (issue 16, finding 6, the coach's part). Attack: a
 * participant submits; the coach reads the participant list (page and API) looking for the time.
 * The coach learns that it was answered and on which day, never the time of day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

describe.each(engines.filter((e) => e !== 'supabase'))('the coach never sees when an answer came on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
  });
  afterAll(() => db.close());

  it('the list says the day only', async () => {
    const participant = await enrolWithConsent(store, world);
    const def = (await store.publishedDefinition(participant, 'pagaende'))!;
    const sent = await store.submitResponse(participant, {
      id: crypto.randomUUID(),
      definition_id: def.id,
      answers: pagaendeAnswers(5),
    });
    // Enrolment (the coach's own act, shown to them) ten days earlier, so only the answer is recent.
    await db.query(`update public.participants set enrolled_at = enrolled_at - interval '10 days' where id = $1`, [
      participant.participantId,
    ]);
    const { app } = testApp(store);
    const cookie = await loginCookie(app, world.emails.coach);
    const api = await app.request(`/api/coach/participants?project=${world.projectId}`, { headers: { cookie } });
    const body = await api.text();
    const row = (
      JSON.parse(body) as { participants: { id: string; submitted: Record<string, unknown>[] }[] }
    ).participants.find((p) => p.id === participant.participantId)!;
    const stockholmDay = new Date(sent.submitted_at).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    expect(row.submitted).toEqual([{ survey: 'pagaende', occasion: 'pagaende', submitted_on: stockholmDay }]);
    // Neither the stored instant nor any time of day appears anywhere in what the coach gets.
    const page = await (await app.request(`/coach?project=${world.projectId}`, { headers: { cookie } })).text();
    for (const text of [body, page]) {
      expect(text).not.toContain(sent.submitted_at);
      expect(text).not.toContain(sent.submitted_at.slice(0, 16));
    }
  });
});
