/**
 * Short links on a 360 × 740 phone: the coach's hand-out page shows /l/<id>, its QR code and the
 * SMS text; the participant's phone opens the short link and reaches consent, with the signed token
 * never in the address; the hand-out page, /k and every "link does not work" page fit the screen.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2E, phone360, runBrowser, screenshots, signIn, watchPage, type E2E } from './harness.ts';

describe.runIf(runBrowser)('short links at 360 × 740', () => {
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  const newPage = async () => (await e2e.newContext(phone360)).newPage();
  const width = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  async function handOutPage(): Promise<Page> {
    const coach = await newPage();
    await signIn(coach, e2e.world.emails.coach);
    await coach.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await coach.getByRole('radio', { name: 'Kvinna', exact: true }).check();
    await coach.getByRole('radio', { name: '30–49', exact: true }).check();
    await coach.getByRole('button', { name: 'Skriv in ny deltagare' }).click();
    await coach.getByRole('heading', { name: 'Starta enkät' }).waitFor();
    return coach;
  }

  it('the hand-out page shows the short link, its QR code and the SMS text, within 360 px', async () => {
    const coach = await handOutPage();
    const link = await coach.getByTestId('participant-link').innerText();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/l\/[0-9a-hjkmnp-tv-z]{13}$/);
    // The id stays on one line: the link breaks after /l/ only.
    const box = (await coach.getByTestId('participant-link').boundingBox())!;
    expect(box.height).toBeLessThan(60);
    const qr = coach.locator('.qr svg');
    expect((await qr.boundingBox())!.width).toBeGreaterThan(150);
    // A short link makes a sparse QR code: version 3, 29 modules (+ a border of 2 each side, 10
    // units a module); the signed link of 361 characters needed 65.
    const units = await qr.evaluate((svg) => (svg as SVGSVGElement).viewBox.baseVal.width);
    expect(units).toBe((29 + 4) * 10);
    await coach.getByText('Visa sms-texten').tap();
    const sms = await coach.getByTestId('sms-text').innerText();
    expect(sms).toMatch(/^Hej! Här är enkäten från Projekt \w+\. Du får den av din coach\./);
    expect(sms.trim().endsWith(link)).toBe(true);
    expect(await width(coach)).toBeLessThanOrEqual(360);
    await coach.getByRole('heading', { name: '2. Skicka länken' }).scrollIntoViewIfNeeded();
    await coach.screenshot({
      path: `${screenshots}handout-short-link-360.png`,
      fullPage: true,
      animations: 'disabled',
    });

    await coach.getByRole('button', { name: 'Visa kort kod' }).click();
    await coach.getByTestId('short-code').waitFor();
    expect(await coach.getByText(/gäller till kl\. \d\d:\d\d\.$/).count()).toBe(1);
    expect(await width(coach)).toBeLessThanOrEqual(360);
  });

  it('a phone opens the short link and reaches consent; the token never enters the address', async () => {
    const coach = await handOutPage();
    const link = await coach.getByTestId('participant-link').innerText();
    const phone = await newPage();
    const watch = await watchPage(phone);
    await phone.goto(link);
    await phone.getByText('Vill du hjälpa oss att göra stödet bättre?').waitFor();
    expect(phone.url()).toBe(link);
    expect(phone.url()).not.toContain('eyJ');
    expect(await width(phone)).toBeLessThanOrEqual(360);
    // Reopened, the same link resumes the same page (same token, so the same drafts on this phone).
    await phone.goto(link);
    await phone.getByText('Vill du hjälpa oss att göra stödet bättre?').waitFor();
    expect(watch.problems).toEqual([]);
  });

  it('/k and the pages of links that do not open fit 360 px and say why', async () => {
    const coach = await handOutPage();
    const path = new URL(await coach.getByTestId('participant-link').innerText()).pathname;
    const phone = await newPage();
    await phone.goto('/k');
    const field = (await phone.getByLabel('Kod').boundingBox())!;
    expect(field.x).toBeGreaterThanOrEqual(12);
    expect(field.x + field.width).toBeLessThanOrEqual(360 - 12);
    await phone.getByLabel('Kod').fill('ABCD-EFGH');
    await phone.getByRole('button', { name: 'Öppna enkäten' }).click();
    await phone.getByText('Koden är inte rätt skriven.', { exact: false }).waitFor();
    expect(await width(phone)).toBeLessThanOrEqual(360);
    const pages: [string, string][] = [
      [path.slice(0, -3), 'Länken är inte hel.'],
      ['/l/0000000000000', 'Vi hittar inte länken.'],
      ['/d/eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4', 'Länken är inte hel.'],
    ];
    for (const [url, words] of pages) {
      await phone.goto(url);
      await phone.getByText(words, { exact: false }).first().waitFor();
      expect(await width(phone), url).toBeLessThanOrEqual(360);
    }
    // The page of a replaced short link: the coach hands out a newer one.
    await coach.reload();
    await coach.getByRole('heading', { name: 'Starta enkät' }).waitFor();
    await phone.goto(path);
    await phone.getByText('Länken fungerar inte längre.', { exact: false }).waitFor();
    expect(await width(phone)).toBeLessThanOrEqual(360);
  });
});
