/**
 * The coach's three ways to start a survey, in Chromium at 360×740: the link (the QR code carries
 * the same URL), a short code typed at /k, and hand-over of the coach's own phone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import { TEST_PASSWORD, type World } from '../support/fixtures.ts';
import { watchPage, openE2E, type E2E, runBrowser, screenshots, signIn } from './harness.ts';

const small: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: 'sv-SE',
};

interface Question {
  name: string;
  title: { sv: string };
  choices: { value: number; text: { sv: string } }[];
}
const questions = (
  JSON.parse(readFileSync(new URL('../../surveys/pagaende.json', import.meta.url), 'utf8')) as {
    survey: { pages: { elements: Question[] }[] };
  }
).survey.pages.map((p) => p.elements[0]!);

describe.runIf(runBrowser)('starting a survey: link/QR, short code and hand-over', () => {
  let db: SqlExecutor;
  let world: World;
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
    ({ db, world } = e2e);
  });
  afterAll(() => e2e?.close());

  async function newPage(): Promise<Page> {
    const context = await e2e.newContext(small);
    return context.newPage();
  }

  async function coachEnrols(page: Page) {
    await signIn(page, world.emails.coach);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    // Kön and Ålder have no preset answer: the coach picks both.
    await page.getByRole('radio', { name: 'Kvinna', exact: true }).check();
    await page.getByRole('radio', { name: '30–49', exact: true }).check();
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
    // The code opened a short link: no signed token in the phone's address bar or history.
    expect(new URL(phone.url()).pathname).toMatch(/^\/l\/[0-9a-hjkmnp-tv-z]{13}$/);
  });

  async function answer(page: Page, from: number, to: number) {
    for (let i = from; i < to; i++) {
      const group = page.getByRole('radiogroup', { name: questions[i]!.title.sv });
      await group.waitFor();
      await page.getByText(`Fråga ${i + 1} av ${questions.length}`, { exact: true }).waitFor();
      await choose(group, questions[i]!.choices[3]!.text.sv);
      if (i < questions.length - 1) await page.getByRole('button', { name: 'Nästa', exact: true }).tap();
    }
  }
  async function choose(scope: Locator, text: string) {
    await scope.getByText(text, { exact: true }).tap();
    await expect
      .poll(() => scope.getByRole('radio', { name: text, exact: true }).isChecked(), { timeout: 15_000 })
      .toBe(true);
  }

  it('acceptance: hand-over → consent → half → close → reopen and resume → offline submit → online → one response; coach sees it answered, never the answers', async () => {
    const page = await newPage();
    const context = page.context();
    await coachEnrols(page);
    await page.getByRole('combobox', { name: 'Enkät' }).selectOption('pagaende:pagaende');
    await page.getByRole('button', { name: 'Byt' }).click();
    const code = (await page.getByTestId('participant-code').innerText()).trim();
    await page.getByRole('button', { name: 'Lämna över till deltagaren' }).click();
    await consentVisible(page);
    const link = page.url();
    await page.getByText(/^Ja, jag har läst informationen och samtycker/).tap();
    await choose(page.locator('body'), 'Min coach hjälper mig');
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    await answer(page, 0, 3);
    await page.getByText('Fråga 4 av 7', { exact: true }).waitFor();
    await expect
      .poll(
        async () =>
          (
            await db.query(
              'select 1 from public.drafts d join public.participants p on p.id = d.participant_id where p.code = $1',
              [code.replace('-', '')],
            )
          ).length,
      )
      .toBe(1);
    await page.close();

    const again = await context.newPage();
    await again.goto(link);
    await again.getByText('Fråga 4 av 7', { exact: true }).waitFor();
    await answer(again, 3, 7);
    await context.setOffline(true);
    await again.getByRole('button', { name: 'Skicka svaren', exact: true }).tap();
    await again
      .getByText('Du är inte uppkopplad. Dina svar är sparade i telefonen och skickas när du är uppkopplad igen.', {
        exact: true,
      })
      .waitFor();
    await context.setOffline(false);
    await again.getByRole('heading', { name: 'Tack för dina svar!' }).waitFor();
    const stored = await db.query<{ n: number }>(
      'select count(*)::int as n from public.responses r join public.participants p on p.id = r.participant_id where p.code = $1',
      [code.replace('-', '')],
    );
    expect(stored[0]!.n).toBe(1);

    // Back to the coach: only with the password. The list shows Pågående answered, no answers anywhere.
    await again.getByRole('link', { name: 'Lämna tillbaka telefonen till coachen' }).click();
    await again.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await again.getByRole('button', { name: 'Tillbaka till coachvyn' }).click();
    await again.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    const card = again
      .getByRole('listitem')
      .filter({ has: again.getByTestId('participant-code').getByText(code, { exact: true }) });
    expect((await card.innerText()).replace(/\s+/g, ' ')).toContain('Pågående: besvarad');
    const main = await again.locator('main').innerText();
    for (const q of questions) expect(main).not.toContain(q.title.sv);
    // The hand-over page no longer has a link to offer (tests/security/handover-leaves-nothing).
    await again.goto(link);
    await again.getByRole('heading', { name: 'Länken fungerar inte' }).waitFor();
    expect(await again.locator('main').innerText()).not.toContain(questions[0]!.choices[3]!.text.sv);
  });

  it('hand-over: the phone shows only the survey; the coach list is screenshot before and after', async () => {
    const coach = await newPage();
    await coachEnrols(coach);
    const code = (await coach.getByTestId('participant-code').innerText()).trim();
    // The list opens on the to-do overview (three per group); the newest enrolments are one link away.
    await coach.goto('/coach?group=all&sort=newest');
    await coach.screenshot({ path: `${screenshots}coach-list-360.png`, fullPage: true, animations: 'disabled' });
    const card = coach
      .getByRole('listitem')
      .filter({ has: coach.getByTestId('participant-code').getByText(code, { exact: true }) });
    await card.getByRole('link', { name: 'Starta enkät' }).click();
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
    await coach.getByText('Lösenordet stämmer inte.', { exact: false }).waitFor();
    expect(await coach.getByRole('alert').innerText()).not.toMatch(/e-post/i);
    await coach.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await coach.getByRole('button', { name: 'Tillbaka till coachvyn' }).click();
    await coach.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
  });
});
