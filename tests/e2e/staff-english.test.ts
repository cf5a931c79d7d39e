/**
 * Staff pages in English at 360 × 740 (issue 19): a coach taps "English" in the top bar, the choice
 * holds on the next pages (cookie), and the English words — longer than the Swedish in places —
 * fit the phone: every top-bar control at least 44 px and on one line, no page wider than 360 px.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { enrolWithConsent, REGISTER } from '../support/fixtures.ts';
import { openE2E, phone360, runBrowser, screenshots, signIn, watchPage, type E2E } from './harness.ts';

/** The top bar's controls (switch, menu, sign-out): text, size and lines; the page's width. */
async function frame(page: Page) {
  return page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>('.topbar .staff-lang, .topbar nav a, .topbar .logout button'),
    ];
    return {
      lang: document.documentElement.lang,
      scrollWidth: document.documentElement.scrollWidth,
      controls: controls.map((el) => {
        const r = el.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = Math.round(range.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
        return {
          text: el.textContent!.trim(),
          height: Math.round(r.height),
          width: Math.round(r.width),
          lines,
          right: Math.round(r.right),
          top: Math.round(r.top),
        };
      }),
    };
  });
}

describe.runIf(runBrowser)('staff pages in English at 360 px', () => {
  let e2e: E2E;
  let participantId = '';

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E({
      async seed(store, world, db) {
        const ids: string[] = [];
        for (let i = 0; i < 24; i++) {
          const p = await store.enrolParticipant(world.coach, {
            project_id: world.projectId,
            code: generateCode(),
            ...REGISTER,
          });
          ids.push(p.id);
        }
        for (let i = 0; i < 4; i++) ids.push((await enrolWithConsent(store, world)).participantId);
        // Spread over the last 40 days, so the list has overdue, this-week and later groups.
        await db.query(
          `update public.participants pa set enrolled_at = now() - make_interval(days => (x.n * 3 % 40)::int, hours => 1)
           from unnest($1::uuid[]) with ordinality x(id, n) where pa.id = x.id`,
          [ids],
        );
        participantId = ids[0]!;
      },
    });
  });
  afterAll(() => e2e?.close());

  it('the switch turns the coach pages English, the choice holds, and everything fits', async () => {
    const page = await (await e2e.newContext(phone360)).newPage();
    const watch = await watchPage(page);
    await signIn(page, e2e.world.emails.coach);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'My participants' }).waitFor();
    await page.screenshot({ path: `${screenshots}coach-todo-en-360.png`, animations: 'disabled' });

    const paths = [
      '/coach',
      '/coach?group=all',
      `/coach/participants/${participantId}/exit`,
      `/coach/participants/${participantId}/register`,
      `/coach/participants/${participantId}/decline`,
      `/coach/participants/${participantId}/start?target=wai:start`,
    ];
    for (const path of paths) {
      await page.goto(path);
      const f = await frame(page);
      expect(f.lang, path).toBe('en');
      expect.soft(f.scrollWidth, `${path} is wider than the screen`).toBeLessThanOrEqual(360);
      expect(f.controls.map((c) => c.text)).toEqual(['Svenska', 'My participants', 'Sign out']);
      // The switch sits on the first row with "Sign out", at the same height.
      expect(f.controls[0]!.top, path).toBe(f.controls[2]!.top);
      for (const c of f.controls) {
        expect(c.height, `${c.text} on ${path}`).toBeGreaterThanOrEqual(44);
        expect(c.width, `${c.text} on ${path}`).toBeGreaterThanOrEqual(44);
        expect(c.lines, `${c.text} on ${path} wraps`).toBe(1);
        expect(c.right).toBeLessThanOrEqual(360);
      }
    }
    // Enrolment with "More details" open: the longest English option labels.
    await page.goto('/coach');
    await page.getByText('More details (optional)').click();
    expect((await frame(page)).scrollWidth).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${screenshots}coach-enrol-en-360.png`, fullPage: true, animations: 'disabled' });

    await page.getByRole('link', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    expect(watch.problems).toEqual([]);
  });
});
