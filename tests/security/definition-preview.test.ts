/**
 * Threat: the editor's preview (GET /admin/definitions/:id/preview) is the one page that may be
 * framed, and it draws a draft, which is anyone's text (an imported file). Attacks: another site
 * frames the preview (clickjacking an admin's session); a coach and the admin of another
 * organisation open it; a draft carries a script, an event handler and a text that would end the
 * page's data element. It must fail: only our own pages may frame it (headers, and Chromium
 * refuses a foreign parent), others get 404, and nothing of the draft runs, in the page or in the
 * sandboxed frame the editor shows it in (which cannot reach the editor, its cookie or the API).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { mountPreviewOn } from '../support/editor-preview.ts';
import { createWorld, type World } from '../support/fixtures.ts';
import type { Store } from '../../src/store/store.ts';
import { assetsBuilt, openE2E, runBrowser, signIn, type E2E } from '../e2e/harness.ts';

type Window = { pwned?: number };
const ENDS_DATA = '</script><script>window.pwned = 1</script><!--';

/** A draft of Pågående with markup that would act: in an html element, a title and a choice. */
async function hostileDraft(store: Store, world: World): Promise<string> {
  const v1 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
  const draft = await store.createDefinitionDraft(world.admin, v1);
  const json = structuredClone(draft.json) as { title: Record<string, string>; pages: { elements: unknown[] }[] };
  const first = json.pages[0]!.elements[0] as {
    title: Record<string, string>;
    choices: { text: Record<string, string> }[];
  };
  json.title.sv = `Hur går det? ${ENDS_DATA}`;
  first.title.sv = '<img id="bad-title" src="x" onerror="window.pwned = 2">Stödet från min coach';
  first.choices[0]!.text.sv = '<script>window.pwned = 3</script>Aldrig';
  json.pages[0]!.elements.unshift({
    type: 'html',
    name: 'info',
    html: {
      sv: '<p id="kept">Information.</p><script id="bad-script">window.pwned = 4</script><img id="bad-img" src="x" onerror="window.pwned = 5"><a id="bad-link" href="javascript:window.pwned = 6">länk</a>',
    },
  });
  // Saved as the store allows (the editor's checks report such markup; a draft may hold it).
  await store.saveDefinitionDraft(world.admin, { id: draft.id, json, meta: draft.meta as never });
  return draft.id;
}

describe('the preview route (HTTP)', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let app: ReturnType<typeof testApp>['app'];
  let draftId: string;
  const cookies: Record<string, string> = {};
  const get = (path: string, who?: string) =>
    app.request(path, { headers: { ...(who ? { cookie: cookies[who]! } : {}), accept: 'text/html' } });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    const other = await createWorld(store);
    app = testApp(store).app;
    cookies.admin = await loginCookie(app, world.emails.admin);
    cookies.coach = await loginCookie(app, world.emails.coach);
    cookies.otherAdmin = await loginCookie(app, other.emails.admin);
    draftId = await hostileDraft(store, world);
  });
  afterAll(() => db.close());

  it('may be framed by our own pages only; every other page still by none', async () => {
    const res = await get(`/admin/definitions/${draftId}/preview?lang=sv`, 'admin');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('cache-control')).toBe('no-store');
    for (const path of [`/admin/definitions/${draftId}`, `/admin/definitions/${draftId}/publish`, '/admin']) {
      const other = await get(path, 'admin');
      expect(other.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(other.headers.get('x-frame-options'), path).toBe('DENY');
    }
  });

  it('is not found for a coach or another organisation’s admin; a visitor is sent to sign in', async () => {
    for (const who of ['coach', 'otherAdmin']) {
      const res = await get(`/admin/definitions/${draftId}/preview?lang=sv`, who);
      expect(res.status, who).toBe(404);
      expect(await res.text()).not.toContain('Stödet från min coach');
    }
    expect((await get(`/admin/definitions/${draftId}/preview`)).status).toBe(303);
  });

  it('serves the draft without its markup: no handler, no script but ours, the data cannot end its element', async () => {
    const html = await (await get(`/admin/definitions/${draftId}/preview?lang=sv`, 'admin')).text();
    expect(html).toContain('<p>Information.</p>'); // the allowed markup stays (ids are dropped too)
    // No element carries them (the texts may, as text; the data element below holds them escaped).
    const page = html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
    expect(page).not.toMatch(/<[^>]*\son\w+=|href="javascript:|id="bad-/i);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([
      expect.stringMatching(/^<script src="\/assets\/participant-preview[^"]*\.js" defer="">$/),
      '<script type="application/json" id="preview-data">',
    ]);
    const data = /<script type="application\/json" id="preview-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(data).not.toMatch(/[<>]/);
    expect((JSON.parse(data) as { definition: { json: { title: { sv: string } } } }).definition.json.title.sv).toBe(
      `Hur går det? ${ENDS_DATA}`,
    );
  });
});

