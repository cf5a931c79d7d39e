/**
 * End to end, in a real Chromium: a coach enrols a participant and gets a link; the participant
 * opens it on a phone, consents and answers Pågående (SurveyJS, Swedish); with four more answers
 * seeded through the store, the researcher sees the aggregates and the coach sees only that the
 * survey was answered.
 *
 * Needs dist/assets (`npm run build:client`, done by `npm test`) and Chromium at /usr/bin/chromium
 * (`apt-get install -y chromium`) or CHROMIUM_PATH.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { closeQuarters, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';
import {
  assetsBuilt,
  CHROMIUM_PATH,
  watchPage,
  type RunningServer,
  openE2E,
  type E2E,
  runBrowser,
  screenshots,
  signIn,
} from './harness.ts';

const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: 'sv-SE',
};
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 900 }, locale: 'sv-SE' };

/** The shipped Pågående definition: page order, question titles and choice texts as shown. */
interface Choice {
  value: number | string;
  text: { sv: string };
}
interface Question {
  name: string;
  title: { sv: string };
  choices: Choice[];
  noneText: { sv: string };
}
const pagaende = JSON.parse(readFileSync(new URL('../../surveys/pagaende.json', import.meta.url), 'utf8')) as {
  survey: { pages: { elements: Question[] }[] };
};
const questions = pagaende.survey.pages.map((p) => p.elements[0]!);
const choiceText = (q: Question, value: number | 'none') =>
  value === 'none' ? q.noneText.sv : q.choices.find((c) => c.value === value)!.text.sv;

/** What the participant picks, per question in page order (one "vet inte" to see it counted as missing). */
const picks: (number | 'none')[] = [4, 5, 6, 3, 'none', 2, 1];
/** The four seeded responses answer 5 everywhere. */
const SEEDED = 4;
const SEEDED_VALUE = 5;

