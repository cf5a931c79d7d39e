/**
 * The audit log at 1,024 × 768 (issue 19): it fits its column (no horizontal scroll of the page and
 * no scrolling region to reach by keyboard), the details under each sentence and the last column
 * are inside the viewport, and axe finds nothing serious or critical. Also readable at 360 px.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInSweden } from '../../src/views/time.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { enrolWithConsent, REGISTER } from '../support/fixtures.ts';
import { openE2E, phone360, runBrowser, screenshots, signIn, watchPage, type E2E } from './harness.ts';

const desktop: BrowserContextOptions = {
  viewport: { width: 1024, height: 768 },
  deviceScaleFactor: 1,
  locale: 'sv-SE',
};
const LONG_EMAIL = 'karl-johan.andersson-lindqvist@arbetsmarknadsforvaltningen.exempel.se';

/** The top of the page (the filter and the first events), not all of it. */
const top = (width: number, height: number) =>
  ({ fullPage: true, clip: { x: 0, y: 0, width, height }, animations: 'disabled' }) as const;

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** Page overflow, and the rows whose event details or project cell reach past the viewport. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const outside = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.left < 0 || r.right > width + 0.5;
    };
    const cells = [...document.querySelectorAll('.audit-table .audit-details, .audit-table td:last-child')];
    const scrollers = [...document.querySelectorAll('main *')].filter((el) => {
      const s = getComputedStyle(el);
      return /auto|scroll/.test(s.overflowX) && el.scrollWidth > el.clientWidth;
    });
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: width,
      tableWidth: document.querySelector('.audit-table')?.getBoundingClientRect().width,
      cells: cells.length,
      outside: cells.filter(outside).length,
      scrollers: scrollers.length,
    };
  });
}

describe.runIf(runBrowser)('admin: the audit log fits and reads at 1,024 and 360 px', () => {
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E({
      seed: async (store, world) => {
        await store.adminUpdateProject(world.admin, {
          project_id: world.projectId,
          name: 'Stegvis tillbaka till arbete – Norra länets samordningsförbund 2026',
        });
        await store.adminInviteStaff(world.admin, {
          email: LONG_EMAIL,
          memberships: [
            { project_id: world.projectId, role: 'coach' },
            { project_id: world.projectId, role: 'admin' },
          ],
          token_hash: 'a'.repeat(64),
        });
        const who = await enrolWithConsent(store, world);
        await store.registerExit(world.coach, {
          participant_id: who.participantId,
          exited_on: todayInSweden(),
          reason: 'fortsatt_rehabilitering',
        });
        await store.withdrawConsent(await enrolWithConsent(store, world));
        const other = await store.enrolParticipant(world.coach, {
          project_id: world.projectId,
          code: generateCode(),
          ...REGISTER,
        });
        await store.recordDecline(world.coach, { participant_id: other.id, declined: true });
      },
    });
  });
  afterAll(() => e2e?.close());

  it('at 1,024 × 768: no page scroll, no scrolling region, details visible, 0 serious axe findings', async () => {
    const page = await (await e2e.newContext(desktop)).newPage();
    const watch = await watchPage(page);
    await signIn(page, e2e.world.emails.admin);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: 'Granskningslogg' }).waitFor();
    await page.getByText(`${e2e.world.emails.admin} bjöd in ${LONG_EMAIL}`).waitFor();
    const figures = await layout(page);
    console.info('audit log at 1,024 px:', JSON.stringify(figures));
    expect(figures.cells).toBeGreaterThan(10);
    expect(figures).toMatchObject({ outside: 0, scrollers: 0 });
    expect(figures.scrollWidth).toBeLessThanOrEqual(figures.clientWidth);
    const details = page.locator('.audit-details').first();
    await details.scrollIntoViewIfNeeded();
    const box = (await details.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1024);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}admin-audit-1024.png`, ...top(1024, 1500) });
    expect(watch.problems).toEqual([]);
  });

  it('at 360 px: each event a card, nothing clipped, 0 serious axe findings', async () => {
    const page = await (await e2e.newContext(phone360)).newPage();
    await signIn(page, e2e.world.emails.admin);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await page.goto('/admin/audit');
    await page.getByText(`${e2e.world.emails.admin} bjöd in ${LONG_EMAIL}`).waitFor();
    const figures = await layout(page);
    console.info('audit log at 360 px:', JSON.stringify(figures));
    expect(figures).toMatchObject({ outside: 0, scrollers: 0 });
    expect(figures.scrollWidth).toBeLessThanOrEqual(figures.clientWidth);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: `${screenshots}admin-audit-360.png`, ...top(360, 2000) });
  });
});
