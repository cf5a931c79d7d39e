/**
 * Every participant page at 360 × 740 (issue 18): consent (and its error), decline, each page of
 * WAI, Pågående and Avslut, thank-you, withdrawal and withdrawn, the hand-over thank-you on the
 * coach's phone, an invalid link and /k. On each: no sideways scrolling, no text cut off, control
 * boundaries ≥ 3:1 against their background, touch targets ≥ 44 × 44 px (screen-checks.ts). Also:
 * WAI's 0–10 question is a row of buttons that stores the same number as before, the title and
 * introduction head the first page only. Screenshots of a WAI page, the 0–10 question and an
 * Avslut page (harness.ts screenshots).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { TEST_SECRET } from '../support/app.ts';
import { enrol, enrolWithConsent, type ParticipantPrincipal } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360, runBrowser, screenshots, signIn, type E2E } from './harness.ts';
import { measureScreen, type ScreenReport } from './screen-checks.ts';

describe.runIf(runBrowser)('participant pages at 360 × 740: width, clipping, control contrast, targets', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const reports: { page: string; report: ScreenReport }[] = [];

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
  });
  afterAll(async () => {
    for (const { page, report: r } of reports)
      console.info(
        `360px ${page}: width ${r.scrollWidth}, ${r.controls} controls, lowest boundary ${r.lowest === Infinity ? '–' : r.lowest.toFixed(2)}:1`,
      );
    await e2e?.close();
  });

  async function linkFor(who: ParticipantPrincipal): Promise<string> {
    return `/d/${(await tokens.signParticipantLink(who)).token}`;
  }
  async function phone(): Promise<Page> {
    return (await e2e.newContext(phone360)).newPage();
  }
  /** Measures the page as shown and asserts the four rules, naming the page in the failure. */
  async function check(page: Page, name: string): Promise<ScreenReport> {
    const report = await measureScreen(page);
    reports.push({ page: name, report });
    expect({ page: name, width: report.scrollWidth <= 360 ? 'fits' : report.scrollWidth }).toEqual({
      page: name,
      width: 'fits',
    });
    expect({ page: name, clipped: report.clipped, lowContrast: report.lowContrast }).toEqual({
      page: name,
      clipped: [],
      lowContrast: [],
    });
    expect({ page: name, smallTargets: report.smallTargets }).toEqual({ page: name, smallTargets: [] });
    return report;
  }
  const progress = (page: Page, n: number, of: number, lang: 'sv' | 'en' = 'sv') =>
    page.getByText(lang === 'sv' ? `Fråga ${n} av ${of}` : `Question ${n} of ${of}`, { exact: true }).waitFor();

  /** Walks a questionnaire page by page, checking each; `act` answers on a page (or not). */
  async function walk(
    page: Page,
    key: string,
    pages: number,
    act: (page: Page, n: number) => Promise<void>,
    lang: 'sv' | 'en' = 'sv',
  ) {
    for (let n = 1; n <= pages; n++) {
      await progress(page, n, pages, lang);
      await act(page, n);
      await check(page, `${key} ${n}/${pages}`);
      if (n < pages) await page.getByRole('button', { name: lang === 'sv' ? 'Nästa' : 'Next', exact: true }).tap();
    }
  }
  const tapFirstChoice = (page: Page) => page.locator('.sd-selectbase__label').first().tap();

  it('WAI: 19 pages, the title only on the first, 0–10 as two rows of buttons storing the number', async () => {
    const who = await enrolWithConsent(e2e.store, e2e.world);
    const wai = { ...who, survey: 'wai', occasion: 'start' as const };
    const page = await phone();
    await page.goto(await linkFor(wai));
    const title = page.getByRole('heading', { name: 'Din arbetsförmåga', level: 1 });
    const intro = page.getByText(/^Frågorna handlar om hur du mår/);
    await walk(page, 'WAI', 19, async (p, n) => {
      // Every page keeps its h1 (for screen readers); only the first shows title and introduction.
      expect(await title.count()).toBe(1);
      expect(await p.locator('h1.visually-hidden:not([hidden])').count()).toBe(n === 1 ? 0 : 1);
      expect(await intro.count()).toBe(n === 1 ? 1 : 0);
      // The first question then starts near the top, under "Fråga n av 19".
      if (n > 1) expect((await p.locator('.sd-question').first().boundingBox())!.y).toBeLessThan(160);
      if (n === 3) {
        await p.screenshot({ path: `${screenshots}question-screen-wai-360.png`, animations: 'disabled' });
        await tapFirstChoice(p);
      }
      if (n === 6) {
        const buttons = p.locator('.sd-rating__item');
        expect(await buttons.count()).toBe(11);
        expect(await p.locator('.sd-dropdown').count()).toBe(0);
        const rows = new Set(
          (await buttons.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top))).map(Math.round),
        );
        expect(rows.size).toBe(2);
        await p.getByRole('radio', { name: '7', exact: true }).check({ force: true });
        await expect.poll(() => p.locator('.sd-rating__item--selected').innerText()).toBe('7');
        await p.screenshot({ path: `${screenshots}question-screen-rating-360.png`, animations: 'disabled' });
      }
    });
    await page.getByRole('button', { name: 'Skicka svaren', exact: true }).tap();
    await page.getByRole('heading', { name: 'Tack för dina svar!' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Du kan stänga sidan nu.');
    await check(page, 'thank-you');
    const rows = await e2e.db.query<{ answers: Record<string, unknown> }>(
      `select r.answers from public.responses r join public.survey_definitions d on d.id = r.definition_id
        where r.participant_id = $1 and d.key = 'wai'`,
      [who.participantId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.answers.wai_1_formaga).toBe(7);
  });

  it('Pågående and Avslut: every page, then withdrawal and the withdrawn page', async () => {
    for (const [key, survey, pages] of [
      ['Pågående', 'pagaende', 7],
      ['Avslut', 'avslut', 11],
    ] as const) {
      const who = await enrolWithConsent(e2e.store, e2e.world);
      const page = await phone();
      await page.goto(await linkFor({ ...who, survey, occasion: survey }));
      await walk(page, key, pages, async (p, n) => {
        if (n < 11) await tapFirstChoice(p);
        if (survey === 'avslut' && n === 2)
          await p.screenshot({ path: `${screenshots}question-screen-avslut-360.png`, animations: 'disabled' });
      });
      if (survey === 'avslut') continue;
      await page.goto(`${page.url().split('#')[0]}#aterkalla`);
      await page.getByRole('heading', { name: 'Återkalla ditt samtycke' }).waitFor();
      await check(page, 'withdrawal');
      await page.getByRole('button', { name: 'Ja, återkalla mitt samtycke' }).tap();
      await page.getByRole('heading', { name: 'Ditt samtycke är återkallat' }).waitFor();
      await check(page, 'withdrawn');
    }
  });

  it('in English too: WAI and Avslut, every page', async () => {
    for (const [survey, occasion, pages] of [
      ['wai', 'start', 19],
      ['avslut', 'avslut', 11],
    ] as const) {
      const who = await enrolWithConsent(e2e.store, e2e.world);
      const page = await phone();
      await page.goto(`${await linkFor({ ...who, survey, occasion })}?lang=en`);
      await walk(
        page,
        `${survey} (en)`,
        pages,
        (p, n) => (survey === 'avslut' && n < 11 ? tapFirstChoice(p) : Promise.resolve()),
        'en',
      );
    }
  });

  it('consent, its plain error, decline; an invalid link; /k', async () => {
    const who = await enrol(e2e.store, e2e.world);
    const page = await phone();
    await page.goto(await linkFor(who));
    await page.getByText('Vill du hjälpa oss att göra stödet bättre?').waitFor();
    await check(page, 'consent');
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    const error = page.getByText(
      'Kryssa i rutan om du vill vara med. Vill du inte vara med, tryck på ”Jag vill inte delta”.',
      { exact: true },
    );
    await error.waitFor();
    expect(await page.getByText('Frågan är obligatorisk.').count()).toBe(0);
    await check(page, 'consent with errors');
    await page.getByRole('link', { name: 'Jag vill inte delta' }).tap();
    await page.getByRole('heading', { name: 'Du behöver inte delta' }).waitFor();
    await check(page, 'decline');

    await page.goto('/d/not-a-link');
    await page.getByRole('heading', { name: 'Länken fungerar inte' }).waitFor();
    await check(page, 'invalid link');
    await page.goto('/k');
    await page.locator('main input').first().waitFor();
    await check(page, '/k');
  });

  it('hand-over: the thank-you page on the coach’s phone asks for the phone back, not to close it', async () => {
    const who = await enrol(e2e.store, e2e.world);
    const page = await phone();
    await signIn(page, e2e.world.emails.coach);
    await page.goto(`/coach/participants/${who.participantId}/start?target=pagaende:pagaende`);
    await page.getByRole('button', { name: 'Lämna över till deltagaren' }).click();
    await page.getByText(/^Ja, jag har läst informationen och samtycker/).tap();
    await page.getByText('Jag svarar själv', { exact: true }).tap();
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    for (let n = 1; n <= 7; n++) {
      await progress(page, n, 7);
      // Saving for later cannot work here: the coach's return erases what the phone kept.
      expect(await page.getByRole('button', { name: 'Spara och fortsätt senare' }).count()).toBe(0);
      await tapFirstChoice(page);
      await page.getByRole('button', { name: n < 7 ? 'Nästa' : 'Skicka svaren', exact: true }).tap();
    }
    await page.getByRole('heading', { name: 'Tack för dina svar!' }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).toContain('Lämna tillbaka telefonen till din coach.');
    expect(text).not.toMatch(/stänga sidan/);
    await check(page, 'hand-over thank-you');
  });
});
