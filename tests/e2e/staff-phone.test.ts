/**
 * Staff pages on a phone (issue 18): the top navigation is usable at 360 px — every link and the
 * "Logga ut" button at least 44 px tall and never broken inside a word — no staff page is wider
 * than the screen, and every page, staff and public, links to the accessibility statement.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2E, phone360, runBrowser, screenshots, signIn, watchPage, type E2E } from './harness.ts';

/** Each top-bar control: its text, height and number of lines; the page's width; the footer link. */
async function frame(page: Page) {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('.topbar nav a, .topbar .logout button')].map((el) => {
      const r = el.getBoundingClientRect();
      const line = parseFloat(getComputedStyle(el).lineHeight);
      const range = document.createRange();
      range.selectNodeContents(el);
      return {
        text: el.textContent!.trim(),
        height: Math.round(r.height),
        width: Math.round(r.width),
        lines: Math.round(range.getBoundingClientRect().height / line),
        right: Math.round(r.right),
      };
    });
    return {
      controls,
      scrollWidth: document.documentElement.scrollWidth,
      footer: document.querySelector<HTMLAnchorElement>('footer.site-footer a')?.getAttribute('href') ?? null,
    };
  });
}

describe.runIf(runBrowser)('staff pages at 360 × 740', () => {
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  it('an admin reaches every section from a top bar that fits, with 44 px targets', async () => {
    const page = await (await e2e.newContext(phone360)).newPage();
    const watch = await watchPage(page);
    await signIn(page, e2e.world.emails.admin);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    const pages = [
      '/coach',
      '/admin',
      '/admin/projects',
      '/admin/staff',
      '/admin/definitions',
      '/admin/audit',
      '/admin/count-report',
      '/account/password',
    ];
    for (const path of pages) {
      await page.goto(path);
      const f = await frame(page);
      expect.soft(f.scrollWidth, `${path} is wider than the screen`).toBeLessThanOrEqual(360);
      expect(f.footer, `${path} links to the accessibility statement`).toBe('/tillganglighet');
      expect(f.controls.map((c) => c.text)).toEqual(['Mina deltagare', 'Resultat', 'Admin', 'Logga ut']);
      for (const c of f.controls) {
        expect(c.height, `${c.text} on ${path}`).toBeGreaterThanOrEqual(44);
        expect(c.width, `${c.text} on ${path}`).toBeGreaterThanOrEqual(44);
        expect(c.lines, `${c.text} on ${path} wraps`).toBe(1);
        expect(c.right).toBeLessThanOrEqual(360);
      }
    }
    await page.goto('/admin');
    await page.screenshot({ path: `${screenshots}staff-topbar-360.png`, animations: 'disabled' });
    await page.getByRole('link', { name: 'Tillgänglighet' }).click();
    await page.getByRole('heading', { name: 'Tillgänglighet för Enkät' }).waitFor();
    expect((await frame(page)).scrollWidth).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${screenshots}accessibility-statement-360.png`, animations: 'disabled' });
    expect(watch.problems).toEqual([]);
  });

  it('a researcher sees Resultat and Logga ut, with the same targets', async () => {
    const page = await (await e2e.newContext(phone360)).newPage();
    await signIn(page, e2e.world.emails.researcher);
    await page.goto('/research');
    const f = await frame(page);
    expect(f.controls.map((c) => c.text)).toEqual(['Resultat', 'Logga ut']);
    expect(f.controls.every((c) => c.height >= 44 && c.lines === 1)).toBe(true);
    expect(f.scrollWidth).toBeLessThanOrEqual(360);
    expect(f.footer).toBe('/tillganglighet');
  });

  it('the sign-in page and an error page link to the statement too', async () => {
    const page = await (await e2e.newContext(phone360)).newPage();
    await page.goto('/login');
    expect((await frame(page)).footer).toBe('/tillganglighet');
    const res = await page.goto('/no-such-page');
    expect(res?.status()).toBe(404);
    expect((await frame(page)).footer).toBe('/tillganglighet');
  });
});
