/**
 * Small admin items of issue 19 at 360 × 740: the one-time link with "Kopiera länken" (Clipboard
 * API, the selection fallback without it, and the page without JavaScript), and "Ta ur bruk" asking
 * first on its own page. Screenshots: admin-staff-link-360.png, admin-definition-retire-360.png.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2E, phone360, runBrowser, screenshots, signIn, watchPage, type E2E } from './harness.ts';
import { measureScreen } from './screen-checks.ts';

/** Serious and critical axe findings, as "rule: target" lines. */
async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** What must hold on a staff page at 360 px: no sideways scrolling, nothing cut off, 44 px targets. */
async function fitsThePhone(page: Page) {
  const screen = await measureScreen(page);
  expect(screen.scrollWidth).toBeLessThanOrEqual(360);
  expect(screen.clipped).toEqual([]);
  expect(screen.lowContrast).toEqual([]);
  expect(screen.smallTargets).toEqual([]);
}

describe.runIf(runBrowser)('admin small items at 360 px: copy a one-time link, retire a version', () => {
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  /** An admin on a phone invites a new address; returns the page showing the link. */
  async function inviteOnPhone(options: BrowserContextOptions = phone360) {
    const page = await (await e2e.newContext(options)).newPage();
    const watch = await watchPage(page);
    await signIn(page, e2e.world.emails.admin);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await page.goto('/admin/staff');
    const form = page.getByTestId('invite-form');
    await form.getByLabel('E-postadress').fill(`kopia-${crypto.randomUUID().slice(0, 6)}@test.local`);
    await form.getByRole('button', { name: 'Skapa inbjudan' }).click();
    await page.getByRole('heading', { name: 'Inbjudan skapad' }).waitFor();
    return { page, watch, link: await page.getByLabel('Länken').inputValue() };
  }

  it('copies the link with the Clipboard API and says so; the page fits 360 px', async () => {
    const { page, watch, link } = await inviteOnPhone();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const button = page.getByRole('button', { name: 'Kopiera länken' });
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    await button.click();
    const status = page.getByRole('status').filter({ hasText: 'Länken är kopierad.' });
    await status.waitFor();
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    // The whole link is visible in its field, wrapped, not cut off.
    const field = page.getByLabel('Länken');
    expect(await field.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await fitsThePhone(page);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}admin-staff-link-360.png`, fullPage: true, animations: 'disabled' });
    expect(watch.problems).toEqual([]);
  });

  it('without the Clipboard API the button selects the link and says how to copy it', async () => {
    const context = await e2e.newContext(phone360);
    // A page served over plain http has no navigator.clipboard; neither has this one.
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }),
    );
    const page = await context.newPage();
    await signIn(page, e2e.world.emails.admin);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await page.goto('/admin/staff');
    const form = page.getByTestId('invite-form');
    await form.getByLabel('E-postadress').fill(`utan-${crypto.randomUUID().slice(0, 6)}@test.local`);
    await form.getByRole('button', { name: 'Skapa inbjudan' }).click();
    const field = page.getByLabel('Länken');
    const link = await field.inputValue();
    await page.getByRole('button', { name: 'Kopiera länken' }).click();
    // The browser's own copy of the selection may or may not be allowed; either way it is said.
    await page
      .getByRole('status')
      .getByText(/Länken är (kopierad|markerad)/)
      .waitFor();
    const selected = await field.evaluate((el: HTMLTextAreaElement) =>
      el.value.slice(el.selectionStart, el.selectionEnd),
    );
    expect(selected).toBe(link);
  });

  it('without JavaScript the link is there to select and no dead button is shown', async () => {
    const { page, link } = await inviteOnPhone({ ...phone360, javaScriptEnabled: false });
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('button', { name: 'Kopiera länken' }).count()).toBe(0);
    expect(await page.getByLabel('Länken').isVisible()).toBe(true);
    expect(await page.getByLabel('Länken').getAttribute('readonly')).toBe('');
  });

  it('"Ta ur bruk" asks first: Avbryt changes nothing, the button retires the version', async () => {
    const page = await (await e2e.newContext(phone360)).newPage();
    const watch = await watchPage(page);
    await signIn(page, e2e.world.emails.admin);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await page.goto('/admin/definitions');
    const entry = page.locator('section[data-key="pagaende"]');
    await entry.getByRole('link', { name: 'Ta version 1 ur bruk' }).click();
    await page.getByRole('heading', { name: 'Ta version 1 ur bruk?' }).waitFor();
    await page.getByText('Det går inte att ångra.').waitFor();
    await page.getByTestId('no-version-left').waitFor();
    await fitsThePhone(page);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({
      path: `${screenshots}admin-definition-retire-360.png`,
      fullPage: true,
      animations: 'disabled',
    });

    await page.getByRole('link', { name: 'Avbryt' }).click();
    await page.getByRole('heading', { name: 'Enkäter och samtycken' }).waitFor();
    expect((await e2e.store.publishedDefinition(e2e.world.admin, 'pagaende'))?.version).toBe(1);

    await entry.getByRole('link', { name: 'Ta version 1 ur bruk' }).click();
    await page.getByRole('button', { name: 'Ta version 1 ur bruk' }).click();
    await page.getByText('Versionen är tagen ur bruk.').waitFor();
    await entry.locator('tr[data-version="1"]').getByText('Ur bruk').waitFor();
    expect(await e2e.store.publishedDefinition(e2e.world.admin, 'pagaende')).toBeNull();
    expect(watch.problems).toEqual([]);
  });
});
