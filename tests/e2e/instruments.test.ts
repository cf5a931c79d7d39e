/**
 * Every shipped definition renders in the participant flow, in Swedish and in English, at phone
 * size, without console errors or CSP violations. A screenshot of each is taken (harness.ts screenshots).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureConsole, logPrivacyProblems, secretsInDatabase } from '../support/log-privacy.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { Occasion } from '../../src/store/store.ts';
import { TEST_SECRET } from '../support/app.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, enrol, enrolWithConsent, type World } from '../support/fixtures.ts';
import { sharedChromium } from '../support/chromium.ts';
import { startServer, watchPage, type RunningServer, runBrowser, screenshots } from './harness.ts';

const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
};

type Text2 = { sv: string; en: string };
const definition = (key: string) =>
  JSON.parse(readFileSync(new URL(`../../surveys/${key}.json`, import.meta.url), 'utf8')) as {
    meta: { title: Text2 };
    survey: { title: Text2 };
  };

const cases: { key: string; survey: string; occasion: Occasion; consent: boolean }[] = [
  { key: 'samtycke-forskning', survey: 'pagaende', occasion: 'pagaende', consent: false },
  { key: 'wai', survey: 'wai', occasion: 'start', consent: true },
  { key: 'pagaende', survey: 'pagaende', occasion: 'pagaende', consent: true },
  { key: 'avslut', survey: 'avslut', occasion: 'avslut', consent: true },
];

describe.runIf(runBrowser)('every definition renders on a phone in Swedish and English', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let server: RunningServer;
  let browser: Browser;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  let captured: ReturnType<typeof captureConsole>;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    captured = captureConsole();
    ({ db, store } = await openTestDatabase('pglite'));
    world = await createWorld(store);
    server = await startServer(store);
    browser = await sharedChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    captured?.stop();
    const problems = server && db ? logPrivacyProblems(server.logs, captured.lines, await secretsInDatabase(db)) : [];
    await db?.close();
    if (problems.length) throw new Error(`The logs are not clean:\n${problems.join('\n')}`);
  });

  for (const c of cases) {
    for (const lang of ['sv', 'en'] as const) {
      it(`${c.key} in ${lang}`, async () => {
        const who = c.consent ? await enrolWithConsent(store, world) : await enrol(store, world);
        const { token } = await tokens.signParticipantLink({
          participantId: who.participantId,
          projectId: who.projectId,
          survey: c.survey,
          occasion: c.occasion,
          linkId: who.linkId,
        });
        const context = await browser.newContext({ ...phone, locale: lang === 'sv' ? 'sv-SE' : 'en-GB' });
        try {
          const page = await context.newPage();
          const watch = await watchPage(page);
          await page.goto(`${server.baseUrl}/d/${token}${lang === 'en' ? '?lang=en' : ''}`);
          const title = definition(c.key).survey.title[lang];
          await page
            .getByText(title, { exact: true })
            .first()
            .waitFor({ state: 'visible', timeout: 20_000 })
            .catch(async (error: unknown) => {
              const shown = (await page.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 300);
              throw new Error(`no heading "${title}"; page shows: ${shown}; problems: ${watch.problems.join(' | ')}`, {
                cause: error,
              });
            });
          await page.locator('.sd-question').first().waitFor({ state: 'visible' });
          const text = await page.locator('body').innerText();
          expect(text).not.toMatch(/\{[a-zA-Z]+\}/); // every variable in the text was filled in
          if (lang === 'en') expect(text).toContain(c.key === 'samtycke-forskning' ? 'voluntary' : 'Question 1 of');
          else expect(text).toContain(c.key === 'samtycke-forskning' ? 'frivilligt' : 'Fråga 1 av');
          await page
            .getByRole('button', {
              name: lang === 'en' ? /^(Next|Submit|Send answers)$/ : /^(Nästa|Skicka|Skicka svaren)$/,
            })
            .first()
            .waitFor();
          await page.screenshot({
            path: `${screenshots}${c.key}-${lang}-phone.png`,
            fullPage: false,
            animations: 'disabled',
          });
          expect(watch.problems).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
