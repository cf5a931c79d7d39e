/**
 * Issue 20 acceptance, in Chromium at 360 × 740: a participant completes the consent form and
 * Pågående in Arabic, Somali, Tigrinya, Dari, Persian and easy Swedish (each approved for the
 * versions by the organisation's admin), opened from a link in that language. Per language:
 * screenshots of the consent form and a rating question, axe without serious or critical
 * findings, no horizontal overflow, right-to-left reading order for Arabic, Dari and Persian
 * (radio to the right of its label, the title set from the right, the pseudonym-free numbers
 * kept left to right), and the answers stored once, with the language they were given in.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_INFO, type ParticipantLocale } from '../../src/client/i18n/locales.ts';
import { RUNNER_TEXTS } from '../../src/client/i18n/texts.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { TEST_SECRET } from '../support/app.ts';
import { approveLanguages, enrol } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360, runBrowser, screenshots, watchPage, type E2E } from './harness.ts';

const LANGS: ParticipantLocale[] = ['ar', 'so', 'ti', 'prs', 'fa', 'sv-x-ll'];
const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

type Texts = Record<string, string>;
interface Element {
  name: string;
  type: string;
  title?: Texts;
  html?: Texts;
  choices?: { value: string | number; text: Texts }[];
}
interface FileJson {
  survey: { completeText: Texts; pages: { elements: Element[] }[] };
}
const file = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../surveys/${name}.json`, import.meta.url), 'utf8')) as FileJson;
const consentFile = file('samtycke-forskning');
const pagaendeFile = file('pagaende');
const consentEl = (name: string) => consentFile.survey.pages[0]!.elements.find((e) => e.name === name)!;

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** Wider than the screen: the page scrolls sideways (a clipped or cramped layout). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

if (!runBrowser) console.warn('e2e SKIPPED: no Chromium');

describe.runIf(runBrowser)('participants in their own language (Chromium, 360 × 740)', () => {
  let e2e: E2E;

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    mkdirSync(screenshots, { recursive: true });
    // The organisation's admin approved every shipped language (as on /admin/definitions/:id/languages).
    e2e = await openE2E({ seed: (store, world) => approveLanguages(store, world.admin, LANGS) });
  });
  afterAll(() => e2e?.close());

  it.each(LANGS)('%s: consent and Pågående, read in order, stored in the language', async (lang) => {
    const { store, world, db } = e2e;
    const info = LOCALE_INFO[lang];
    const rtl = info.dir === 'rtl';
    const who = await enrol(store, world);
    const { token } = await tokens.signParticipantLink(who);
    const context = await e2e.newContext(phone360);
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`/d/${token}?lang=${lang}`);

    // Consent, in the language: html lang/dir, the statement as the checkbox's label.
    const statement = consentEl('samtycker').title![lang]!;
    const box = page.getByRole('checkbox', { name: statement });
    await box.waitFor({ state: 'attached' });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      info.htmlLang,
      info.dir,
    ]);
    await page.getByText(statement).tap();
    await expect.poll(() => box.isChecked(), { timeout: 15_000 }).toBe(true);
    const self = consentEl('svarar_med').choices![0]!.text[lang]!;
    await page.getByText(self, { exact: true }).tap();
    await expect.poll(() => page.getByRole('radio', { name: self, exact: true }).isChecked()).toBe(true);
    const send = page.getByRole('button', { name: consentFile.survey.completeText[lang]!, exact: true });
    await send.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshots}language-${lang}-consent.png`, animations: 'disabled' });
    expect(await overflow(page), 'consent page overflow').toBeLessThanOrEqual(0);
    expect(await axeProblems(page)).toEqual([]);
    if (rtl) {
      // The radio sits to the right of its label, the text starts at the right edge.
      const option = page.locator('.sd-item', { hasText: self }).first();
      const control = await option.locator('.sd-item__decorator').boundingBox();
      const label = await option.locator('.sd-item__control-label').boundingBox();
      expect(control!.x, 'radio right of its label').toBeGreaterThan(label!.x);
      expect(
        await page
          .locator('.sd-question__title')
          .first()
          .evaluate((e) => getComputedStyle(e).direction),
      ).toBe('rtl');
    }
    const consentSent = page.waitForResponse(
      (r) => r.url().endsWith('/api/p/consent') && r.request().method() === 'POST',
    );
    await send.tap();
    expect((await consentSent).status()).toBe(201);

    // Pågående: seven questions, one a page; the progress in the language, numbers left to right.
    const questions = pagaendeFile.survey.pages.map((p) => p.elements[0]!);
    const responseSent = page.waitForResponse(
      (r) => r.url().endsWith('/api/p/responses') && r.request().method() === 'POST',
    );
    for (const [i, q] of questions.entries()) {
      const group = page.getByRole('radiogroup', { name: q.title![lang]! });
      await group.waitFor({ state: 'visible' });
      await page.getByText(RUNNER_TEXTS[lang].progress(i + 1, questions.length), { exact: true }).waitFor();
      const labels = await group.locator('.sd-item__control-label').allInnerTexts();
      expect(labels.slice(0, 6)).toEqual(q.choices!.map((c) => c.text[lang]!));
      const pick = q.choices![(i + 2) % 6]!.text[lang]!;
      await group.getByText(pick, { exact: true }).tap();
      await expect.poll(() => group.getByRole('radio', { name: pick, exact: true }).isChecked()).toBe(true);
      if (i === 0) {
        await page.screenshot({ path: `${screenshots}language-${lang}-rating.png`, animations: 'disabled' });
        expect(await overflow(page), 'rating page overflow').toBeLessThanOrEqual(0);
        expect(await axeProblems(page)).toEqual([]);
        // The scale reads from the start of the line: 1 above 6, each label beside its radio.
        const first = await group.locator('.sd-item').nth(0).boundingBox();
        const sixth = await group.locator('.sd-item').nth(5).boundingBox();
        expect(first!.y).toBeLessThan(sixth!.y);
        for (const n of [0, 5]) {
          const item = group.locator('.sd-item').nth(n);
          const control = (await item.locator('.sd-item__decorator').boundingBox())!;
          const label = (await item.locator('.sd-item__control-label').boundingBox())!;
          expect(Math.abs(control.y + control.height / 2 - (label.y + Math.min(label.height, 40) / 2))).toBeLessThan(
            30,
          );
          if (rtl) expect(control.x, 'RTL: radio right of its label').toBeGreaterThan(label.x + label.width - 1);
          else expect(control.x + control.width, 'LTR: radio left of its label').toBeLessThan(label.x + 1);
        }
        if (rtl) {
          // The progress text is in the language, set right to left, its digits kept as digits.
          const progress = page.locator('.progress-text');
          expect(await progress.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
          expect(await progress.innerText()).toMatch(/1.*7/);
        }
      }
      const last = i === questions.length - 1;
      const next = last ? pagaendeFile.survey.completeText[lang]! : RUNNER_TEXTS[lang].page.next;
      await page.getByRole('button', { name: next, exact: true }).tap();
      if (!last) await group.waitFor({ state: 'detached' });
    }
    expect((await responseSent).status()).toBe(201);
    await page.getByRole('heading', { name: RUNNER_TEXTS[lang].thanks, level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(info.htmlLang);

    const stored = await db.query<{ locale: string; consent_locale: string; n: number }>(
      `select r.locale, c.locale as consent_locale, count(*) over ()::int as n
       from public.responses r join public.consents c using (participant_id) where r.participant_id = $1`,
      [who.participantId],
    );
    expect(stored).toEqual([{ locale: lang, consent_locale: lang, n: 1 }]);
    expect(watch.problems).toEqual([]);
    await context.close();
  });
});
