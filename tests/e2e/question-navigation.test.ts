/**
 * Moving around a questionnaire on a phone (issue 18): the browser's Back goes to the previous
 * question and keeps the answers (Forward comes back), without anything added to the address;
 * the language chosen is remembered when the link is opened again, under a hash rather than the
 * token; going offline while answering shows a plain banner, the answers stay on the phone and
 * reach the server once the connection is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTokenService } from '../../src/auth/tokens.ts';
import { TEST_SECRET } from '../support/app.ts';
import { enrolWithConsent, type ParticipantPrincipal } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360, runBrowser, type E2E } from './harness.ts';

const OFFLINE = 'Du är offline. Dina svar sparas på telefonen och skickas när du är uppkopplad igen.';

describe.runIf(runBrowser)('Back, remembered language and the offline banner on a 360 px phone', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  async function link(who: ParticipantPrincipal): Promise<{ path: string; token: string }> {
    const { token } = await tokens.signParticipantLink(who);
    return { path: `/d/${token}`, token };
  }
  const at = (page: Page, n: number, of: number) => page.getByText(`Fråga ${n} av ${of}`, { exact: true }).waitFor();
  const radio = (page: Page, name: string) => page.getByRole('radio', { name, exact: true });
  async function pick(page: Page, name: string) {
    await page.getByText(name, { exact: true }).tap();
    await expect.poll(() => radio(page, name).isChecked()).toBe(true);
  }

  it('Back returns to the previous question with its answer; Forward and "Nästa" go on; the address stays', async () => {
    const who = await enrolWithConsent(e2e.store, e2e.world);
    const { path } = await link(who);
    const page = await (await e2e.newContext(phone360)).newPage();
    await page.goto(path);
    await at(page, 1, 7);
    const address = page.url();
    const historyAtStart = await page.evaluate(() => history.length);
    await pick(page, '4 – Ganska ofta / i ganska hög grad');
    await page.getByRole('button', { name: 'Nästa', exact: true }).tap();
    await at(page, 2, 7);
    await pick(page, '2 – Sällan / i liten grad');
    await page.getByRole('button', { name: 'Nästa', exact: true }).tap();
    await at(page, 3, 7);
    expect(await page.evaluate(() => history.length)).toBe(historyAtStart + 2);

    await page.goBack();
    await at(page, 2, 7);
    expect(await radio(page, '2 – Sällan / i liten grad').isChecked()).toBe(true);
    await page.goBack();
    await at(page, 1, 7);
    expect(await radio(page, '4 – Ganska ofta / i ganska hög grad').isChecked()).toBe(true);
    await page.goForward();
    await at(page, 2, 7);
    // "Föregående" is the same step as Back: Forward still leads on to question 2.
    await page.getByRole('button', { name: 'Föregående', exact: true }).tap();
    await at(page, 1, 7);
    await page.goForward();
    await at(page, 2, 7);
    expect(await radio(page, '2 – Sällan / i liten grad').isChecked()).toBe(true);
    // Nothing was added to the address on the way (no page numbers, no state in the URL).
    expect(page.url()).toBe(address);
  });

  it('the language chosen is shown again when the link is reopened, kept under a hash, not the token', async () => {
    const who = await enrolWithConsent(e2e.store, e2e.world);
    const { path, token } = await link(who);
    const context = await e2e.newContext(phone360);
    const page = await context.newPage();
    await page.goto(path);
    await at(page, 1, 7);
    await page.getByRole('button', { name: 'In English' }).tap();
    await page.getByText('Question 1 of 7', { exact: true }).waitFor();

    const again = await context.newPage();
    await again.goto(path); // the link as sent: no ?lang=
    await again.getByText('Question 1 of 7', { exact: true }).waitFor();
    expect(await again.locator('html').getAttribute('lang')).toBe('en');
    const stored = await again.evaluate(() => Object.entries(localStorage));
    const languageEntries = stored.filter(([k]) => k.startsWith('enkat:lang:'));
    expect(languageEntries).toHaveLength(1);
    expect(languageEntries[0]![1]).toBe('"en"');
    for (const [k, v] of stored) {
      expect(k).not.toContain(token);
      expect(v).not.toContain(token);
    }
    // Another participant's link on the same phone is not affected.
    const other = await enrolWithConsent(e2e.store, e2e.world);
    await again.goto((await link(other)).path);
    await at(again, 1, 7);
  });

  it('offline while answering: a banner, answers kept on the phone, saved once online again', async () => {
    const who = await enrolWithConsent(e2e.store, e2e.world);
    const { path } = await link(who);
    const context = await e2e.newContext(phone360);
    const page = await context.newPage();
    await page.goto(path);
    await at(page, 1, 7);
    const banner = page.getByText(OFFLINE, { exact: true });
    expect(await banner.count()).toBe(0);
    await context.setOffline(true);
    await banner.waitFor();
    await pick(page, '5 – Oftast / i hög grad');
    await page.getByRole('button', { name: 'Nästa', exact: true }).tap();
    await at(page, 2, 7);
    await banner.waitFor(); // still there on the next page: the save could not reach the server
    expect(await banner.getAttribute('role')).toBe('status');
    const kept = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([k]) => k.startsWith('enkat:draft:'))
        .map(([, v]) => v),
    );
    expect(kept.join()).toContain('"stod_till_hjalp":5');

    await context.setOffline(false);
    await banner.waitFor({ state: 'hidden' });
    await expect
      .poll(async () => {
        const rows = await e2e.db.query<{ answers: Record<string, unknown> }>(
          'select answers from public.drafts where participant_id = $1',
          [who.participantId],
        );
        return rows[0]?.answers.stod_till_hjalp;
      })
      .toBe(5);
  });
});