describe.runIf(runBrowser)('the preview in Chromium', () => {
  let e2e: E2E;
  let draftId: string;

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    e2e = await openE2E();
    draftId = await hostileDraft(e2e.store, e2e.world);
  });
  afterAll(() => e2e?.close());

  it('a page of another origin cannot frame it, even one of the same site that gets the admin’s cookie', async () => {
    const context = await e2e.newContext({ viewport: { width: 1024, height: 800 }, locale: 'sv-SE' });
    const page = await context.newPage();
    await signIn(page, e2e.world.emails.admin);
    await page.waitForURL(/\/coach/);
    const target = `${e2e.server.baseUrl}/admin/definitions/${draftId}/preview?lang=sv`;
    // A page on another port of the same host: the same site, so SameSite=Strict sends the cookie along.
    const evil = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<h1>Vinn en resa</h1><iframe src="${target}"></iframe>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const loaded = page.waitForResponse((r) => r.url() === target);
    await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/vinn`);
    const res = await loaded;
    expect(res.status()).toBe(200); // authenticated: only the header stands in the way
    await page.waitForTimeout(500);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    // Chromium refuses to show it (frame-ancestors 'self'): the frame holds an error page, not ours.
    const shown = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    expect(shown).not.toContain('Stödet från min coach');
    expect(shown).not.toContain('Förhandsvisning');
    await context.close();
    await new Promise((resolve) => evil.close(resolve));
  });

  it('framed by our page as the editor frames it: drawn, nothing of the draft runs, the frame reaches nothing', async () => {
    const context = await e2e.newContext({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE' });
    const page = await context.newPage();
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url());
    });
    await signIn(page, e2e.world.emails.admin);
    await page.waitForURL(/\/coach/);
    await page.goto('/admin/definitions');
    await mountPreviewOn(page, { definitionId: draftId, languages: ['sv', 'en'], width: 400 });
    const iframe = page.locator('#preview-host iframe');
    expect(await iframe.getAttribute('sandbox')).toBe('allow-scripts');
    const preview = page.frameLocator('#preview-host iframe');
    // The staff cookie (SameSite=Strict) goes with the frame's request: the draft is drawn.
    await preview.getByText('Information.', { exact: true }).first().waitFor();
    await preview.locator('.sd-question__title', { hasText: 'Stödet från min coach' }).first().waitFor();
    await page.waitForTimeout(1000);
    expect(
      await preview
        .locator(
          'script:not([src]):not([type="application/json"]), img, [onerror], [onclick], a[href^="javascript:" i]',
        )
        .count(),
    ).toBe(0);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    const reach = await frame.evaluate(async () => {
      const tryIt = async (f: () => unknown) => {
        try {
          return { ok: true, value: String(await f()) };
        } catch {
          return { ok: false, value: '' };
        }
      };
      return {
        origin: window.origin,
        parentDocument: await tryIt(() => parent.document.title),
        cookie: await tryIt(() => document.cookie),
        api: await tryIt(async () => (await fetch('/api/admin/definitions', { credentials: 'include' })).status),
        pwned: (window as Window).pwned,
        title: [...document.querySelectorAll('h1')].map((h) => h.textContent).join(' '),
      };
    });
    expect(reach.origin).toBe('null');
    expect(reach.parentDocument.ok).toBe(false);
    expect(reach.cookie.ok).toBe(false);
    expect(reach.api.ok === false || reach.api.value !== '200').toBe(true);
    expect(reach.pwned).toBeUndefined();
    expect(reach.title).toContain(ENDS_DATA); // the text, shown as text
    expect(await page.evaluate(() => (window as Window).pwned)).toBeUndefined();
    // The preview itself calls no API (the only call above is the attack's own fetch).
    expect(apiCalls.filter((u) => !u.endsWith('/api/admin/definitions'))).toEqual([]);
    await context.close();
  });
});
