/**
 * Threat: markup in a definition that runs in the participant's page or another admin's preview
 * (issue 16, findings 2 and 3). Attacks: an html element carrying a script, an image with an
 * onerror handler, a meta refresh, an iframe and a javascript: link; and an answer typed as markup
 * (`<img src=x onerror=…>`) that a later text shows through {placeholder}. The server refuses such
 * markup, naming the tag and its line; nothing is imported or published. Should such a definition
 * be in the database, the participant's page (Chromium) has no script, image, meta, iframe or
 * javascript: link from it, nothing ran and nothing navigated; an answer shown in a later title
 * and in an html element is shown as the text typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { checkDraftText } from '../../src/surveys/definition-rules.ts';
import { TEST_SECRET } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { adminApi, freshKey, injectDefinitionJson, type AdminApi } from '../support/definition-attacks.ts';
import { shippedDefinition } from '../support/definitions.ts';
import { createWorld, enrol, enrolWithConsent, type World } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360 as phone, runBrowser, signIn, type E2E } from '../e2e/harness.ts';

type ErrorJson = { error: { code: string; issues?: { path: string; message: string }[] } };
type Window = { pwned?: number };
/** An answer typed as markup. */
const typed = '<img id="typed-img" src="x" onerror="window.pwned = 6">';

/** Markup that would act if rendered: each sets window.pwned, refreshes or frames another page. */
const hostile = (base: string) =>
  [
    '<h2 id="kept">Vill du hjälpa oss att göra stödet bättre?</h2>',
    '<script id="bad-script">window.pwned = 1</script>',
    '<img id="bad-img" src="x" onerror="window.pwned = 2">',
    `<meta id="bad-meta" http-equiv="refresh" content="1;url=${base}/k?hijacked=1">`,
    `<iframe id="bad-frame" src="${base}/k?framed=1"></iframe>`,
    '<a id="bad-link" href="javascript:window.pwned = 3">länk</a>',
    '<p onclick="window.pwned = 4" id="bad-p">{withdrawalAnswers}</p>',
    '<svg><animate onbegin="window.pwned = 5" attributeName="x" dur="1s"></animate></svg>',
  ].join('');

/** The consent definition with its information text replaced by `html`. */
function consentWith(key: string, html: string) {
  const file = shippedDefinition('samtycke-forskning');
  file.meta.key = key;
  (file.survey.pages[0]!.elements[0] as { html: unknown }).html = { sv: html, en: html };
  return file;
}

describe('the definition check refuses active markup', () => {
  it('names each tag and attribute, with the line of the html element', () => {
    const text = JSON.stringify(consentWith('samtycke-forskning', hostile('https://evil.example')), null, 2);
    const { findings } = checkDraftText(text);
    const finding = findings.find((f) => f.item === 'information_text')!;
    expect(finding).toMatchObject({ severity: 'error', kind: 'content' });
    for (const what of ['<script>', '<img>', '<meta>', '<iframe>', 'attributet id', 'attributet onclick', '<svg>'])
      expect(finding.message).toContain(what);
    expect(text.split('\n')[finding.line! - 1]).toContain('"name": "information_text"');
    // The shipped text keeps to the allowed tags.
    expect(checkDraftText(JSON.stringify(shippedDefinition('samtycke-forskning'))).findings).toEqual([]);
  });

  it('refuses markup in the complete page, a javascript: link and a link carrying an answer', () => {
    for (const [html, expected] of [
      ['<p><a href="javascript:alert(1)">x</a> {withdrawalAnswers}</p>', 'länken "javascript:alert(1)"'],
      ['<p><a href="https://evil.example/?q={svarar_med}">x</a> {withdrawalAnswers}</p>', 'får inte innehålla {…}'],
    ]) {
      const messages = checkDraftText(JSON.stringify(consentWith('k', html!))).findings.map((f) => f.message);
      expect(messages.join('\n')).toContain(expected);
    }
    const file = shippedDefinition('pagaende');
    Object.assign(file.survey, { completedHtml: '<img src=x onerror=alert(1)>' });
    expect(
      checkDraftText(JSON.stringify(file))
        .findings.map((f) => f.message)
        .join('\n'),
    ).toContain('"completedHtml" i enkäten får bara vara vanlig text');
  });
});

describe.each(engines.filter((e) => e !== 'supabase'))('importing and publishing active markup on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let api: AdminApi;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    api = await adminApi(store, db, world);
  });
  afterAll(() => db.close());

  it('refuses the import and the publication; nothing is stored or published', async () => {
    const key = freshKey('html');
    const refused = await api.importFile(consentWith(key, hostile('https://evil.example')));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorJson).error.issues!.map((i) => i.message).join(' ')).toMatch(
      /Rad \d+: "html" i textblocket "information_text" innehåller HTML som inte är tillåten/,
    );
    expect(await api.rowsOf(key)).toBe(0);

    const imported = await api.importFile(consentWith(key, '<p>Information. {withdrawalAnswers}</p>'));
    expect(imported.status).toBe(201);
    const { definition } = (await imported.json()) as { definition: { id: string } };
    const text = JSON.stringify(consentWith(key, hostile('https://evil.example')), null, 2);
    expect((await api.call('PUT', `/api/admin/definitions/${definition.id}`, text, 'text/plain')).status).toBe(200);
    const res = await api.call('POST', `/api/admin/definitions/${definition.id}/publish`, '{"confirmations":[]}');
    expect(res.status).toBe(422);
    expect(await store.publishedDefinition(world.coach, key)).toBeNull();
  });
});

