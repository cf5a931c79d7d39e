/**
 * Acceptance for the coach's "Att göra" (issue 18) at 360 × 740 in Chromium: with 200 participants
 * the list opens on what is due now (overdue, then this week) with counts, pages 50 at a time, finds
 * one participant by code as a coach would type it, records "vill inte delta", and no coach page in
 * the flow is wider than the phone (list, search, filters, decline, exit form, enrolment with
 * "Fler uppgifter" open).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCode, generateCode } from '../../src/domain/pseudonym-code.ts';
import { enrolWithConsent, REGISTER } from '../support/fixtures.ts';
import { openE2E, phone360, runBrowser, screenshots, signIn, type E2E } from './harness.ts';

const PARTICIPANTS = 200;

describe.runIf(runBrowser)('coach to-do list with 200 participants at 360 px', () => {
  let e2e: E2E;
  let target: { id: string; code: string };
  let decliner: { id: string; code: string };

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E({
      async seed(store, world, db) {
        // 180 without consent and 20 with, enrolled over the last 100 days (two a day).
        const ids: string[] = [];
        for (let i = 0; i < PARTICIPANTS - 20; i++) {
          const p = await store.enrolParticipant(world.coach, {
            project_id: world.projectId,
            code: generateCode(),
            ...REGISTER,
          });
          ids.push(p.id);
        }
        for (let i = 0; i < 20; i++) ids.push((await enrolWithConsent(store, world)).participantId);
        await db.query(
          `update public.participants pa set enrolled_at = now() - make_interval(days => (x.n % 100)::int, hours => 1)
           from unnest($1::uuid[]) with ordinality x(id, n) where pa.id = x.id`,
          [ids],
        );
        // The one the coach looks for: consent due in 4 days, so this week.
        const [row] = await db.query<{ id: string; code: string }>(
          `update public.participants set enrolled_at = now() - interval '10 days' where id = $1 returning id, code`,
          [ids[7]],
        );
        target = row!;
        const [other] = await db.query<{ id: string; code: string }>(
          `select id, code from public.participants where id = $1`,
          [ids[3]],
        );
        decliner = other!;
      },
    });
  });
  afterAll(() => e2e?.close());

  const noWiderThanPhone = async (page: Page, what: string) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${what} is ${width} px wide`).toBeLessThanOrEqual(360);
  };
  const groupHeadings = (page: Page) => page.getByTestId('todo-group').allInnerTexts();

  it('opens on what is due now, finds a participant by code, and fits the phone on every page', async () => {
    const page = await (await e2e.newContext(phone360)).newPage();
    await signIn(page, e2e.world.emails.coach);
    await page.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    const start = Date.now();
    await page.goto('/coach');
    const loadMs = Date.now() - start;

    // The due-now groups come first, due this week at the top, each with its count and its three
    // most urgent; the total shown.
    const headings = await groupHeadings(page);
    expect(headings[0]).toMatch(/^Denna vecka \d+$/);
    expect(headings[1]).toMatch(/^Försenade \d+$/);
    expect(await page.getByTestId('todo-total').innerText()).toMatch(/^200 deltagare, \d+ att göra\./);
    const weekTop = await page.getByRole('heading', { name: /^Denna vecka/ }).boundingBox();
    await noWiderThanPhone(page, 'the list');
    await page.screenshot({ path: `${screenshots}coach-todo-360.png`, animations: 'disabled' });
    // The first screen shows the due-this-week group; its first card is due, not overdue.
    expect(weekTop!.y).toBeLessThan(740);
    expect(await page.locator('.participants > li').first().innerText()).toMatch(/ska besvaras/);
    // Stale items are off the to-do list: the overdue group's top is overdue, never past the cut-off.
    expect(await page.locator('.todo-group').nth(1).locator('.participants > li').first().innerText()).toMatch(
      /försenad/,
    );
    expect(await page.getByRole('link', { name: /^Missade \d+$/ }).innerText()).not.toBe('Missade 0');

    // All of a group, 50 a page, with page links.
    const overdue = Number((headings[1] ?? '').replace(/\D/g, ''));
    expect(overdue).toBeGreaterThan(50);
    await page.getByRole('link', { name: `Alla i Försenade (${overdue})` }).click();
    await page.getByText(`Visar 1–50 av ${overdue}.`).waitFor();
    expect(await page.getByTestId('participant-code').count()).toBe(50);
    await page.getByRole('navigation', { name: 'Sidor' }).getByRole('link', { name: 'Nästa' }).click();
    await page.getByText(`Visar 51–${overdue} av ${overdue}.`).waitFor();
    await noWiderThanPhone(page, 'page 2 of a group');

    // Found by code typed as a coach would: lower case, with a space for the dash.
    await page.getByLabel('Sök kod').fill(formatCode(target.code).toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText(/^1 deltagare med/).waitFor();
    expect(await page.getByTestId('participant-code').allInnerTexts()).toEqual([formatCode(target.code)]);
    expect(await groupHeadings(page)).toEqual(['Denna vecka 1']);
    await noWiderThanPhone(page, 'the search result');
    await page.screenshot({ path: `${screenshots}coach-todo-search-360.png`, fullPage: true, animations: 'disabled' });

    // The filters (a plain GET form) open and fit.
    await page.goto('/coach');
    await page.getByText('Filter och ordning').click();
    await page.locator('select[name=group]').selectOption('missed');
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    expect(new URL(page.url()).searchParams.get('group')).toBe('missed');
    expect(await groupHeadings(page)).toEqual([expect.stringMatching(/^Missade \d+$/)]);
    await noWiderThanPhone(page, 'the filtered list');

    // Newest enrolments at once.
    await page.getByRole('link', { name: 'Senast inskrivna' }).click();
    await page.getByRole('heading', { name: 'Senast inskrivna' }).waitFor();

    // The exit form: no column sized to the longest reason.
    await page.goto(`/coach/participants/${target.id}/exit`);
    await page.getByRole('heading', { name: 'Registrera avslut' }).waitFor();
    await noWiderThanPhone(page, 'the exit form');

    // "Vill inte delta", confirmed, then shown as its own state and off the to-do list.
    await page.goto(`/coach?q=${target.code}`);
    await page.getByRole('link', { name: 'Vill inte delta' }).click();
    await page.getByRole('heading', { name: 'Vill inte delta' }).waitFor();
    await noWiderThanPhone(page, 'the decline confirmation');
    await page.getByRole('button', { name: 'Ja, deltagaren vill inte delta' }).click();
    await page.getByTestId('consent-state').waitFor();
    expect(await page.getByTestId('consent-state').innerText()).toBe('Vill inte delta (enligt coach)');
    expect(await groupHeadings(page)).toEqual(['Deltar inte 1']);

    // The participant's own "Jag vill inte delta" on their phone reaches the coach's list.
    const minted = await page.request.post(`/api/coach/participants/${decliner.id}/links`, {
      headers: { origin: e2e.server.baseUrl },
      data: { survey: 'wai', occasion: 'start' },
    });
    const { url } = (await minted.json()) as { url: string };
    const phone = await (await e2e.newContext(phone360)).newPage();
    await phone.goto(url);
    await phone.getByRole('link', { name: 'Jag vill inte delta' }).click();
    await phone.getByRole('button', { name: 'Jag vill inte delta' }).click();
    await phone.getByRole('heading', { name: 'Tack för att du sa till' }).waitFor();
    await page.goto(`/coach?q=${decliner.code}`);
    expect(await page.getByTestId('consent-state').innerText()).toBe('Vill inte delta');

    // Enrolment with "Fler uppgifter" open.
    await page.goto('/coach');
    await page.getByText('Fler uppgifter (frivilligt)').click();
    await page.getByLabel('Sysselsättning vid start').waitFor();
    await noWiderThanPhone(page, 'the enrolment form with Fler uppgifter open');
    console.info(`coach list, 200 participants: overview in ${loadMs} ms; "Denna vecka" heading at y=${weekTop?.y}`);
  });
});
