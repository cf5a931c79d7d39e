/**
 * Staff pages in English when chosen, Swedish first (issue 19, point 6). The top bar's switch is a
 * plain ?lang= link that the app remembers in the enkat_lang cookie; a browser's Accept-Language
 * alone leaves staff pages Swedish; participant surfaces keep their own language rules. Each
 * translated page is checked whole: no Swedish word is left in its visible text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';

const EN = 'enkat_lang=en';
const withCookie = (...cookies: string[]) => ({ headers: { cookie: cookies.join('; '), accept: 'text/html' } });
const form = (body: Record<string, string>, ...cookies: string[]) => ({
  method: 'POST',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    origin: 'http://localhost',
    cookie: cookies.join('; '),
  },
  body: new URLSearchParams(body),
});

/** The words a reader sees that only Swedish spells (å, ä, ö), besides the brand and agency names. */
function swedishWords(html: string): string[] {
  const text = html
    .replace(/<p data-testid="sms-text">[\s\S]*?<\/p>/, '') // the SMS goes to the participant, in Swedish
    .replace(/<(script|style|svg)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/Enkät|Arbetsförmedlingen|Försäkringskassan/g, '');
  return text.match(/\S*[åäöÅÄÖ]\S*/g) ?? [];
}

const htmlLang = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: staff pages in English on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let coach = '';
  let participantId = '';

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    ({ app } = testApp(store));
    coach = await loginCookie(app, world.emails.coach);
    const res = await app.request('/coach/participants', form({ project_id: world.projectId, ...REGISTER }, coach));
    participantId = /\/coach\/participants\/([0-9a-f-]{36})\/start/.exec(res.headers.get('location')!)![1]!;
  });
  afterAll(() => db.close());

  /** Each translated page: how to fetch it with extra cookies, and a text only its English has. */
  const pages: { name: string; get: (...cookies: string[]) => Response | Promise<Response>; en: string; sv: string }[] =
    [
      { name: 'sign-in', get: (...k) => app.request('/login', withCookie(...k)), en: 'Sign in', sv: 'Logga in' },
      {
        name: 'to-do list',
        get: (...k) => app.request('/coach', withCookie(coach, ...k)),
        en: 'My participants',
        sv: 'Mina deltagare',
      },
      {
        name: 'exit form',
        get: (...k) => app.request(`/coach/participants/${participantId}/exit`, withCookie(coach, ...k)),
        en: 'Register exit',
        sv: 'Registrera avslut',
      },
      {
        name: 'gender and age',
        get: (...k) => app.request(`/coach/participants/${participantId}/register`, withCookie(coach, ...k)),
        en: 'Gender and age',
        sv: 'Kön och ålder',
      },
      {
        name: 'decline',
        get: (...k) => app.request(`/coach/participants/${participantId}/decline`, withCookie(coach, ...k)),
        en: 'Yes, the participant does not want to take part',
        sv: 'Ja, deltagaren vill inte delta',
      },
      {
        name: 'hand-out (link, QR, SMS)',
        get: (...k) =>
          app.request(`/coach/participants/${participantId}/start?target=wai:start`, withCookie(coach, ...k)),
        en: 'Send as text message',
        sv: 'Skicka som sms',
      },
      {
        name: 'short code',
        get: (...k) =>
          app.request(`/coach/participants/${participantId}/short-code`, form({ target: 'wai:start' }, coach, ...k)),
        en: 'Ask the participant to go to',
        sv: 'Be deltagaren gå till',
      },
      {
        name: 'hand-back',
        get: (...k) => app.request('/handover/return', withCookie(...k)),
        en: 'Back to the coach',
        sv: 'Tillbaka till coachen',
      },
      {
        name: 'error page',
        get: (...k) => app.request(`/coach/participants/${crypto.randomUUID()}/exit`, withCookie(coach, ...k)),
        en: 'Something went wrong',
        sv: 'Det gick inte',
      },
    ];

  it.each(pages)('$name: English with the cookie, whole, with the switch back to Svenska', async (page) => {
    const html = await (await page.get(EN)).text();
    expect(htmlLang(html)).toBe('en');
    expect(html).toContain(page.en);
    expect(swedishWords(html)).toEqual([]);
    expect(html).toMatch(/<a class="staff-lang" href="\?lang=sv" hreflang="sv" lang="sv"[^>]*>Svenska<\/a>/);
  });

  it.each(pages)('$name: Swedish by default, with the switch to English', async (page) => {
    const html = await (await page.get()).text();
    expect(htmlLang(html)).toBe('sv');
    expect(html).toContain(page.sv);
    expect(html).not.toContain(page.en);
    expect(html).toMatch(/<a class="staff-lang" href="\?lang=en" hreflang="en" lang="en"[^>]*>English<\/a>/);
  });

  it('?lang=en shows English without a cookie and remembers it for a year; ?lang=sv wins over the cookie', async () => {
    const res = await app.request('/coach?lang=en', withCookie(coach));
    expect(htmlLang(await res.text())).toBe('en');
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^enkat_lang=en;/);
    expect(set).toMatch(/Max-Age=31536000/);
    expect(set).toMatch(/Path=\//);
    expect(set).toMatch(/SameSite=Lax/);
    // Following the remembered choice: English on the next page without ?lang=.
    const next = await app.request(`/coach/participants/${participantId}/exit`, withCookie(coach, set.split(';')[0]!));
    expect(htmlLang(await next.text())).toBe('en');

    const back = await app.request('/coach?lang=sv', withCookie(coach, EN));
    expect(await back.text()).toContain('Mina deltagare');
    expect(back.headers.get('set-cookie')).toMatch(/^enkat_lang=sv;/);
    // The same choice again sets nothing new; junk in the cookie is Swedish.
    expect((await app.request('/coach?lang=en', withCookie(coach, EN))).headers.get('set-cookie')).toBeNull();
    expect(htmlLang(await (await app.request('/coach', withCookie(coach, 'enkat_lang=xx'))).text())).toBe('sv');
  });

  it('a browser asking for English alone leaves staff pages Swedish (Swedish first)', async () => {
    const res = await app.request('/coach', { headers: { cookie: coach, 'accept-language': 'en-GB,en;q=0.9' } });
    const html = await res.text();
    expect(htmlLang(html)).toBe('sv');
    expect(html).toContain('Mina deltagare');
  });

  it('form posts answer in the chosen language: a refused sign-in, exit and enrolment', async () => {
    const login = await app.request('/login', form({ email: world.emails.coach, password: 'wrong' }, EN));
    expect(login.status).toBe(401);
    expect(await login.text()).toContain('Wrong e-mail address or password.');
    const exit = await app.request(`/coach/participants/${participantId}/exit`, form({ exited_on: '' }, coach, EN));
    expect(exit.status).toBe(400);
    expect(await exit.text()).toContain('Choose the date and the reason for the exit. Nothing was saved.');
    const enrol = await app.request('/coach/participants', form({ project_id: world.projectId }, coach, EN));
    expect(enrol.status).toBe(400);
    const html = await enrol.text();
    expect(html).toContain('Choose the participant&#39;s gender and age band. Nothing was saved.');
    expect(swedishWords(html)).toEqual([]);
    expect(html).toMatch(/>1 participant, 1 to do\./);
  });

  it('a saved exit is shown in English words', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const res = await app.request(
      `/coach/participants/${participantId}/exit`,
      form({ exited_on: today, reason: 'studier', occupation: 'praktik' }, coach, EN),
    );
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('The exit is saved');
    expect(html).toContain('<dd>Studies</dd>');
    expect(html).toContain('<dd>Work placement / work training</dd>');
    expect(swedishWords(html)).toEqual([]);
  });

  it('participant surfaces ignore the staff choice and never set it', async () => {
    const res = await app.request('/k?lang=en', withCookie());
    expect(res.headers.get('set-cookie') ?? '').not.toContain('enkat_lang');
    const html = await (await app.request('/k', withCookie(EN))).text();
    expect(html).toContain('Skriv din kod');
    expect(html).not.toContain('staff-lang');
  });

  it('the codebook page: English frame and explanations, the wording in both languages as before', async () => {
    const researcher = await loginCookie(app, world.emails.researcher);
    const en = await (await app.request('/research/codebook', withCookie(researcher, EN))).text();
    expect(htmlLang(en)).toBe('en');
    for (const text of ['<h1>Codebook</h1>', 'Variable', 'Values and labels', 'Missing-value codes in the CSV files']) {
      expect(en).toContain(text);
    }
    expect(en).toMatch(/<li>(Required|Optional)<\/li>/);
    expect(en).toContain('Not answered = empty cell');
    for (const text of [
      'Kodbok',
      'Variabel',
      'Bortfallskoder',
      'Obligatorisk',
      'Frivillig',
      'Ladda ner',
      'Ej besvarad',
    ]) {
      expect(en).not.toContain(text);
    }
    const sv = await (await app.request('/research/codebook', withCookie(researcher))).text();
    expect(htmlLang(sv)).toBe('sv');
    expect(sv).toContain('<h1>Kodbok</h1>');
    expect(sv).toContain('Bortfallskoder i CSV-filerna');
  });

  it('a page not translated yet stays wholly Swedish and offers no switch', async () => {
    const admin = await loginCookie(app, world.emails.admin);
    const html = await (await app.request('/admin', withCookie(admin, EN))).text();
    expect(htmlLang(html)).toBe('sv');
    expect(html).toContain('Logga ut');
    expect(html).not.toContain('staff-lang');
    const researcher = await loginCookie(app, world.emails.researcher);
    const research = await (await app.request('/research', withCookie(researcher, EN))).text();
    expect(htmlLang(research)).toBe('sv');
    expect(research).not.toContain('staff-lang');
  });
});
