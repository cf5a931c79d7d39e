/**
 * The researcher's charts in Chromium: Likert bars for Pågående and WAI category bars at desktop
 * size, the page at phone size without overflow, and the report as printed. Screenshots are kept.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedScores } from '../../src/scoring/derived.ts';
import { seedDemoData } from '../../src/setup/demo-data.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { SqlStore } from '../../src/store/sql-store.ts';
import { enrolWithConsent, PAGAENDE_ITEMS, TEST_PASSWORD, type World } from '../support/fixtures.ts';
import { CHROMIUM_PATH, watchPage, type RunningServer, openE2E, type E2E } from './harness.ts';

const screenshots = fileURLToPath(new URL('./__screenshots__/', import.meta.url));
const runBrowser = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
// E2E_DEMO_DATA=1: the synthetic demo data set (src/setup/demo-data.ts, minimum group 5) instead
// of the hand-made responses below, e.g. for screenshots; the exact figures are then not checked.
const demo = process.env.E2E_DEMO_DATA === '1';

// Seven Pågående responses, one row per response, one column per item (PAGAENDE_ITEMS order).
// "erfarenhet_tillvara" is mostly "vet inte", so with n = 2 it is suppressed (minimum group 3).
const PAGAENDE: (number | 'none')[][] = [
  [6, 5, 4, 3, 6, 'none', 5],
  [5, 5, 6, 2, 4, 'none', 6],
  [4, 6, 5, 4, 5, 'none', 4],
  [2, 3, 4, 1, 3, 'none', 2],
  [6, 4, 3, 5, 6, 'none', 5],
  [3, 2, 5, 3, 4, 6, 3],
  [5, 6, 6, 4, 5, 5, 6],
];
const WAI_BASE = {
  wai_1_formaga: 8, wai_2_arbetets_art: 'both', wai_2_fysiska: 4, wai_2_psykiska: 4, wai_3_lakardiagnos: ['psykisk'],
  wai_4_hinder: [5], wai_5_sjukdagar: 4, wai_6_prognos: 7, wai_7_gladje: 3, wai_7_aktiv: 3, wai_7_hopp: 3,
};
// good 40, 42, 41; moderate 34, 35; excellent 44 -> moderate (2) and excellent (1) are suppressed.
const WAI_VARIANTS = [{}, { wai_1_formaga: 10 }, { wai_1_formaga: 9 }, { wai_1_formaga: 2 }, { wai_1_formaga: 3 },
  { wai_1_formaga: 10, wai_7_gladje: 4, wai_7_aktiv: 4, wai_7_hopp: 4, wai_4_hinder: [6] }];

async function seed(store: SqlStore, world: World) {
  for (const row of PAGAENDE) {
    const who = await enrolWithConsent(store, world);
    const def = await store.publishedDefinition(who, 'pagaende');
    const answers = Object.fromEntries(PAGAENDE_ITEMS.map((item, i) => [item, row[i]]));
    await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers });
  }
  for (const variant of WAI_VARIANTS) {
    const who = { ...(await enrolWithConsent(store, world)), survey: 'wai', occasion: 'start' as const };
    const def = await store.publishedDefinition(who, 'wai');
    const answers = { ...WAI_BASE, ...variant };
    await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: def!.id, answers, derived: derivedScores('wai', answers) });
  }
}

/** Every <text> of every chart lies inside its viewBox (nothing clipped or overflowing). */
function textsOutsideViewBox(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const svg of document.querySelectorAll<SVGSVGElement>('svg.chart-svg')) {
      const vb = svg.viewBox.baseVal;
      for (const t of svg.querySelectorAll<SVGTextElement>('text')) {
        const b = t.getBBox();
        if (b.x < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5) out.push(t.textContent ?? '');
      }
    }
    return out;
  });
}

describe.runIf(runBrowser)('researcher charts and printable report', () => {
  let db: SqlExecutor;
  let store: SqlStore;
  let world: World;
  let server: RunningServer;
  let browser: Browser;
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = demo
      ? await openE2E({ seed: async (s, w, d) => void (await seedDemoData(s, d, w.projectId)) })
      : await openE2E({ minGroupSize: 3, seed: seed });
    ({ db, store, world, server, browser } = e2e);
  });
  afterAll(() => e2e?.close());

  async function researcherPage(viewport: { width: number; height: number }): Promise<{ page: Page; problems: string[] }> {
    const context = await e2e.newContext({ viewport, deviceScaleFactor: 1, locale: 'sv-SE' });
    const page = await context.newPage();
    const { problems } = await watchPage(page);
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(world.emails.researcher);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Resultat' }).waitFor();
    return { page, problems };
  }

  it('Pågående at 1280×900: one diverging bar per item, the thin item as a grey row', async () => {
    const { page, problems } = await researcherPage({ width: 1280, height: 900 });
    await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
    const chart = page.getByRole('img', { name: /Svarsfördelning per fråga/ });
    await chart.waitFor();
    if (!demo) {
      expect(await chart.locator('rect[data-value]').count()).toBe(6 * 6);
      expect(await chart.locator('[data-suppressed="true"]').count()).toBe(1);
      // stod_till_hjalp: 2, 3, 4, 5, 5, 6, 6 of n = 7 -> value 6 is 2/7 = 28.6 %.
      expect(await chart.locator('[data-item="stod_till_hjalp"] rect[data-value="6"]').getAttribute('data-pct')).toBe('28.6');
    }
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(500);
    expect(await textsOutsideViewBox(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}research-pagaende-desktop.png`, fullPage: true, animations: 'disabled' });
    expect(problems).toEqual([]);
  });

  it('WAI at 1280×900: category bars, small categories hatched without a number', async () => {
    const { page, problems } = await researcherPage({ width: 1280, height: 900 });
    await page.goto(`/research?project=${world.projectId}&survey=wai`);
    // .first(): the demo data also has exit WAI, a second chart.
    const chart = page.getByRole('img', { name: /WAI-kategorier/ }).first();
    await chart.waitFor();
    if (!demo) {
      expect(await chart.locator('[data-suppressed="true"]').count()).toBe(2);
      await expect(chart.locator('[data-category="good"] text').last().textContent()).resolves.toBe('3');
      await expect(chart.locator('[data-category="moderate"] text').last().textContent()).resolves.toBe('för få');
    }
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
