/**
 * The participant page on a 360×740 phone before and after its runner loads, and without a
 * network: the first screen is drawn by the server, so it shows (and takes a tap) while the
 * runner's bundle is still on its way; the runner takes it over without moving it and keeps the
 * tap. A reload without a network shows the service worker's offline page, not the browser's
 * error; back online the answers are still there and the questionnaire is sent. Screenshot of the
 * offline page (harness.ts screenshots).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { TEST_SECRET } from '../support/app.ts';
import { enrolWithConsent, type ParticipantPrincipal } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360 as phone, runBrowser, screenshots, watchPage, type E2E } from './harness.ts';

interface Question {
  name: string;
  title: { sv: string };
  choices: { value: number; text: { sv: string } }[];
}
const pagaende = JSON.parse(readFileSync(new URL('../../surveys/pagaende.json', import.meta.url), 'utf8')) as {
  survey: { pages: { elements: Question[] }[] };
};
const questions = pagaende.survey.pages.map((p) => p.elements[0]!);
const picks = [4, 5, 6, 3, 2, 5, 1];
const pickText = (i: number) => questions[i]!.choices.find((c) => c.value === picks[i])!.text.sv;

describe.runIf(runBrowser)('first screen and offline reload on a 360×740 phone', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  const linkFor = async (who: ParticipantPrincipal) =>
    `${e2e.server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`;
  const group = (page: Page, i: number) => page.getByRole('radiogroup', { name: questions[i]!.title.sv });
  const radio = (page: Page, i: number) => group(page, i).getByRole('radio', { name: pickText(i), exact: true });
  const draftOf = async (id: string) =>
    (await e2e.db.query<{ answers: unknown }>('select answers from public.drafts where participant_id = $1', [id]))[0]
      ?.answers;
  async function answer(page: Page, from: number, to: number) {
    for (let i = from; i < to; i++) {
      await page.getByText(`Fråga ${i + 1} av ${questions.length}`, { exact: true }).waitFor();
      await group(page, i).getByText(pickText(i), { exact: true }).tap();
      await expect.poll(() => radio(page, i).isChecked()).toBe(true);
      await page.getByRole('button', { name: i < questions.length - 1 ? 'Nästa' : 'Skicka svaren', exact: true }).tap();
    }
  }

  it('shows the first question before the runner has loaded, and keeps a tap made then', async () => {
    const who = await enrolWithConsent(e2e.store, e2e.world);
    const context = await e2e.newContext(phone);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(/survey-runner-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const watch = await watchPage(page);
    // Not "load": the page's module script is held back.
    await page.goto(await linkFor(who), { waitUntil: 'commit' });

    await group(page, 0).waitFor();
    await page.getByRole('heading', { name: 'Hur går det?', level: 1 }).waitFor();
    await page.getByText('Fråga 1 av 7', { exact: true }).waitFor();
    expect(await page.locator('main[data-first-screen]').count()).toBe(1);
    const drawn = await group(page, 0).boundingBox();
    expect(drawn!.y + 80).toBeLessThan(740); // the question starts on the first screen
    await group(page, 0).getByText(pickText(0), { exact: true }).tap();
    expect(await radio(page, 0).isChecked()).toBe(true);

    release();
    await page.locator('main#app:not([data-first-screen]) .sd-root-modern').waitFor();
    // SurveyJS drew the same question in the same place, with the tap kept (and saved).
    expect(await radio(page, 0).isChecked()).toBe(true);
    expect(await page.locator('.sd-item--checked').count()).toBe(1);
    expect(await group(page, 0).boundingBox()).toEqual(drawn);
    await expect.poll(() => draftOf(who.participantId), { timeout: 15_000 }).toEqual({ stod_till_hjalp: picks[0] });
    expect(watch.problems).toEqual([]);
    await context.close();
  });

  it('reloading without a network shows the offline page; back online the answers are there and are sent', async () => {
    const who = await enrolWithConsent(e2e.store, e2e.world);
    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    await page.goto(await linkFor(who));
    await answer(page, 0, 3);
    await page.getByText('Fråga 4 av 7', { exact: true }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Du är inte uppkopplad', level: 1 }).waitFor();
    await page.getByText('Dina svar finns kvar i telefonen. Inget har försvunnit.', { exact: true }).waitFor();
    await page.getByText('Your answers are kept on this phone. Nothing is lost.', { exact: true }).waitFor();
    // The offline page is the worker's copy: no token, and the address is still the link.
    expect(await page.content()).not.toContain((await linkFor(who)).split('/d/')[1]!.slice(0, 40));
    expect(page.url()).toContain('/d/');
    await page.screenshot({ path: `${screenshots}participant-offline-360.png`, animations: 'disabled' });

    await context.setOffline(false);
    await page.getByRole('link', { name: 'Försök igen' }).tap();
    await page.getByText('Fråga 4 av 7', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Föregående', exact: true }).tap();
    await expect.poll(() => radio(page, 2).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Nästa', exact: true }).tap();
    await answer(page, 3, 7);
    await page.getByRole('heading', { name: 'Tack för dina svar!' }).waitFor();
    const stored = await e2e.db.query<{ answers: Record<string, unknown> }>(
      'select answers from public.responses where participant_id = $1',
      [who.participantId],
    );
    expect(stored.map((r) => r.answers)).toEqual([Object.fromEntries(questions.map((q, i) => [q.name, picks[i]]))]);
    await context.close();
  });
});