describe.runIf(runBrowser)('active markup already in the database', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    e2e = await openE2E();
    // Both definitions before any page is served: the server keeps a published version it has read.
    await injectDefinitionJson(
      e2e.db,
      'samtycke-forskning',
      consentWith('samtycke-forskning', hostile(e2e.server.baseUrl)).survey,
    );
    await injectDefinitionJson(e2e.db, 'pagaende', {
      showQuestionNumbers: 'off',
      pages: [
        { name: 's1', elements: [{ type: 'text', name: 'namn', title: 'Vad heter din coach?' }] },
        {
          name: 's2',
          elements: [
            { type: 'html', name: 'eko', html: '<p>Du skrev: {namn}</p>' },
            { type: 'comment', name: 'mer', title: 'Du skrev {namn}. Något mer?' },
          ],
        },
      ],
    });
  });
  afterAll(() => e2e?.close());

  it('renders none of it on the consent page: nothing runs, loads, frames or navigates', async () => {
    const { store, world, server } = e2e;
    const who = await enrol(store, world);
    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const url = `${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`;
    await page.goto(url);
    // The allowed markup is still there (sanitised, not dropped whole).
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    await page.waitForTimeout(2500); // longer than the refresh would wait

    expect(page.url()).toBe(url);
    for (const id of ['bad-script', 'bad-img', 'bad-meta', 'bad-frame'])
      expect(await page.locator(`#${id}`).count(), id).toBe(0);
    expect(
      await page.locator('script:not([src]), meta[http-equiv], iframe, svg animate, [onclick], [onerror]').count(),
    ).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.evaluate(() => (window as Window).pwned)).toBeUndefined();
    expect(requested.filter((r) => /hijacked|framed|\/x$/.test(r))).toEqual([]);
    await context.close();
  });

  it('shows an answer typed as markup as text, in a later title and in an html element', async () => {
    const { store, world, server } = e2e;
    const who = await enrolWithConsent(store, world);
    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`);
    await page.getByRole('textbox', { name: 'Vad heter din coach?' }).fill(typed);
    await page.getByRole('button', { name: 'Nästa' }).click();
    // The html element shows the answer as the text typed (the sanitiser would drop an id: found by text).
    await page.getByText(`Du skrev: ${typed}`, { exact: true }).waitFor();

    expect(await page.getByRole('heading', { name: `Du skrev ${typed}. Något mer?` }).count()).toBe(1);
    expect(await page.locator('#typed-img, img[onerror]').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as Window).pwned)).toBeUndefined();
    await context.close();
  });

  it("draws it inertly in an admin's editor preview, in a frame that cannot reach the editor", async () => {
    const { store, world, server } = e2e;
    const consent = await store.publishedDefinition(world.admin, 'samtycke-forskning');
    const context = await e2e.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    const page = await context.newPage();
    await signIn(page, world.emails.admin);
    await page.waitForURL(/\/coach/);
    const url = `${server.baseUrl}/admin/definitions/${consent!.id}`;
    await page.goto(url);
    const preview = page.frameLocator('#definition-preview iframe');
    await preview.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    await page.waitForTimeout(2500);

    expect(page.url()).toBe(url);
    expect(await page.locator('#definition-preview iframe').getAttribute('sandbox')).toBe('allow-scripts');
    expect(
      await preview
        .locator(
          'script:not([src]):not([type="application/json"]), img, meta[http-equiv], iframe, [onclick], [onerror]',
        )
        .count(),
    ).toBe(0);
    expect(await page.evaluate(() => (window as Window).pwned)).toBeUndefined();
    // What a script in the frame could do, were one to run there: nothing of the editor's.
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    const reach = await frame.evaluate(async () => {
      const tryIt = async (f: () => unknown) => {
        try {
          return { ok: true, value: String(await f()) };
        } catch {
          return { ok: false };
        }
      };
      return {
        origin: window.origin,
        parentDocument: await tryIt(() => parent.document.title),
        cookie: await tryIt(() => document.cookie),
        api: await tryIt(async () => (await fetch('/api/admin/definitions', { credentials: 'include' })).status),
        pwned: (window as Window).pwned,
      };
    });
    expect(reach.origin).toBe('null');
    expect(reach.parentDocument.ok).toBe(false);
    expect(reach.cookie.ok).toBe(false);
    // Refused by CORS, or answered without the admin's session: never the list of definitions.
    expect(reach.api.ok === false || reach.api.value !== '200').toBe(true);
    expect(reach.pwned).toBeUndefined();
    await context.close();
  });
});