// Without a system Chromium this file is reported as skipped on a developer machine; in CI
// (CI=true, where .ci/run installs Chromium) a missing browser is a failure.
if (!runBrowser) console.warn(`e2e SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);

describe.runIf(runBrowser)('participant flow in Chromium (coach → participant on a phone → researcher)', () => {
  let store: RpcStore;
  let world: World;
  let server: RunningServer;
  let e2e: E2E;
  let coachPage: Page;
  let coachWatch: { problems: string[] };
  let code = '';
  let link = '';

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    if (!existsSync(CHROMIUM_PATH))
      throw new Error(
        `No Chromium at ${CHROMIUM_PATH}: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
      );
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
    ({ store, world, server } = e2e);
  });
  afterAll(() => e2e?.close());

  async function newPage(options: BrowserContextOptions) {
    const context = await e2e.newContext(options);
    const page = await context.newPage();
    return { page, watch: await watchPage(page) };
  }

  /** Waits for a heading; on failure says what the page shows instead (error pages included). */
  async function expectHeading(page: Page, name: string | RegExp) {
    try {
      await page.getByRole('heading', { name, level: 1 }).first().waitFor({ state: 'visible' });
    } catch (error) {
      const shown = (
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .slice(0, 400);
      throw new Error(`expected heading ${String(name)} at ${page.url()}, page shows: ${shown}`, { cause: error });
    }
  }

  /** A SurveyJS choice: tap its visible text (the input itself is visually hidden), then check it took. */
  async function choose(scope: Page | Locator, text: string) {
    await scope.getByText(text, { exact: true }).tap();
    await expect
      .poll(() => scope.getByRole('radio', { name: text, exact: true }).isChecked(), { timeout: 15_000 })
      .toBe(true);
  }

  it('coach logs in, enrols a participant and gets a code and a link', async () => {
    const { page, watch } = await newPage(phone);
    coachPage = page;
    coachWatch = watch;
    await signIn(page, world.emails.coach);
    await expectHeading(page, 'Mina deltagare');
    expect(new URL(page.url()).pathname).toBe('/coach');
    await expect.poll(() => page.getByText('Inga deltagare ännu.').isVisible()).toBe(true);

    // Kön and Ålder have no preset answer: the coach picks both.
    await page.getByRole('radio', { name: 'Kvinna', exact: true }).check();
    await page.getByRole('radio', { name: '30–49', exact: true }).check();
    await page.getByRole('button', { name: 'Skriv in ny deltagare' }).click();
    await expectHeading(page, 'Starta enkät');
    // A new participant's start page offers the start WAI; this test hands out Pågående.
    await page.getByRole('combobox', { name: 'Enkät' }).selectOption('pagaende:pagaende');
    await page.getByRole('button', { name: 'Byt' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('target')).toBe('pagaende:pagaende');
    code = (await page.getByTestId('participant-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const a = page.getByTestId('participant-link');
    link = (await a.getAttribute('href')) ?? '';
    // The short link (issue 18): /l/ and a 13-character id, the token only inside the page it opens.
    expect(link).toMatch(new RegExp(`^${server.baseUrl}/l/[0-9a-z]{13}$`));
    expect((await a.innerText()).trim()).toBe(link);
    expect(watch.problems).toEqual([]);
  });

  it('participant consents and answers Pågående on a phone, without console errors or CSP violations', async () => {
    expect(link, 'needs the link from the coach step').not.toBe('');
    const { page, watch } = await newPage(phone);
    await page.goto(link);

    // Consent (SurveyJS, Swedish): the statement must be visible as the checkbox's label.
    const statement = /^Ja, jag har läst informationen och samtycker/;
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    const consentBox = page.getByRole('checkbox', { name: statement });
    await consentBox.waitFor({ state: 'attached' });
    await page.getByText(statement).tap();
    await expect.poll(() => consentBox.isChecked(), { timeout: 15_000 }).toBe(true);
    await choose(page, 'Jag svarar själv');
    await page.getByRole('button', { name: 'Skicka', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshots}samtycke-phone.png`, animations: 'disabled' });
    const consentSent = page.waitForResponse(
      (r) => r.url().endsWith('/api/p/consent') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    expect((await consentSent).status()).toBe(201);
    // The runner says which language the questions were shown in (issue 20, point 6).
    expect((await consentSent).request().postDataJSON()).toMatchObject({ locale: 'sv' });
    const responseSent = page.waitForResponse(
      (r) => r.url().endsWith('/api/p/responses') && r.request().method() === 'POST',
    );

    // Pågående: one question per page, six labelled choices and "vet inte".
    expect(questions).toHaveLength(7);
    for (const [i, q] of questions.entries()) {
      const group = page.getByRole('radiogroup', { name: q.title.sv });
      await group.waitFor({ state: 'visible' });
      await page.getByText(`Fråga ${i + 1} av ${questions.length}`, { exact: true }).waitFor();
      const options = group.getByRole('radio');
      expect(await options.count()).toBe(7);
      expect(await group.locator('.sd-item__control-label').allInnerTexts()).toEqual([
        ...q.choices.map((c) => c.text.sv),
        q.noneText.sv,
      ]);
      await choose(group, choiceText(q, picks[i]!));
      if (i === 3) await page.screenshot({ path: `${screenshots}pagaende-phone.png`, animations: 'disabled' });
      const last = i === questions.length - 1;
      await page.getByRole('button', { name: last ? 'Skicka svaren' : 'Nästa', exact: true }).tap();
      if (!last) await group.waitFor({ state: 'detached' });
    }
    await expectHeading(page, 'Tack för dina svar!');
    await page.getByText('Dina svar är sparade.').waitFor();
    expect((await responseSent).request().postDataJSON()).toMatchObject({ locale: 'sv' });
    const stored = await e2e.db.query<{ locale: string }>(
      `select r.locale from public.responses r join public.consents c using (participant_id)
       where r.project_id = $1 and c.locale = 'sv'`,
      [world.projectId],
    );
    expect(stored).toEqual([{ locale: 'sv' }]);

    // The link now says it is done, instead of offering the survey again.
    await page.goto(link);
    await expectHeading(page, 'Du har redan svarat på den här enkäten. Tack!');

    expect(watch.problems).toEqual([]);
  });

  it('researcher sees aggregates for five responses once four more are seeded', async () => {
    for (let i = 0; i < SEEDED; i++) {
      const who = await enrolWithConsent(store, world);
      const def = await store.publishedDefinition(who, 'pagaende');
      await store.submitResponse(who, {
        id: crypto.randomUUID(),
        definition_id: def!.id,
        answers: pagaendeAnswers(SEEDED_VALUE),
      });
    }
    // Figures count closed quarters only: move the project's answers into one.
    await closeQuarters(e2e.db, world.projectId);

    const { page, watch } = await newPage(desktop);
    await signIn(page, world.emails.researcher, { next: '/research' });
    await expectHeading(page, 'Resultat');
    await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
    const table = page.getByTestId('aggregates');
    await table.waitFor();
    expect(await page.getByTestId('suppressed').count()).toBe(0);
    expect((await table.locator('caption').innerText()).trim()).toMatch(new RegExp(`^${SEEDED + 1} svar \\(`));

    const row = (q: Question) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: q.title.sv, exact: true }) });
    const cells = async (q: Question) => (await row(q).getByRole('cell').allInnerTexts()).map((t) => t.trim());
    const sv = (n: number, digits: number) =>
      n.toLocaleString('sv-SE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    for (const [i, q] of questions.entries()) {
      const pick = picks[i]!;
      if (pick === 'none') {
        // Four answers are below the minimum group size of five: the item is suppressed.
        expect(await cells(q)).toEqual(['För få svar för att visas']);
        continue;
      }
      const values = [pick, ...Array(SEEDED).fill(SEEDED_VALUE)] as number[];
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      // The whole distribution: every value's count and its share of n.
      const counts = [1, 2, 3, 4, 5, 6].map((v) => {
        const c = values.filter((x) => x === v).length;
        return `${c} (${Math.round((100 * c) / values.length)}\u00a0%)`;
      });
      const [n, missing, meanText, , median, , ...countTexts] = await cells(q);
      expect({ item: q.name, n, missing, mean: meanText, median, counts: countTexts }).toEqual({
        item: q.name,
        n: '5',
        missing: '0',
        mean: sv(mean, 2),
        median: sv(SEEDED_VALUE, 1),
        counts,
      });
    }
    expect(await page.getByText('För få svar för att visas', { exact: true }).count()).toBe(
      picks.filter((p) => p === 'none').length,
    );
    expect(watch.problems).toEqual([]);
  });

  it('coach sees that the participant answered Pågående, but no answers', async () => {
    await coachPage.goto('/coach');
    await expectHeading(coachPage, 'Mina deltagare');
    const card = coachPage
      .getByRole('listitem')
      .filter({ has: coachPage.getByTestId('participant-code').getByText(code, { exact: true }) });
    expect(await card.count()).toBe(1);
    const text = (await card.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Samtycke lämnat');
    expect(text).toContain('Pågående: besvarad');
    const page = (await coachPage.locator('main').innerText()).toLowerCase();
    for (const q of questions) {
      expect(page).not.toContain(q.title.sv.toLowerCase());
      for (const c of [...q.choices.map((x) => x.text.sv), q.noneText.sv]) expect(page).not.toContain(c.toLowerCase());
    }
    expect(coachWatch.problems).toEqual([]);
  });
});
