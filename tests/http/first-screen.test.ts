/**
 * The first screen in the participant page's HTML (participant/first-screen.ts, views/first-screen*.tsx):
 * the consent form while consent is missing, else the questionnaire's first page, with the texts of
 * the definition in the language asked for and the project facts filled in; nothing where the
 * runner would show something else (a draft of this browser's, a questionnaire already sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { TEST_SECRET, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { shippedDefinition } from '../support/definitions.ts';
import { createWorld, enrol, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

type Json = Record<string, any>;
const DEVICE = `enkat_device=${'cd'.repeat(16)}`;
const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
/** The visible text of some HTML, one space between words. */
const textOf = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
/** The content of <main id="app"> and its first-screen attribute. */
function mainOf(html: string): { id: string | undefined; inner: string } {
  const m = /<main id="app"( data-first-screen="([^"]+)")?>([\s\S]*)<\/main>/.exec(html);
  return { id: m?.[2], inner: m?.[3] ?? '' };
}

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: the first screen drawn on the server (%s)', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
  });
  afterAll(() => db.close());

  const page = async (token: string, query = '', cookie = DEVICE) => {
    const res = await app.request(`/d/${token}${query}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.text();
  };

  it('draws the consent form while consent is missing: title, information text with the facts, questions, options', async () => {
    const who = await enrol(store, world);
    const html = await page((await tokens.signParticipantLink(who)).token);
    const consent = (await store.publishedDefinition(world.coach, 'samtycke-forskning'))!;
    const { id, inner } = mainOf(html);
    expect(id).toBe(consent.id);
    const text = textOf(inner);
    const survey = shippedDefinition('samtycke-forskning').survey as Json;
    const [info, check, how, sign] = survey.pages[0].elements as Json[];
    expect(inner).toMatch(/<h1 aria-label="Samtycke" class="sd-title">/);
    // The information text with its formatting tags, the project facts filled in.
    expect(inner).toContain('<h2>Vill du hjälpa oss att göra stödet bättre?</h2><p><strong>Varför?</strong>');
    const project = await store.participantSession(who);
    expect(text).toContain(
      `${project!.project.organisation} följer upp hur stödet i ${project!.project.name} fungerar`,
    );
    expect(text).not.toContain('{organisationName}');
    expect(text).toContain('Frågor: ingen uppgift');
    expect(text).toContain(check!.title.sv);
    expect(inner).toMatch(/<input type="checkbox" name="samtycker" data-q="samtycker" data-boolean="true"/);
    expect(text).toContain(how!.title.sv);
    for (const choice of how!.choices as Json[]) {
      expect(text).toContain(choice.text.sv);
      expect(inner).toContain(
        `data-q="svarar_med" class="sd-visuallyhidden sd-item__control sd-radio__control" value="${choice.value}"`,
      );
    }
    expect(text).toContain(sign!.title.sv);
    expect(inner).toContain('value="Skicka"');
    expect(text).toContain('Jag vill inte delta');
    expect(info!.type).toBe('html');
  });

  it('draws the first question of the questionnaire once consent is given, in the language asked for', async () => {
    const who = await enrolWithConsent(store, world);
    const token = (await tokens.signParticipantLink(who)).token;
    const pagaende = (await store.publishedDefinition(world.coach, 'pagaende'))!;
    const survey = shippedDefinition('pagaende').survey as Json;
    const first = survey.pages[0].elements[0] as Json;
    for (const lang of ['sv', 'en'] as const) {
      const html = await page(token, lang === 'en' ? '?lang=en' : '', `${DEVICE}; other=1`);
      const { id, inner } = mainOf(html);
      expect(id).toBe(pagaende.id);
      expect(html).toContain(`<html lang="${lang}" dir="ltr">`);
      const text = textOf(inner);
      expect(inner).toContain(`<h1 aria-label="${survey.title[lang]}" class="sd-title">`);
      expect(text).toContain(decode(survey.description[lang]));
      expect(text).toContain(lang === 'en' ? 'Question 1 of 7' : 'Fråga 1 av 7');
      expect(text).toContain(`${first.title[lang]} *`);
      expect(text).toContain(first.description[lang]);
      const options = [...inner.matchAll(/data-q="stod_till_hjalp"[^>]* value="([^"]+)"/g)].map((m) => m[1]);
      expect(options).toEqual([...first.choices.map((c: Json) => String(c.value)), 'none']);
      for (const choice of first.choices as Json[]) expect(text).toContain(decode(choice.text[lang]));
      expect(text).toContain(decode(first.noneText[lang]));
      expect(inner).toContain(`value="${lang === 'en' ? 'Next' : 'Nästa'}"`);
      expect(text).toContain(lang === 'en' ? 'Withdraw consent' : 'Återkalla samtycke');
      // Nothing of a later page.
      expect(text).not.toContain(survey.pages[1].elements[0].title[lang]);
    }
  });

  it("draws nothing where the runner resumes this browser's draft or the questionnaire is sent", async () => {
    const who = await enrolWithConsent(store, world);
    const token = (await tokens.signParticipantLink(who)).token;
    const pagaende = (await store.publishedDefinition(world.coach, 'pagaende'))!;
    const put = await app.request('/api/p/draft', {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, cookie: DEVICE, 'content-type': 'application/json' },
      body: JSON.stringify({ definition_id: pagaende.id, answers: { stod_till_hjalp: 4 }, page: 1 }),
    });
    expect(put.status).toBe(200);
    expect(mainOf(await page(token)).id).toBeUndefined();
    expect(textOf(mainOf(await page(token)).inner)).toContain('Laddar');
    // Another browser has no draft here: it starts at the first question.
    expect(mainOf(await page(token, '', `enkat_device=${'ef'.repeat(16)}`)).id).toBe(pagaende.id);

    const sent = await enrolWithConsent(store, world);
    await store.submitResponse(sent, {
      id: crypto.randomUUID(),
      definition_id: pagaende.id,
      answers: pagaendeAnswers(3),
    });
    expect(mainOf(await page((await tokens.signParticipantLink(sent)).token)).id).toBeUndefined();
  });
});

describe('HTTP: the service worker and its offline page', () => {
  it('serve the same to everyone, carry no token, and keep the assets of this build', async () => {
    const { db, store } = await openTestDatabase('pglite');
    try {
      const { app } = testApp(store);
      const sw = await app.request('/sw.js');
      expect(sw.status).toBe(200);
      expect(sw.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      expect(sw.headers.get('set-cookie')).toBeNull();
      const source = await sw.text();
      const config = JSON.parse(/^self\.ENKAT = (.*);$/m.exec(source)![1]!) as { assets: string[]; offline: string };
      expect(config.offline).toBe('offline');
      expect(config.assets).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\/app/)]));
      expect(source).toMatch(/importScripts\("\/assets\/service-worker[^"]*\.js"\);/);

      const offline = await app.request('/offline');
      expect(offline.status).toBe(200);
      expect(offline.headers.get('set-cookie')).toBeNull();
      const text = textOf(await offline.text());
      expect(text).toContain('Du är inte uppkopplad Dina svar finns kvar i telefonen.');
      expect(text).toContain('Ladda om sidan när du är uppkopplad igen.');
      expect(text).toContain('You are offline Your answers are kept on this phone.');
    } finally {
      await db.close();
    }
  });
});
