/**
 * Issue 20: a language is offered to participants only after an admin of the organisation has
 * approved it for that version (audited); a consent form needs the warning read; another
 * organisation's admin, a coach or a researcher cannot approve; withdrawing ends the offer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, TEST_SECRET, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
type Json = Record<string, any>;

/** Every language key of the localised texts in some JSON. */
function languagesIn(json: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(json)) json.forEach((v) => languagesIn(v, found));
  else if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    if (typeof o.sv === 'string') Object.keys(o).forEach((k) => found.add(k));
    else Object.values(o).forEach((v) => languagesIn(v, found));
  }
  return found;
}

describe.each(engines.filter((e) => e !== 'supabase'))('HTTP: approving a language for participants (%s)', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let other: World;
  let app: App;
  let consentId: string;
  const cookies: Record<string, string> = {};
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store, { languages: [] }); // nothing approved: Swedish only
    other = await createWorld(store);
    app = testApp(store).app;
    for (const who of ['admin', 'coach', 'researcher'] as const)
      cookies[who] = await loginCookie(app, world.emails[who]);
    cookies.otherAdmin = await loginCookie(app, other.emails.admin);
    consentId = (await store.publishedDefinition(world.admin, 'samtycke-forskning'))!.id;
  });
  afterAll(() => db.close());

  const post = (id: string, form: Record<string, string>, who = 'admin') =>
    app.request(`/admin/definitions/${id}/languages`, {
      method: 'POST',
      headers: {
        cookie: cookies[who]!,
        origin: 'http://localhost',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form),
    });
  const approvals = async (id: string) =>
    (
      await db.query<{ lang: string }>(
        'select lang from public.definition_languages where definition_id = $1 order by lang',
        [id],
      )
    ).map((r) => r.lang);
  const auditOf = async (id: string) =>
    db.query<{ action: string; details: Json }>(
      `select action, details from public.audit_log where target_id = $1 and action like 'definition.language%' order by at`,
      [id],
    );
  /** What a fresh participant's runner gets: the consent form's languages and texts. */
  async function participantView(query = '') {
    const who = await enrol(store, world);
    const { token } = await tokens.signParticipantLink(who);
    const session = (await (
      await app.request('/api/p/session', { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Json;
    const html = await (await app.request(`/d/${token}${query}`)).text();
    return { consent: session.consent as Json, html };
  }

  it('an unapproved language is not offered: only Swedish texts reach the participant, whatever ?lang= asks', async () => {
    const { consent, html } = await participantView('?lang=ar');
    expect(consent.languages).toEqual(['sv']);
    expect([...languagesIn(consent.json)]).toEqual(['sv']);
    expect([...languagesIn(consent.title)]).toEqual(['sv']);
    expect(html).toMatch(/<html lang="sv" dir="ltr">/);
    // No Arabic text of the form on the page (our own notice may say, in Arabic, that it is not offered).
    const form = html.slice(html.indexOf('<div class="survey-host">'), html.lastIndexOf('</form>'));
    expect(form.length).toBeGreaterThan(500);
    expect(form.match(/.{0,120}[\u0600-\u06FF]{3}.{0,40}/)?.[0] ?? null).toBeNull();
    expect(html).not.toContain('value="ar"');
  });

  it('the page lists the languages with review status; approving a consent form needs its warning read', async () => {
    const page = await (
      await app.request(`/admin/definitions/${consentId}/languages`, { headers: { cookie: cookies.admin! } })
    ).text();
    expect(page).toContain('<h1>Språk för deltagare</h1>');
    for (const lang of ['en', 'ar', 'so', 'ti', 'prs', 'fa', 'sv-x-ll']) expect(page).toContain(`data-lang="${lang}"`);
    expect(page).toContain('Inte granskad av någon som har språket som modersmål');
    expect(page).toContain('Det här är ett samtyckesformulär.');
    const refused = await post(consentId, { lang: 'ar', approved: 'true' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Kryssa i att du har läst varningen om samtyckesformuläret.');
    expect(await approvals(consentId)).toEqual([]);
    expect(await auditOf(consentId)).toEqual([]);
  });

  it('approving is audited and the language is offered from then on; approving again writes nothing', async () => {
    const res = await post(consentId, { lang: 'ar', approved: 'true', consent_warning: 'understood' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/definitions/${consentId}/languages?klart=approved`);
    expect(await approvals(consentId)).toEqual(['ar']);
    const audit = await auditOf(consentId);
    expect(audit.map((a) => a.action)).toEqual(['definition.language_approved']);
    expect(audit[0]!.details).toMatchObject({ lang: 'ar', key: 'samtycke-forskning', version: 1, consent_form: true });
    expect((await post(consentId, { lang: 'ar', approved: 'true', consent_warning: 'understood' })).status).toBe(303);
    expect((await auditOf(consentId)).length).toBe(1);

    const { consent, html } = await participantView('?lang=ar');
    expect(consent.languages).toEqual(['sv', 'ar']);
    expect([...languagesIn(consent.json)].sort()).toEqual(['ar', 'sv']);
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain('value="sv"'); // back to Swedish from the switch
    expect(html).not.toContain('value="en"'); // English is still not approved here
  });

  it('attacks: another organisation’s admin, a coach and a researcher cannot approve; nothing changes', async () => {
    for (const who of ['otherAdmin', 'coach', 'researcher']) {
      const res = await post(consentId, { lang: 'so', approved: 'true', consent_warning: 'understood' }, who);
      expect(res.status, who).toBe(404);
    }
    // Nor through the store directly, as another organisation's admin.
    await expect(
      store.setDefinitionLanguage(other.admin, { id: consentId, lang: 'so', approved: true }),
    ).rejects.toMatchObject({ code: 'DEFINITION_NOT_FOUND' });
    expect(await approvals(consentId)).toEqual(['ar']);
    expect((await auditOf(consentId)).length).toBe(1);
  });

  it('a language the version lacks, Swedish itself and a draft are refused', async () => {
    expect((await post(consentId, { lang: 'uk', approved: 'true', consent_warning: 'understood' })).status).toBe(400);
    expect((await post(consentId, { lang: 'sv', approved: 'true', consent_warning: 'understood' })).status).toBe(400);
    const draft = await store.createDefinitionDraft(world.admin, consentId);
    const res = await post(draft.id, { lang: 'so', approved: 'true', consent_warning: 'understood' });
    expect(res.status).toBe(409);
    expect(await approvals(draft.id)).toEqual([]);
    expect(await approvals(consentId)).toEqual(['ar']);
  });

  it('withdrawing the approval is audited and ends the offer', async () => {
    const res = await post(consentId, { lang: 'ar', approved: 'false' });
    expect(res.status).toBe(303);
    expect(await approvals(consentId)).toEqual([]);
    expect((await auditOf(consentId)).map((a) => a.action)).toEqual([
      'definition.language_approved',
      'definition.language_withdrawn',
    ]);
    const { consent } = await participantView('?lang=ar');
    expect(consent.languages).toEqual(['sv']);
  });
});
