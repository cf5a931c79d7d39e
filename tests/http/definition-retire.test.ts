import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];

/** "Ta ur bruk": /admin/definitions/:id/retire says what follows before the POST does it. */
describe('HTTP: retiring a definition version asks first', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let other: World;
  let app: App;
  let v1: string;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    other = await createWorld(store); // another organisation
    app = testApp(store).app;
    for (const who of ['admin', 'coach', 'researcher'] as const)
      cookies[who] = await loginCookie(app, world.emails[who]);
    cookies.adminOrgB = await loginCookie(app, other.emails.admin);
    v1 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
    const participant = await enrolWithConsent(store, world);
    await store.submitResponse(participant, {
      id: crypto.randomUUID(),
      definition_id: v1,
      answers: pagaendeAnswers(6),
    });
  });
  afterAll(() => db.close());

  const page = (id: string, who = 'admin') =>
    app.request(`/admin/definitions/${id}/retire`, { headers: { cookie: cookies[who]!, accept: 'text/html' } });
  const retire = (id: string) =>
    app.request(`/admin/definitions/${id}/retire`, {
      method: 'POST',
      headers: { cookie: cookies.admin!, origin: 'http://localhost' },
    });
  /** Publishes the next version of Pågående unchanged (the database checks only that it is the saved draft). */
  async function publishNext() {
    const draft = await store.createDefinitionDraft(world.admin, v1);
    return store.publishDefinition(world.admin, {
      id: draft.id,
      json: draft.json,
      meta: draft.meta,
      confirmations: [],
    });
  }
  const current = async () => (await store.publishedDefinition(world.admin, 'pagaende'))!.version;

  it('the list offers "Ta version N ur bruk" as a button-styled link to the confirmation, not a form', async () => {
    const list = await (await app.request('/admin/definitions', { headers: { cookie: cookies.admin! } })).text();
    expect(list).toContain(`<a class="button retire" href="/admin/definitions/${v1}/retire">Ta version 1 ur bruk</a>`);
    expect(list).not.toContain(`action="/admin/definitions/${v1}/retire"`);
  });

  it('the only published version: says the survey cannot be answered until a new one is published', async () => {
    const res = await page(v1);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('<h1>Ta version 1 ur bruk?</h1>');
    expect(html).toContain('Hur går det? Enkät under insatsen');
    expect(html).toContain('Inga nya svar ges på version 1.');
    expect(html).toContain(
      'Version 1 är den enda publicerade versionen. När den är ur bruk går det inte att svara förrän ni publicerar en ny version.',
    );
    expect(html).toContain(
      '1 svar har getts på version 1 i projekten du administrerar. Svar som redan har getts finns kvar, hör till version 1 och räknas i resultaten som förut.',
    );
    expect(html).toContain('men inte skickat in kan inte längre skickas in på den versionen.');
    expect(html).toContain('Det går inte att ångra.');
    expect(html).toMatch(
      new RegExp(
        `<form method="post" action="/admin/definitions/${v1}/retire"[^>]*><button type="submit" class="danger">Ta version 1 ur bruk</button></form>`,
      ),
    );
    expect(html).toContain('<a class="button" href="/admin/definitions">Avbryt</a>');
    // Only a page: nothing was retired by looking at it.
    expect(await current()).toBe(1);
    // With a draft waiting, the page names it as the way back.
    await store.createDefinitionDraft(world.admin, v1);
    expect(await (await page(v1)).text()).toContain(
      'förrän ni publicerar en ny version (ert utkast, version 2, kan publiceras när det är klart).',
    );
  });

  it('with a newer version: retiring the newest hands new answers to the previous one; an older one changes nothing', async () => {
    const v2 = await publishNext();
    const newest = await (await page(v2.id)).text();
    expect(newest).toContain('Version 2 är den som används för nya svar i dag. Nya svar använder i stället version 1');
    expect(newest).not.toContain('data-testid="no-version-left"');
    expect(newest).toContain('Inga svar har getts på version 2');
    const older = await (await page(v1)).text();
    expect(older).toContain(
      'Version 1 används inte för nya svar i dag. Nya svar använder version 2, och det ändras inte.',
    );

    // The POST still does it, and the page then refuses a version that is no longer published.
    const res = await retire(v2.id);
    expect([res.status, res.headers.get('location')]).toEqual([303, '/admin/definitions?klart=retired']);
    expect(await current()).toBe(1);
    const gone = await page(v2.id);
    expect(gone.status).toBe(409);
    expect(await gone.text()).toContain('Bara en publicerad version kan tas ur bruk.');
  });

  it('a consent form reads as one', async () => {
    const entries = await store.definitionList(world.admin);
    const consent = entries.find((e) => e.kind === 'consent')!.versions.find((v) => v.status === 'published')!;
    const html = await (await page(consent.id)).text();
    expect(html).toContain(`Inga nya samtycken ges på version ${consent.version}.`);
    expect(html).toContain('Samtycken som redan har getts gäller som förut.');
    expect(html).toContain('går det inte att ge sitt samtycke');
    expect(html).not.toContain('inte längre skickas in');
  });

  it('is 404 for coaches, researchers, another organisation’s admin and ids that are not there', async () => {
    for (const who of ['coach', 'researcher', 'adminOrgB']) {
      const res = await page(v1, who);
      expect(res.status, who).toBe(404);
      expect(await res.text()).not.toContain('Hur går det?');
    }
    const bOwn = (await store.publishedDefinition(other.admin, 'pagaende'))!.id;
    expect((await page(bOwn)).status).toBe(404);
    expect((await page(crypto.randomUUID())).status).toBe(404);
    expect((await page('inte-ett-id')).status).toBe(404);
    expect((await app.request(`/admin/definitions/${v1}/retire`)).status).toBe(303);
    expect(await current()).toBe(1);
  });
});
