/**
 * The publish confirmation page (/admin/definitions/:id/publish): what it lists, and that a post
 * publishes only the draft as shown and only with every confirmation; otherwise nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { PublishPage } from '../../src/admin/views/definition-publish.tsx';
import { fingerprintOf, reviewDraft, type PublishReview } from '../../src/admin/definition-publish.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { addCommentItem, questionIn, type DefinitionFileJson } from '../support/definitions.ts';
import { createWorld, type World } from '../support/fixtures.ts';

type App = ReturnType<typeof testApp>['app'];
const STAFF = { id: 'x', email: 'a@test.local', memberships: [] } as never;

describe.each(engines)('HTTP: publish confirmation page on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let other: World;
  let app: App;
  let v1: string;
  let draftId: string;
  const cookies: Record<string, string> = {};

  const page = (id: string, who = 'admin') =>
    app.request(`/admin/definitions/${id}/publish`, { headers: { cookie: cookies[who]!, accept: 'text/html' } });
  const post = (id: string, fields: [string, string][], who = 'admin') =>
    app.request(`/admin/definitions/${id}/publish`, {
      method: 'POST',
      headers: {
        cookie: cookies[who]!,
        origin: 'http://localhost',
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
      body: new URLSearchParams(fields),
    });
  const fingerprintIn = (html: string) => /name="fingerprint" value="([0-9a-f]{64})"/.exec(html)![1]!;
  const status = async (id: string) => (await store.definitionGet(world.admin, id)).status;
  /** Saves the draft's file after `change`, as the editor would. */
  const saveDraft = async (change: (f: DefinitionFileJson) => void) => {
    const d = await store.definitionGet(world.admin, draftId);
    const file = structuredClone({ meta: d.meta, survey: d.json }) as DefinitionFileJson;
    change(file);
    await store.saveDefinitionDraft(world.admin, { id: draftId, json: file.survey, meta: file.meta });
  };

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    [world, other] = [await createWorld(store), await createWorld(store)];
    app = testApp(store).app;
    cookies.admin = await loginCookie(app, world.emails.admin);
    cookies.coach = await loginCookie(app, world.emails.coach);
    cookies.otherAdmin = await loginCookie(app, other.emails.admin);
    v1 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
    draftId = (await store.createDefinitionDraft(world.admin, v1)).id;
    await saveDraft((f) => {
      questionIn(f, 'stod_till_hjalp').title.sv = 'Min coach har hjälpt mig.';
      addCommentItem(f);
    });
  });
  afterAll(() => db.close());

  it('says what follows, lists the changes, the series and a box per change to confirm', async () => {
    const res = await page(draftId);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Version 2 blir den som används för nya svar från och med nu.');
    expect(html).toContain('En publicerad version kan inte ändras; ändringar görs i ett nytt utkast.');
    expect(html).toContain('Ändringar jämfört med version 1');
    expect(html).toMatch(/1 tillagda, 0 borttagna, 1 ändrade och 6\s+oförändrade frågor/);
    expect(html).toContain('Min coach har hjälpt mig.');
    expect(html).toMatch(/data-item="stod_till_hjalp" class="series-new">[\s\S]*?börjar en ny serie/);
    expect(html).toMatch(/data-item="paverka_plan" class="series-continues">[\s\S]*?fortsätter sin serie/);
    expect(html).toContain('Ändrade formuleringar av poängsatta frågor');
    expect(html).toMatch(/type="checkbox" name="confirmations" value="reworded:stod_till_hjalp:sv"/);
    expect(html).toContain('Publicera version 2');
  });

  it('refuses a post without the confirmations: 422, the missing ones listed, nothing published', async () => {
    const fingerprint = fingerprintIn(await (await page(draftId)).text());
    const res = await post(draftId, [['fingerprint', fingerprint]]);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Versionen är inte publicerad. Kryssa i de här bekräftelserna först:');
    expect(html).toMatch(
      /id="publish-problem"[\s\S]*Formuleringen av den poängsatta frågan &quot;stod_till_hjalp&quot;/,
    );
    expect(await status(draftId)).toBe('draft');
  });

  it('refuses a post from a page drawn before the draft changed: 409, nothing published', async () => {
    const fingerprint = fingerprintIn(await (await page(draftId)).text());
    await saveDraft((f) => {
      questionIn(f, 'paverka_plan').title.en = 'I could influence my plan.';
    });
    const res = await post(draftId, [
      ['fingerprint', fingerprint],
      ['confirmations', 'reworded:stod_till_hjalp:sv'],
    ]);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Utkastet har ändrats sedan du öppnade sidan. Läs igenom ändringarna igen.');
    // The page is drawn again from the draft as it is now, with nothing ticked.
    expect(html).toContain('value="reworded:paverka_plan:en"');
    expect(html).not.toMatch(/checked/);
    expect(fingerprintIn(html)).not.toBe(fingerprint);
    expect(await status(draftId)).toBe('draft');
    // A made-up fingerprint is stale too.
    expect((await post(draftId, [['fingerprint', 'x']])).status).toBe(409);
    expect(await status(draftId)).toBe('draft');
  });

  it('is not found for a coach and for the admin of another organisation, page and post alike', async () => {
    const fingerprint = fingerprintIn(await (await page(draftId)).text());
    const all = ['reworded:stod_till_hjalp:sv', 'reworded:paverka_plan:en'].map((v): [string, string] => [
      'confirmations',
      v,
    ]);
    for (const who of ['coach', 'otherAdmin']) {
      expect((await page(draftId, who)).status, who).toBe(404);
      expect((await post(draftId, [['fingerprint', fingerprint], ...all], who)).status, who).toBe(404);
    }
    expect(await status(draftId)).toBe('draft');
  });

  it('publishes with every confirmation and the current fingerprint; then the page says it is no draft', async () => {
    const html = await (await page(draftId)).text();
    const fingerprint = fingerprintIn(html);
    // Every box on the page ticked (the rewordings, and whatever else the rules ask to confirm).
    const boxes = [...html.matchAll(/name="confirmations" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(boxes).toEqual(expect.arrayContaining(['reworded:stod_till_hjalp:sv', 'reworded:paverka_plan:en']));
    const res = await post(draftId, [
      ['fingerprint', fingerprint],
      ...boxes.map((b): [string, string] => ['confirmations', b]),
    ]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/definitions/${draftId}?klart=published`);
    expect(await status(draftId)).toBe('published');
    expect((await store.publishedDefinition(world.admin, 'pagaende'))!.version).toBe(2);
    const again = await (await page(draftId)).text();
    expect(again).toContain('Version 2 är redan publicerad.');
    expect(again).not.toContain('name="fingerprint"');
    const repost = await post(draftId, [['fingerprint', fingerprint]]);
    expect(repost.status).toBe(409);
  });

  it('shows errors instead of the button, with the way back to the editor', async () => {
    const v2 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
    draftId = (await store.createDefinitionDraft(world.admin, v2)).id;
    await saveDraft((f) => {
      f.meta.scored.find((s) => s.name === 'mer_redo')!.max = 7;
    });
    const html = await (await page(draftId)).text();
    expect(html).toContain('Utkastet kan inte publiceras än');
    expect(html).toContain('Den poängsatta frågan &quot;mer_redo&quot; har svarsvärdena');
    expect(html).toContain(`href="/admin/definitions/${draftId}">Tillbaka till utkastet för att rätta felen`);
    expect(html).not.toContain('Publicera version 3</button>');
    expect(html).not.toContain('name="fingerprint"');
    // A hand-made post with the right fingerprint is refused all the same.
    const fingerprint = await fingerprintOf(await store.definitionGet(world.admin, draftId));
    const res = await post(draftId, [['fingerprint', fingerprint]]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Versionen är inte publicerad. Definitionen har fel');
    expect(await status(draftId)).toBe('draft');
  });

  it('groups any kind of finding to confirm; translations under their own heading and label', async () => {
    const r: PublishReview = await reviewDraft(store, world.admin, draftId);
    r.findings = [
      {
        id: 'translation:title:en',
        kind: 'translation' as never,
        severity: 'confirm',
        message: 'Engelska: "Titel" är inte granskad.',
      },
      { id: 'novel:x', kind: 'novel' as never, severity: 'confirm', message: 'En ny sorts ändring.' },
    ];
    const html = String(await PublishPage({ staff: STAFF, review: r, ticked: ['novel:x'] }).toString());
    expect(html).toMatch(
      /data-kind="translation"><legend>Översättningar som inte är granskade<\/legend>[\s\S]*Engelska: &quot;Titel&quot; är inte granskad\.[\s\S]*value="translation:title:en"[^>]*>[\s\S]*?Publicera ändå; texten markeras som ej granskad/,
    );
    expect(html).toMatch(
      /data-kind="novel"><legend>Övrigt att bekräfta<\/legend>[\s\S]*value="novel:x" id="confirm-1" checked/,
    );
  });
});
