/**
 * Threat: an admin-authored definition (or project setting) whose text carries markup that would
 * act once the server writes it into the participant's page as the first screen
 * (participant/views/first-screen*.tsx), before the runner and its sanitiser have loaded. Attack: a
 * definition put straight into the database, past the import checks, with a script, an image with
 * onerror, an iframe, a meta refresh, a javascript: link and an svg handler in its html element,
 * and markup in the survey title, a question title, an option and the project name. The page's
 * HTML carries none of it as markup (only escaped, as text); in Chromium, with the runner held
 * back so only the server's HTML is there, nothing runs, loads or navigates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { allowedHtml } from '../../src/surveys/safe-html.ts';
import { TEST_SECRET, testApp } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { injectDefinitionJson } from '../support/definition-attacks.ts';
import { shippedDefinition } from '../support/definitions.ts';
import { createWorld, enrol, type World } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360 as phone, runBrowser, type E2E } from '../e2e/harness.ts';

type Window = { pwned?: number };
const hostileHtml = (base: string) =>
  [
    '<h2 id="kept" onclick="window.pwned = 7">Vill du hjälpa oss att göra stödet bättre?</h2>',
    '<script id="bad-script">window.pwned = 1</script>',
    '<img id="bad-img" src="x" onerror="window.pwned = 2">',
    `<meta id="bad-meta" http-equiv="refresh" content="1;url=${base}/k?hijacked=1">`,
    `<iframe id="bad-frame" src="${base}/k?framed=1"></iframe>`,
    '<a id="bad-link" href="javascript:window.pwned = 3">länk</a>',
    '<p onclick="window.pwned = 4">{withdrawalAnswers} {projectName}</p>',
    '<svg><animate onbegin="window.pwned = 5" attributeName="x" dur="1s"></animate></svg>',
    '<p><a href="https://example.org/" onmouseover="window.pwned = 8">ok</a></p>',
  ].join('');
const IMG = '<img id="bad-title" src="x" onerror="window.pwned = 9">';
const SCRIPT = '<script id="bad-option">window.pwned = 10</script>';
const PROJECT = '<img id="bad-project" src="x" onerror="window.pwned = 11">';

/** The consent form with hostile texts in every place the first screen draws. */
function hostileConsent(base: string) {
  const survey = shippedDefinition('samtycke-forskning').survey as Record<string, any>;
  survey.title = { sv: `Samtycke ${IMG}`, en: 'Consent' };
  const [info, check, how] = survey.pages[0].elements;
  info.html = { sv: hostileHtml(base), en: hostileHtml(base) };
  check.title.sv = `Ja ${IMG}`;
  how.title.sv = `Hur svarar du? ${IMG}`;
  how.choices[0].text.sv = `Jag svarar själv ${SCRIPT}`;
  return survey;
}

/** What must never be markup in the server's HTML of <main>. */
function activeMarkup(main: string): string[] {
  const found: string[] = [];
  for (const re of [/<script/i, /<img/i, /<iframe/i, /<meta/i, /<svg/i, /<animate/i, /href\s*=\s*"?\s*javascript:/i])
    if (re.test(main)) found.push(String(re));
  // An event handler attribute: tags with their quoted values taken out (a value that broke out of
  // its quotes would leave its handler outside them).
  for (const tag of main.match(/<[a-z][^>]*>/gi) ?? [])
    if (/\son[a-z]+\s*=/i.test(tag.replace(/="[^"]*"/g, '=""'))) found.push(tag);
  return found;
}
const mainOf = (html: string) => /<main id="app"[^>]*>([\s\S]*)<\/main>/.exec(html)![1]!;

describe('allowedHtml (the server side of the sanitiser)', () => {
  it('rebuilds only allowed tags and hrefs, and shows everything else as text', () => {
    // The check below finds each kind of active markup in the raw text …
    expect(activeMarkup(hostileHtml('https://evil.example'))).toHaveLength(12);
    const out = allowedHtml(hostileHtml('https://evil.example'));
    // … and none in what the server writes.
    expect(activeMarkup(out)).toEqual([]);
    expect(out).toContain('<h2>Vill du hjälpa oss att göra stödet bättre?</h2>');
    expect(out).toContain('&lt;script id=&quot;bad-script&quot;&gt;window.pwned = 1&lt;/script&gt;');
    expect(out).toContain('<a>länk</a>'); // the javascript: href dropped, as DOMPurify drops it
    expect(out).toContain('<p><a href="https://example.org/">ok</a></p>');
    // A value filled in is escaped by the caller's fill; text runs never turn into tags.
    expect(allowedHtml('<p>{x}</p>', (t) => t.replace('{x}', '&lt;b&gt;'))).toBe('<p>&lt;b&gt;</p>');
    expect(allowedHtml('<p>a < b > c "d"</p>')).toBe('<p>a &lt; b &gt; c &quot;d&quot;</p>');
    expect(allowedHtml('<a href="https://x.example/&quot;onclick=&quot;alert(1)">x</a>')).not.toMatch(/\sonclick=/);
  });
});

// Its own PGlite database: the definition is changed past its guard (injectDefinitionJson), which
// must not touch a database other test files share.
describe.each(['pglite'] as const)('first screen from a hostile definition (%s)', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    await injectDefinitionJson(db, 'samtycke-forskning', hostileConsent('https://evil.example'));
    await db.query('update public.projects set name = $2 where id = $1', [world.projectId, PROJECT]);
  });
  afterAll(() => db.close());

  it('writes every hostile text escaped, and no element, handler or javascript: link from it', async () => {
    const { app } = testApp(store);
    const who = await enrol(store, world);
    const res = await app.request(`/d/${(await tokens.signParticipantLink(who)).token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const main = mainOf(html);
    expect(main).toContain('data-q="svarar_med"'); // the first screen is there
    expect(activeMarkup(main)).toEqual([]);
    for (const shown of [IMG, SCRIPT, PROJECT])
      expect(main).toContain(shown.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    // The page's only script is its own, by src (CSP: no inline script).
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script type="module" src="\/assets\/survey-runner[^"]*\.js">$/);
  });
});

describe.runIf(runBrowser)('first screen from a hostile definition in Chromium, before the runner loads', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    e2e = await openE2E();
    await injectDefinitionJson(e2e.db, 'samtycke-forskning', hostileConsent(e2e.server.baseUrl));
    await e2e.db.query('update public.projects set name = $2 where id = $1', [e2e.world.projectId, PROJECT]);
  });
  afterAll(() => e2e?.close());

  it('runs, loads, frames and navigates nothing', async () => {
    const { store, world, server } = e2e;
    const who = await enrol(store, world);
    const context = await e2e.newContext(phone);
    // Only the server's HTML: the runner (and its sanitiser) never arrives.
    await context.route(/survey-runner-[^/]*\.js$/, (route) => route.abort());
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const url = `${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`;
    await page.goto(url);
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    await page.getByText(`Jag svarar själv ${SCRIPT}`, { exact: true }).waitFor();
    await page.waitForTimeout(2500); // longer than the refresh would wait
    expect(page.url()).toBe(url);
    expect(
      await page.locator('[id^="bad-"], script:not([src]), img, iframe, meta[http-equiv], svg animate').count(),
    ).toBe(0);
    expect(await page.locator('[onclick], [onerror], [onmouseover], a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.evaluate(() => (window as Window).pwned)).toBeUndefined();
    expect(requested.filter((r) => /hijacked|framed|\/x$/.test(r))).toEqual([]);
    await context.close();
  });
});
