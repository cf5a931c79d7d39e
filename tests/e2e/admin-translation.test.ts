/**
 * Translation export and import in the browser (issue 20), at 360 × 740 and 1,024 × 768: the page
 * downloads a language's texts, an uploaded file shows what it changes (right to left for Arabic)
 * without horizontal overflow or serious axe findings, and confirming opens the draft.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranslationXliff } from '../../src/surveys/translation-xliff.ts';
import { openE2E, phone360, runBrowser, screenshots, signIn, watchPage, type E2E } from './harness.ts';

const desktop: BrowserContextOptions = {
  viewport: { width: 1024, height: 768 },
  deviceScaleFactor: 1,
  locale: 'sv-SE',
};

async function seriousAxe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.runIf(runBrowser)('admin: translation export and import in the browser', () => {
  let e2e: E2E;
  let published: string;

  beforeAll(async () => {
    e2e = await openE2E();
    published = (await e2e.store.publishedDefinition(e2e.world.admin, 'pagaende'))!.id;
    mkdirSync(screenshots, { recursive: true });
  }, 120_000);
  afterAll(() => e2e?.close());

  for (const [name, options] of [
    ['360', phone360],
    ['1024', desktop],
  ] as const) {
    it(`downloads Arabic as XLIFF, previews a changed title right to left and writes it into the draft (${name})`, async () => {
      const context = await e2e.newContext({ ...options, acceptDownloads: true });
      const page = await context.newPage();
      const watch = await watchPage(page);
      await signIn(page, e2e.world.emails.admin);
      // Let the page signing in lands on finish loading: leaving it half-loaded is an aborted request.
      await page.waitForURL(/\/coach/);
      await page.waitForLoadState('load');
      const { id } = (await e2e.store.definitionList(e2e.world.admin))
        .find((d) => d.key === 'pagaende')!
        .versions.find((v) => v.status === 'draft') ?? { id: published };
      await page.goto(`/admin/definitions/${id}`);
      await page.getByRole('link', { name: 'Översättning: exportera och läs in' }).click();
      await page.locator('#export-lang').selectOption('ar');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Ladda ner' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^pagaende-v\d+-ar\.xlf$/);
      const xlf = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
      expect(parseTranslationXliff(xlf, 'ar').rows.length).toBeGreaterThan(20);
      const edited = xlf.replace(
        /(<trans-unit id="q:paverka_plan\.title"[\s\S]*?<target state=")[^"]*">[^<]*/,
        `$1translated">عنوان جديد ${name}`,
      );
      await page.locator('#import-lang').selectOption('ar');
      await page
        .locator('#import-file')
        .setInputFiles({ name: 'pagaende-ar.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(edited) });
      await page.getByRole('button', { name: 'Visa vad som ändras' }).click();
      await expect.poll(() => page.locator('#translation-counts').textContent()).toContain('1 ändrade texter');
      const added = page.locator('.translation-new').first();
      expect(await added.getAttribute('dir')).toBe('rtl');
      expect(await added.textContent()).toBe(`عنوان جديد ${name}`);
      expect(await overflow(page)).toBe(0);
      expect(await seriousAxe(page)).toEqual([]);
      await page.screenshot({
        path: `${screenshots}admin-translation-preview-${name}.png`,
        fullPage: true,
        animations: 'disabled',
      });
      await page.getByRole('button', { name: 'Skriv in 1 text i utkastet' }).click();
      await expect
        .poll(() => page.locator('.notice[role="status"]').first().textContent())
        .toContain('Översättningen är inläst');
      expect(new URL(page.url()).searchParams.get('klart')).toBe('translated');
      // A download ends its navigation (ERR_ABORTED) by design; the editor's preview frame may be cut off by leaving.
      const real = watch.problems.filter((p) => !/\/translation \(net::ERR_ABORTED\)|preview/.test(p));
      expect(real).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it('the translation page itself fits 360 px', async () => {
    const context = await e2e.newContext(phone360);
    const page = await context.newPage();
    await signIn(page, e2e.world.emails.admin);
    await page.waitForURL(/\/coach/);
    await page.waitForLoadState('load');
    await page.goto(`/admin/definitions/${published}/translations`);
    expect(await overflow(page)).toBe(0);
    expect(await seriousAxe(page)).toEqual([]);
    await page.screenshot({
      path: `${screenshots}admin-translation-page-360.png`,
      fullPage: true,
      animations: 'disabled',
    });
    await context.close();
  }, 120_000);
});
