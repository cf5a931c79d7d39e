/**
 * Short links over HTTP: the coach's hand-out page gives /l/<id> (QR and SMS of it), the id opens
 * the participant page with the link's token inside it, and a link that does not open says why:
 * cut off or mistyped, unknown, expired, or replaced. The long /d/<token> links say the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsParts } from '../../src/coach/handout-text.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loginCookie, NO_RATE_LIMITS, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, REGISTER, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const ORIGIN = 'https://enkat.example.se';
const form = (body: Record<string, string>, cookie = '') => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...(cookie ? { cookie } : {}) },
  body: new URLSearchParams(body),
});

describe('HTTP: short links /l/<id> and the messages of links that do not open', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: App;
  let coach = '';
  let lookups = 0;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    // Counts the database lookups of short ids: a cut-off id must be refused without one.
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'resolveShortLink') lookups++;
        const value = Reflect.get(target, prop, receiver) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Store;
    ({ app } = testApp(counting, { publicOrigin: ORIGIN, rateLimits: NO_RATE_LIMITS }));
    coach = await loginCookie(app, world.emails.coach, ORIGIN);
  });
  afterAll(() => db.close());

  async function enrol(): Promise<string> {
    const res = await app.request('/coach/participants', form({ project_id: world.projectId, ...REGISTER }, coach));
    expect(res.status).toBe(303);
    return /\/coach\/participants\/([0-9a-f-]{36})\/start/.exec(res.headers.get('location')!)![1]!;
  }
  async function handOut(id: string) {
    const page = await (await app.request(`/coach/participants/${id}/start`, { headers: { cookie: coach } })).text();
    const url = /href="([^"]+)" data-testid="participant-link"/.exec(page)![1]!;
    const sms = /data-testid="sms-text">([^<]+)</.exec(page)![1]!.replace(/&amp;/g, '&');
    return { page, url, sms, path: new URL(url).pathname };
  }
  const open = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const tokenIn = (html: string) => /<meta name="enkat-link" content="([^"]+)"/.exec(html)?.[1];
  const session = (token: string) =>
    app.request('/api/p/session', {
      headers: { authorization: `Bearer ${token}`, cookie: `enkat_device=${'cd'.repeat(16)}` },
    });
  const alertOf = async (res: Response) => /role="alert"[^>]*>([^<]+)</.exec(await res.text())?.[1];

  it('the hand-out page gives a short link, its QR code and a one-part SMS naming the project', async () => {
    const { page, url, sms } = await handOut(await enrol());
    expect(url).toMatch(/^https:\/\/enkat\.example\.se\/l\/[0-9a-hjkmnp-tv-z]{13}$/);
    expect(url.length).toBe(40);
    expect(page).not.toContain('eyJ'); // no signed token on the page
    expect(page).toMatch(/<div class="qr"[^>]*><svg/);
    const [{ name } = { name: '' }] = await db.query<{ name: string }>(
      'select name from public.projects where id = $1',
      [world.projectId],
    );
    expect(sms).toMatch(new RegExp(`^Hej! Här är enkäten från ${name}\\. `));
    expect(sms.endsWith(`\n${url}`)).toBe(true);
    expect(smsParts(sms)).toMatchObject({ encoding: 'GSM-7', parts: 1 });
    expect(page).toContain(`sms:?&amp;body=${encodeURIComponent(sms).replace(/&/g, '&amp;')}`);
  });

  it('a short link opens the participant page with its token inside (not in the address), the same on every visit', async () => {
    const { path } = await handOut(await enrol());
    const first = await open(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    const token = tokenIn(await first.text())!;
    expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await session(token)).status).toBe(200);
    // Signed from the link row's own times: a reopened link resumes the same drafts on the device.
    expect(tokenIn(await (await open(path)).text())).toBe(token);
    // Upper case, and a full stop a message app glued on, still open it.
    expect((await open(`${path.toUpperCase().replace('/L/', '/l/')}.`)).status).toBe(200);
  });

  it('the coach API gives the signed link and its short link; both carry the same token', async () => {
    const id = await enrol();
    const res = await app.request(`/api/coach/participants/${id}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: coach },
      body: JSON.stringify({ survey: 'pagaende', occasion: 'pagaende' }),
    });
    expect(res.status).toBe(201);
    const { url, short_url } = (await res.json()) as { url: string; short_url: string };
    expect(short_url).toMatch(/^https:\/\/enkat\.example\.se\/l\/[0-9a-z]{13}$/);
    const opened = await open(new URL(short_url).pathname);
    expect(tokenIn(await opened.text())).toBe(url.split('/d/')[1]);
  });

  it('a cut-off or mistyped id is "not whole", told without a database lookup', async () => {
    const { path } = await handOut(await enrol());
    const before = lookups;
    const id = path.slice(3);
    const swapped = id[5] === 'a' ? 'b' : 'a';
    for (const bad of [
      `/l/${id.slice(0, 12)}`,
      `/l/${id.slice(0, 6)}`,
      `/l/${id.slice(0, 5)}${swapped}${id.slice(6)}`,
      '/l/',
      '/l',
    ]) {
      const res = await open(bad);
      expect(res.status, bad).toBe(401);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.text();
      expect(body).toContain('Länken är inte hel.');
      expect(body).toContain('The link is not complete.');
      expect(body).not.toContain('enkat-link');
    }
    expect(lookups).toBe(before);
  });

  it('an unknown, an expired and a replaced short link each say so', async () => {
    const id = await enrol();
    const old = await handOut(id);
    const current = await handOut(id); // a newer link for the same questionnaire replaces the old one
    expect(await alertOf(await open(old.path))).toContain(
      'Länken fungerar inte längre. Du har kanske fått en nyare länk',
    );
    expect((await open(current.path)).status).toBe(200);
    await db.query(
      `update public.participant_links set created_at = now() - interval '15 days', expires_at = now() - interval '1 day'
       where participant_id = $1 and revoked_at is null`,
      [id],
    );
    const expired = await open(current.path);
    expect(expired.status).toBe(401);
    expect(await alertOf(expired)).toBe('Länken har gått ut. Be din coach om en ny länk.');
    // A well-formed id (its check character right) that no link has.
    const unknown = await open('/l/0000000000000');
    expect(unknown.status).toBe(404);
    expect(await alertOf(unknown)).toContain('Vi hittar inte länken.');
  });

  it('a cut-off /d/<token> is "not whole", an expired one has expired, a replaced one no longer works', async () => {
    const id = await enrol();
    const { path } = await handOut(id);
    const token = tokenIn(await (await open(path)).text())!;
    // The page itself, before any script runs, and the API the runner then asks.
    const cut = await open(`/d/${token.slice(0, 200)}`);
    expect(cut.status).toBe(401);
    expect(await cut.text()).toContain('Länken är inte hel.');
    const api = await session(token.slice(0, -10));
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('LINK_INCOMPLETE');
    const english = await app.request('/api/p/session', {
      headers: { authorization: `Bearer ${token.slice(0, -10)}`, 'accept-language': 'en' },
    });
    expect(((await english.json()) as { error: { message: string } }).error.message).toBe(
      'The link is not complete. Copy the whole link, or ask your coach for a new one.',
    );
    await handOut(id); // replaces the link the token names
    const replaced = await session(token);
    expect(replaced.status).toBe(401);
    expect(((await replaced.json()) as { error: { code: string } }).error.code).toBe('LINK_INVALID');
  });

  it('an expired /d/<token> says it has expired, on the page and in the API', async () => {
    const id = await enrol();
    const { path } = await handOut(id);
    await db.query(
      `update public.participant_links set created_at = now() - interval '15 days', expires_at = now() - interval '1 day'
       where participant_id = $1`,
      [id],
    );
    // The token as it was signed before the link expired: the row's times, now past.
    const rows = await db.query<{ id: string; created_at: string; expires_at: string }>(
      'select id, created_at::text, expires_at::text from public.participant_links where participant_id = $1',
      [id],
    );
    const { tokens } = testApp(store);
    const { token } = await tokens.signParticipantLink(
      { participantId: id, projectId: world.projectId, survey: 'pagaende', occasion: 'pagaende', linkId: rows[0]!.id },
      { issuedAt: new Date(rows[0]!.created_at), expiresAt: new Date(rows[0]!.expires_at) },
    );
    expect(await (await open(`/d/${token}`)).text()).toContain('Länken har gått ut.');
    expect(((await (await session(token)).json()) as { error: { code: string } }).error.code).toBe('LINK_EXPIRED');
    expect(path).toMatch(/^\/l\//);
  });

  it('/k tells a typo from a code that was used; the expiry is in Swedish time; hand-over return asks no e-mail', async () => {
    const id = await enrol();
    const page = await (
      await app.request(`/coach/participants/${id}/short-code`, form({ target: 'wai:start' }, coach))
    ).text();
    const code = /data-testid="short-code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(page)![1]!;
    const [{ expires_at } = { expires_at: '' }] = await db.query<{ expires_at: string }>(
      'select expires_at::text from public.short_codes where participant_id = $1',
      [id],
    );
    const clock = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(page).toContain(`gäller till kl. ${clock.format(new Date(expires_at!))}.`);
    expect(page).not.toContain('UTC');
    // One character changed: the check character catches it.
    const typo = code.slice(0, 8) + (code[8] === 'A' ? 'B' : 'A');
    const typed = await app.request('/k', form({ code: typo }));
    expect(typed.status).toBe(400);
    expect(await typed.text()).toContain('Koden är inte rätt skriven.');
    expect((await app.request('/k', form({ code }))).status).toBe(303);
    const used = await app.request('/k', form({ code }));
    expect(used.status).toBe(404);
    const body = await used.text();
    expect(body).toContain('Den kan redan vara använd eller för gammal');
    expect(body).not.toContain('inte rätt skriven');
    // The hand-over return asks for the coach's password only, and its refusal says so.
    const handover = await app.request(`/coach/participants/${id}/handover`, form({ target: 'wai:start' }, coach));
    const cookie = handover.headers
      .getSetCookie()
      .filter((c) => !c.includes('=;'))
      .map((c) => c.split(';')[0])
      .join('; ');
    const wrong = await app.request('/handover/return', form({ password: 'not the password' }, cookie));
    expect(wrong.status).toBe(401);
    const message = await alertOf(wrong);
    expect(message).toBe('Lösenordet stämmer inte. Skriv samma lösenord som när du loggar in i Enkät.');
  });
});
