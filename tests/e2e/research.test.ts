/**
 * The researcher's page in Chromium on the demo data set (src/setup/demo-data.ts, 60 synthetic
 * participants over six quarters, minimum group 5): Likert bars for Pågående and WAI category bars
 * at desktop size, each checked against the JSON the API gives for the same selection; the
 * period filter; the page at phone size without overflow; and the report as printed.
 * Screenshots are taken (harness.ts screenshots).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/setup/demo-data.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { AggregateReport } from '../../src/store/store.ts';
import type { World } from '../support/fixtures.ts';
import { watchPage, openE2E, type E2E, runBrowser, screenshots, signIn } from './harness.ts';

// A fixed "now" keeps the demo data's quarters, and so the screenshots, the same on every run.
const DEMO_NOW = new Date('2026-11-15T12:00:00Z');

/** Every <text> of every chart lies inside its viewBox (nothing clipped or overflowing). */
function textsOutsideViewBox(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg.chart-svg')) {
      const vb = svg.viewBox.baseVal;
      for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
        const b = t.getBBox();
        if (b.x < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5)
          out.push(t.textContent ?? '');
      }
    }
    return out;
  });
}

describe.runIf(runBrowser)('researcher page on the demo data, and the printable report', () => {
  let store: RpcStore;
  let world: World;
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E({ seed: async (s, w, d) => void (await seedDemoData(s, d, w.projectId, { now: DEMO_NOW })) });
    ({ store, world } = e2e);
  });
  afterAll(() => e2e?.close());

  async function researcherPage(viewport: {
    width: number;
    height: number;
  }): Promise<{ page: Page; problems: string[] }> {
    const context = await e2e.newContext({ viewport, deviceScaleFactor: 1, locale: 'sv-SE' });
    const page = await context.newPage();
    const { problems } = await watchPage(page);
    await signIn(page, world.emails.researcher);
    await page.getByRole('heading', { name: 'Resultat' }).waitFor();
    return { page, problems };
  }

  const api = (survey: string, filter: { from?: string; to?: string } = {}): Promise<AggregateReport> =>
    store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: survey, ...filter });

  it('Pågående at 1280×900: one diverging bar per item with the shares the API reports', async () => {
    const { page, problems } = await researcherPage({ width: 1280, height: 900 });
    await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
    const chart = page.getByRole('img', { name: /Svarsfördelning per fråga/ }).first();
    await chart.waitFor();
    const group = (await api('pagaende')).versions.find((v) => v.occasion === 'pagaende')!;
    expect(group.suppressed).toBe(false);
    // Closed quarters only: the demo's current quarter is not counted yet.
    expect(group.responses).toBeGreaterThanOrEqual(20);
    for (const item of group.items) {
      const row = chart.locator(`[data-item="${item.item}"]`);
      if (item.suppressed) {
        expect(await row.locator('[data-suppressed="true"]').count(), item.item).toBe(1);
        continue;
      }
      // The whole distribution: every value's share of n, nothing hidden.
      for (const [value, count] of Object.entries(item.counts!)) {
        const rect = row.locator(`rect[data-value="${value}"]`);
        const expected = String(Math.round((count / item.n!) * 1000) / 10);
        expect(await rect.getAttribute('data-pct'), `${item.item} ${value}`).toBe(expected);
      }
    }
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(500);
    expect(await textsOutsideViewBox(page)).toEqual([]);
    // The tables print the same n as the API.
    await expect(page.getByTestId('aggregates').first().locator('caption').textContent()).resolves.toContain(
      `${group.responses} svar`,
    );
    await page.screenshot({
      path: `${screenshots}research-pagaende-desktop.png`,
      fullPage: true,
      animations: 'disabled',
    });
    expect(problems).toEqual([]);
  });

  it('the period filter narrows the figures to whole blocks and says which quarters they cover', async () => {
    const { page, problems } = await researcherPage({ width: 1280, height: 900 });
    await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
    await page.locator('select[name="from"]').selectOption('2026-Q1');
    await page.locator('select[name="to"]').selectOption('2026-Q4');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL(/from=2026-Q1/);
    const group = (await api('pagaende', { from: '2026-01-01', to: '2026-10-01' })).versions.find(
      (v) => v.occasion === 'pagaende',
    )!;
    const all = (await api('pagaende')).versions.find((v) => v.occasion === 'pagaende')!;
    if (group.suppressed) {
      await expect(page.getByTestId('suppressed').first().isVisible()).resolves.toBe(true);
    } else {
      expect(group.responses!).toBeLessThan(all.responses!);
      expect(all.responses! - group.responses!).toBeGreaterThanOrEqual(5);
      expect(group.period!.from! >= '2026-01-01').toBe(true);
      await expect(page.getByTestId('period').first().textContent()).resolves.toMatch(/^Svar från 2026 kv \d/);
    }
    await expect(page.locator('select[name="from"]').inputValue()).resolves.toBe('2026-Q1');
    expect(problems).toEqual([]);
  });

  it('WAI at 1280×900: category bars, every category with its count', async () => {
    const { page, problems } = await researcherPage({ width: 1280, height: 900 });
    await page.goto(`/research?project=${world.projectId}&survey=wai`);
    // .first(): the WAI at start; the exit WAI has a chart of its own.
    const chart = page.getByRole('img', { name: /WAI-kategorier/ }).first();
    await chart.waitFor();
    const start = (await api('wai')).versions.find((v) => v.occasion === 'start')!;
    expect(start.wai!.categories).toHaveLength(4);
    for (const c of start.wai!.categories!) {
      await expect(chart.locator(`[data-category="${c.category}"] text`).last().textContent()).resolves.toBe(
        String(c.n),
      );
    }
    await expect(page.getByTestId('wai-change').isVisible()).resolves.toBe(true);
    expect(await textsOutsideViewBox(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}research-wai-desktop.png`, fullPage: true, animations: 'disabled' });
    expect(problems).toEqual([]);
  });

  it('at 390×844 the chart fits the screen and its labels stay inside', async () => {
    const { page, problems } = await researcherPage({ width: 390, height: 844 });
    await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
    const chart = page.locator('svg.chart-svg').first();
    await chart.waitFor();
    const box = (await chart.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await textsOutsideViewBox(page)).toEqual([]);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshots}research-phone.png`, animations: 'disabled' });
    expect(problems).toEqual([]);
  });

  it('the Rapportunderlag at desktop and phone size: funder tables and item tables with whole distributions', async () => {
    for (const viewport of [
      { width: 1280, height: 900, name: 'desktop' },
      { width: 360, height: 740, name: 'phone' },
    ]) {
      const { page, problems } = await researcherPage(viewport);
      await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
      await page.getByTestId('basis-link').click();
      await page.getByRole('heading', { name: /^Rapportunderlag: / }).waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('Svar t.o.m.');
      // Every published Pågående item lists its whole distribution, value by value.
      const pagaende = (await api('pagaende')).versions.find((v) => !v.suppressed)!;
      for (const item of pagaende.items.filter((i) => !i.suppressed && !i.all_missing))
        expect(text).toContain(
          Object.entries(item.counts!)
            .map(([v, c]) => `${v}: ${c}`)
            .join(', '),
        );
      expect(text).not.toContain('–,');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({
        path: `${screenshots}rapportunderlag-${viewport.name}.png`,
        fullPage: true,
        animations: 'disabled',
      });
      expect(problems).toEqual([]);
    }
  });

  it('the report, printed: all three surveys, no navigation, charts across the width', async () => {
    const { page, problems } = await researcherPage({ width: 1280, height: 900 });
    await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
    await page.getByRole('link', { name: 'Skriv ut / spara som PDF' }).click();
    await page.getByRole('heading', { name: /^Rapport: / }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('section.report-section').count()).toBe(3);
    expect(await page.locator('svg.chart-svg').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.no-print').isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: `${screenshots}report-print.png`, fullPage: true, animations: 'disabled' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
  });
});
