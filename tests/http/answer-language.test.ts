/**
 * The answer language over HTTP (issue 20, point 6): the participant API takes an optional locale
 * with a submission and with consent, refuses anything else with a clear 400 and stores nothing,
 * and a retry in another language changes nothing; the codebook (page and CSV) and the
 * Rapportunderlag (page and CSV) show the responses per language, suppressed as register counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, TEST_SECRET, testApp } from '../support/app.ts';
import { openTestDatabase, type Engine } from '../support/db.ts';
import {
  closeQuarters,
  createWorld,
  enrol,
  enrolWithConsent,
  pagaendeAnswers,
  type ParticipantPrincipal,
  type World,
} from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const httpEngines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** The cells of each row of the table with the given data-testid, as texts. */
function tableRows(html: string, testId: string): string[][] {
  const table = new RegExp(`<table[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (!table) throw new Error(`no table ${testId}`);
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe.each(httpEngines)('HTTP: answer language on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let pagaendeId: string;
  let consentId: string;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    pagaendeId = (await store.publishedDefinition(world.coach, 'pagaende'))!.id;
    consentId = (await store.publishedDefinition(world.coach, 'samtycke-forskning'))!.id;
    // The reports' data: 7 in Swedish, 5 in Arabic, 1 in Somali, 2 not recorded, in a closed quarter.
    const langs = [...Array(7).fill('sv'), ...Array(5).fill('ar'), 'so', undefined, undefined];
    for (const locale of langs) {
      const who = await enrolWithConsent(store, world);
      const input = { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(4) };
      await store.submitResponse(who, locale ? { ...input, locale } : input);
    }
    await closeQuarters(db, world.projectId);
    for (const who of ['researcher', 'admin'] as const) cookies[who] = await loginCookie(app, world.emails[who]);
  });
  afterAll(() => db.close());

  const post = async (who: ParticipantPrincipal, path: string, body: unknown) =>
    app.request(path, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await tokens.signParticipantLink(who)).token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  const responseLocales = (participantId: string) =>
    db.query<{ locale: string | null }>('select locale from public.responses where participant_id = $1', [
      participantId,
    ]);
  const consentLocales = (participantId: string) =>
    db.query<{ locale: string | null }>('select locale from public.consents where participant_id = $1', [
      participantId,
    ]);
  const get = (path: string, who: string) => app.request(path, { headers: { cookie: cookies[who]! } });

  it('stores the language sent with a submission, and a retry in another language changes nothing', async () => {
    const who = await enrolWithConsent(store, world);
    const body = { id: crypto.randomUUID(), definition_id: pagaendeId, answers: pagaendeAnswers(3), locale: 'prs' };
    expect((await post(who, '/api/p/responses', body)).status).toBe(201);
    const retry = await post(who, '/api/p/responses', { ...body, locale: 'sv-x-ll' });
    expect(retry.status).toBe(200);
    expect(await responseLocales(who.participantId)).toEqual([{ locale: 'prs' }]);
  });

  it('refuses a language that is not a participant language with a clear 400, storing nothing', async () => {
    const who = await enrolWithConsent(store, world);
    for (const locale of ['de', 'fa-AF', '', 'SV', 7, null]) {
      const res = await post(who, '/api/p/responses', {
        id: crypto.randomUUID(),
        definition_id: pagaendeId,
        answers: pagaendeAnswers(3),
        locale,
      });
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { code: string; issues: { path: string; message: string }[] } })
        .error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.issues).toContainEqual({
        path: 'locale',
        message: 'locale must be one of sv, sv-x-ll, en, ar, so, ti, prs, fa',
      });
    }
    expect(await responseLocales(who.participantId)).toEqual([]);
  });

  it('stores the language of consent, and refuses a bad one without recording consent', async () => {
    const answers = { samtycker: true, svarar_med: 'self' };
    const bad = await enrol(store, world);
    expect((await post(bad, '/api/p/consent', { definition_id: consentId, answers, locale: 'xx' })).status).toBe(400);
    expect(await consentLocales(bad.participantId)).toEqual([]);
    const good = await enrol(store, world);
    expect((await post(good, '/api/p/consent', { definition_id: consentId, answers, locale: 'ti' })).status).toBe(201);
    expect(await consentLocales(good.participantId)).toEqual([{ locale: 'ti' }]);
  });

  // Two counts below the minimum hide each other (their sum is all the total gives back); one alone
  // would take the next smallest with it (tests/db/answer-languages.test.ts).
  it('the codebook page and CSV list the answer languages, small counts hidden', async () => {
    const page = await get(`/research/codebook?survey=pagaende&project=${world.projectId}`, 'researcher');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(tableRows(html, 'answer-languages-table')).toEqual([
      ['Språk', 'Svar'],
      ['svenska (sv)', '7'],
      ['arabiska (ar)', '5'],
      ['somaliska (so)', 'för få'],
      ['okänt (inte registrerat)', 'för få'],
      ['Totalt', '15'],
    ]);
    const english = await (await get(`/research/codebook?survey=pagaende&lang=en`, 'researcher')).text();
    expect(tableRows(english, 'answer-languages-table')[3]).toEqual(['Somali (so)', 'too few']);

    const csv = await (await get(`/api/research/codebook.csv?survey=pagaende`, 'researcher')).text();
    const lines = csv.split('\r\n');
    const at = lines.indexOf('answer_language,language_sv,language_en,responses');
    expect(lines[at - 1]).toBe('');
    expect(lines.slice(at + 1, at + 6)).toEqual([
      'sv,svenska,Swedish,7',
      'ar,arabiska,Arabic,5',
      'so,somaliska,Somali,-997',
      'unknown,okänt (inte registrerat),not recorded,-997',
      'total,totalt,total,15',
    ]);
    // The consent form has no figures: no language table.
    const consent = await (await get('/research/codebook?survey=samtycke-forskning', 'researcher')).text();
    expect(consent).not.toContain('data-testid="answer-languages"');
  });

  it('the Rapportunderlag shows the same counts per survey, page and CSV alike', async () => {
    const html = await (await get(`/research/rapportunderlag?project=${world.projectId}`, 'admin')).text();
    expect(tableRows(html, 'basis-svarssprak')).toEqual([
      ['Språk', 'WAI (arbetsförmåga)', 'Pågående', 'Avslut'],
      ['svenska', 'för få', '7', 'för få'],
      ['arabiska', 'för få', '5', 'för få'],
      ['somaliska', 'för få', 'för få', 'för få'],
      ['okänt (inte registrerat)', 'för få', 'för få', 'för få'],
      ['Totalt', 'för få', '15', 'för få'],
    ]);
    const csv = await (await get(`/api/research/rapportunderlag.csv?project=${world.projectId}`, 'admin')).text();
    expect(csv).toContain('\r\nsvenska;för få;7;för få\r\n');
    expect(csv).toContain('\r\nTotalt;för få;15;för få\r\n');
  });
});
