/**
 * The coach's three ways to start a survey, in Chromium at 360×740: the link (the QR code carries
 * the same URL), a short code typed at /k, and hand-over of the coach's own phone.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { openPglite } from '../../src/store/pglite-executor.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { prepareDatabase } from '../support/db.ts';
import { createWorld, TEST_PASSWORD, type World } from '../support/fixtures.ts';
import { CHROMIUM_PATH, launchChromium, startServer, watchPage, type RunningServer } from './harness.ts';

const screenshots = fileURLToPath(new URL('./__screenshots__/', import.meta.url));
const small: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'sv-SE' };
const runBrowser = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);

describe.runIf(runBrowser)('starting a survey: link/QR, short code and hand-over', () => {
  let db: SqlExecutor;
  let store: SqlStore;
  let world: World;
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    db = await openPglite();
    store = await prepareDatabase(db);
    world = await createWorld(store);
    server = await startServer(store);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.close();
    await db?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ ...small, baseURL: server.baseUrl });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context.newPage();
  }

  async function coachEnrols(page: Page) {
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(world.emails.coach);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await page.getByRole('button', { name: 'Skriv in ny deltagare' }).click();
    await page.getByRole('heading', { name: 'Starta enkät' }).waitFor();
  }

  const consentVisible = (page: Page) => page.getByText('Vill du hjälpa oss att göra stödet bättre?').waitFor();

  it('the link (and the QR code with the same URL) reaches the survey', async () => {
    const coach = await newPage();
    await coachEnrols(coach);
    const link = await coach.getByTestId('participant-link').innerText();
    const qr = coach.locator('.qr svg');
    await qr.waitFor();
    expect((await qr.boundingBox())!.width).toBeGreaterThan(150);
    const phone = await newPage();
    const watch = await watchPage(phone);
    await phone.goto(link);
    await consentVisible(phone);
    expect(watch.problems).toEqual([]);
  });

  it('a short code typed at /k reaches the survey', async () => {
    const coach = await newPage();
    await coachEnrols(coach);
    await coach.getByRole('button', { name: 'Visa kort kod' }).click();
    const code = await coach.getByTestId('short-code').innerText();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const phone = await newPage();
    await phone.goto('/k');
    await phone.getByLabel('Kod').fill(code.toLowerCase().replace('-', ' '));
    await phone.getByRole('button', { name: 'Öppna enkäten' }).click();
    await consentVisible(phone);
  });

  it('hand-over: the phone shows only the survey; the coach list is screenshot before and after', async () => {
    const coach = await newPage();
    await coachEnrols(coach);
    await coach.goto('/coach');
    await coach.screenshot({ path: `${screenshots}coach-list-360.png`, fullPage: true, animations: 'disabled' });
    await coach.getByRole('link', { name: 'Starta enkät' }).first().click();
    await coach.screenshot({ path: `${screenshots}handover-start-360.png`, fullPage: false, animations: 'disabled' });
    await coach.getByRole('button', { name: 'Lämna över till deltagaren' }).click();
    await consentVisible(coach);
    await coach.screenshot({ path: `${screenshots}handover-participant-360.png`, animations: 'disabled' });
    // The participant cannot reach coach pages from here.
    await coach.goto('/coach');
    await coach.getByRole('heading', { name: 'Logga in' }).waitFor();
    // Only the coach's password brings the phone back.
    await coach.goto('/handover/return');
    await coach.getByLabel('Lösenord').fill('fel lösenord');
    await coach.getByRole('button', { name: 'Tillbaka till coachvyn' }).click();
    await coach.getByText('Fel e-postadress eller lösenord').waitFor();
    await coach.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await coach.getByRole('button', { name: 'Tillbaka till coachvyn' }).click();
    await coach.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
  });
});
