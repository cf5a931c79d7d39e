/**
 * Issue 20, point 5: the coach picks the participant's language when starting a survey; the link
 * (and a hand-over) opens in it. Only Swedish and the languages the organisation's admin approved
 * for both the consent form and the survey are offered; anything else is refused and mints nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, NO_RATE_LIMITS, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';

const ORIGIN = 'https://enkat.example.se';

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: the coach chooses the link language (%s)', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let coach: string;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store, { languages: ['en', 'ar'] });
    // Somali approved for the survey only: not offered, since the consent form comes first.
    const pagaende = (await store.publishedDefinition(world.admin, 'pagaende'))!;
    await store.setDefinitionLanguage(world.admin, { id: pagaende.id, lang: 'so', approved: true });
    ({ app } = testApp(store, { publicOrigin: ORIGIN, rateLimits: NO_RATE_LIMITS }));
    coach = await loginCookie(app, world.emails.coach, ORIGIN);
  });
  afterAll(() => db.close());

  const participant = async () =>
    (await store.enrolParticipant(world.coach, { project_id: world.projectId, code: generateCode(), ...REGISTER })).id;
  const links = async (id: string) =>
    (
      await db.query<{ n: number }>(
        'select count(*)::int as n from public.participant_links where participant_id = $1',
        [id],
      )
    )[0]!.n;
  const start = (id: string, query: string) =>
    app.request(`/coach/participants/${id}/start?target=pagaende:pagaende${query}`, { headers: { cookie: coach } });

  it('offers Swedish and the approved languages, each named in Swedish and in itself', async () => {
    const html = await (await start(await participant(), '')).text();
    const select = /<select name="sprak">([\s\S]*?)<\/select>/.exec(html)![1]!;
    const values = [...select.matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
    expect(values).toEqual(['sv', 'en', 'ar']);
    expect(select).toContain('arabiska – العربية');
    expect(html).toMatch(/<a href="https:\/\/enkat\.example\.se\/l\/[0-9a-z]{13}" data-testid="participant-link">/);
  });

  it('the link opens in the language chosen, first screen and all', async () => {
    const html = await (await start(await participant(), '&sprak=ar')).text();
    const href = /<a href="([^"]+)" data-testid="participant-link">/.exec(html)![1]!;
    expect(href).toMatch(/\/l\/[0-9a-z]{13}\?lang=ar$/);
    expect(html).toMatch(/<option value="ar" selected="">/);
    const page = await (await app.request(href.replace(ORIGIN, ''))).text();
    expect(page).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it('refuses a language not approved for both forms, or not a language at all, and mints no link', async () => {
    for (const sprak of ['so', 'ti', 'xx', '<script>']) {
      const id = await participant();
      const res = await start(id, `&sprak=${encodeURIComponent(sprak)}`);
      expect(res.status, sprak).toBe(400);
      expect(await links(id)).toBe(0);
    }
  });

  it('a hand-over opens in the language chosen', async () => {
    const id = await participant();
    const res = await app.request(`/coach/participants/${id}/handover`, {
      method: 'POST',
      headers: { cookie: coach, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ target: 'pagaende:pagaende', sprak: 'ar' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/d?lang=ar');
  });
});
