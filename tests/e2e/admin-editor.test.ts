/**
 * The definition editor in Chromium at desktop size (1280×900), as issue 19's acceptance asks: an
 * admin who never opens the JSON view rewords an item in Swedish, sees the English marked for
 * review and confirms it, adds a question, previews the participant page at phone width in both
 * languages, publishes through the confirmation page, and the codebook shows the new wording in
 * both languages. A participant then answers version 2. Another admin changes a choice list and
 * adds a question with the keyboard. The editor has no serious or critical axe findings.
 * Screenshots: admin-editor-desktop.png (form beside the preview), admin-editor-choices.png.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { keepOnlyLanguages, SV_EN } from '../support/definitions.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.ts';
import { createTokenService } from '../../src/auth/tokens.ts';
import { TEST_SECRET } from '../support/app.ts';
import {
  closeQuarters,
  enrol,
  enrolWithConsent,
  pagaendeAnswers,
  TEST_ITERATIONS,
  TEST_PASSWORD,
} from '../support/fixtures.ts';
import { assetsBuilt, openE2E, watchPage, type E2E, runBrowser, screenshots, signIn } from './harness.ts';

/** Serious and critical axe findings, as "rule: target" lines. */
async function axeProblems(page: Page): Promise<string[]> {
  // The preview frame is the participant page, checked on its own (definition-preview-publish.test.ts);
  // axe would also fetch its stylesheets from inside the sandbox, which the sandbox refuses.
  const result = await new AxeBuilder({ page }).exclude('#definition-preview iframe').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/**
 * What went wrong on the page, less the preview frame's loads cut off by leaving the editor (the
 * frame reloads after every save; navigating away cancels a load under way, which is no error).
 */
const realProblems = (problems: string[]) =>
  problems.filter((p) => !(/net::ERR_ABORTED/.test(p) && /participant-preview|\/preview/.test(p)));

/** The editor's status line once the last change is saved. */
const saved = (page: Page) =>
  expect.poll(() => page.locator('#definition-status').textContent(), { timeout: 15_000 }).toMatch(/^Sparat /);

describe.runIf(runBrowser)('definition editor (admin, desktop)', () => {
  let e2e: E2E;
  let secondAdmin: string;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (!assetsBuilt()) throw new Error('run npm run build:client first');
    // Five Pågående v1 responses, so version 1 has figures before version 2 exists; and a second
    // admin of the organisation (its other project) for the choice-list edit.
    e2e = await openE2E({
      seed: async (store, world, db) => {
        // This organisation's Pågående has Swedish and English only (the flow below reviews the
        // English); the six shipped translations each ask their own review, tested elsewhere.
        await keepOnlyLanguages(db, world.projectId, 'pagaende', SV_EN);
        for (const v of [3, 4, 4, 5, 6]) {
          const who = await enrolWithConsent(store, world);
          const def = await store.publishedDefinition(who, 'pagaende');
          await store.submitResponse(who, {
            id: crypto.randomUUID(),
            definition_id: def!.id,
            answers: pagaendeAnswers(v),
          });
        }
        secondAdmin = `admin2-${crypto.randomUUID().slice(0, 8)}@test.local`;
        await store.createStaff({
          email: secondAdmin,
          password_hash: await hashPassword(TEST_PASSWORD, TEST_ITERATIONS),
          memberships: [{ project_id: world.otherProjectId, role: 'admin' }],
        });
      },
    });
  });
  afterAll(() => e2e?.close());

  it('rewords an item, reviews its English, adds a question, previews, publishes through the confirmation; the codebook follows', async () => {
    const context = await e2e.newContext({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    const { problems } = await watchPage(page);
    await signIn(page, e2e.world.emails.admin);
    await page.waitForURL(/\/coach/);

    await page.goto('/admin/definitions');
    const row = page.locator('section[data-key="pagaende"] tr[data-version="1"]');
    await expect(row.locator('td').first().textContent()).resolves.toContain('används för nya svar');
    await row.getByRole('button', { name: 'Nytt utkast från denna version' }).click();
    await page.getByRole('heading', { name: /version 2 Utkast/ }).waitFor();
    await expect(page.getByRole('tab', { name: 'Formulär' }).getAttribute('aria-selected')).resolves.toBe('true');
    const text = (key: string, lang: string) => page.locator(`[data-text="${key}"] [data-lang="${lang}"]`);

    // The Swedish wording of a scored item: its English is marked for review.
    await text('q:stod_till_hjalp.title', 'sv').getByRole('textbox').fill('Stödet från min coach har hjälpt mig.');
    const review = text('q:stod_till_hjalp.title', 'en').locator('.fe-review');
    await review.getByText('Behöver granskas').waitFor();
    await saved(page);
    await expect(page.locator('#definition-status').textContent()).resolves.toContain('1 text att granska');
    // The rewording of a scored item shows at its question.
    await page
      .locator('[data-q="stod_till_hjalp"] .fe-findings')
      .getByText(/Formuleringen av den poängsatta frågan "stod_till_hjalp" \(svenska\)/)
      .waitFor();
    // The English still says the same: the admin confirms it.
    await review.getByRole('button', { name: 'Texten stämmer' }).click();
    await expect(review.isHidden()).resolves.toBe(true);
    await saved(page);
    await expect(page.locator('#definition-status').textContent()).resolves.not.toContain('att granska');

    // A new free-text question on the first page, named and worded in both languages.
    await page.getByLabel('Ny fråga på sida 1, typ').selectOption('comment');
    await page.locator('[data-page-index="0"]').getByRole('button', { name: 'Lägg till fråga' }).click();
    const added = page.locator('[data-q="fraga1"]');
    await added.getByLabel('Namn', { exact: true }).fill('ovrigt_stod');
    await added.getByLabel('Namn', { exact: true }).press('Tab');
    const card = page.locator('[data-q="ovrigt_stod"]');
    await text('q:ovrigt_stod.title', 'sv').getByRole('textbox').fill('Vill du berätta mer om stödet?');
    await text('q:ovrigt_stod.title', 'en').getByRole('textbox').fill('Anything more about the support?');
    await card.getByLabel(/Fritext som kan peka ut personer/).check();
    await saved(page);
    await expect(page.locator('#definition-status').textContent()).resolves.toContain('Inga fel');

    // The preview is the participant page at phone width, in each language of the definition.
    const frame = page.frameLocator('#definition-preview iframe');
    await frame.getByText('Stödet från min coach har hjälpt mig.').waitFor();
    const preview = page.frames().find((f) => f.url().includes('/preview'))!;
    await expect(preview.evaluate(() => innerWidth)).resolves.toBe(360);
    await page
      .getByRole('group', { name: 'Språk i förhandsvisningen' })
      .getByRole('button', { name: /English/ })
      .click();
    await frame.getByText('The support from my coach has been helpful to me.').waitFor();

    expect(await axeProblems(page)).toEqual([]);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: `${screenshots}admin-editor-desktop.png`, animations: 'disabled' });
    // Never opened: the JSON view.
    await expect(page.getByRole('tab', { name: 'Avancerat (JSON)' }).getAttribute('aria-selected')).resolves.toBe(
      'false',
    );

    // Publishing explains itself: what changed, which items start a new series, what needs a choice.
    await page.getByRole('link', { name: 'Granska och publicera version 2' }).click();
    await page.waitForURL(/\/publish$/);
    await expect(page.locator('li[data-item="stod_till_hjalp"]').textContent()).resolves.toContain(
      'börjar en ny serie',
    );
    await expect(page.locator('li[data-item="paverka_plan"]').textContent()).resolves.toContain('fortsätter sin serie');
    const boxes = page.getByRole('checkbox');
    await expect(boxes.count()).resolves.toBe(1);
    await boxes.first().check();
    await page.getByRole('button', { name: 'Publicera version 2' }).click();
    await page.getByText('Versionen är publicerad.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: /version 2 Publicerad/ }).waitFor();
    const current = await e2e.store.publishedDefinition(e2e.world.admin, 'pagaende');
    expect(current!.version).toBe(2);
    // The published version's page previews it too (let it load before leaving the page).
    await page.frameLocator('#definition-preview iframe').getByText('Stödet från min coach har hjälpt mig.').waitFor();

    // The codebook: the new wording in both languages; the English reviewed, not edited.
    await page.goto(`/research/codebook?project=${e2e.world.projectId}&survey=pagaende`);
    const v2 = page.locator('section#v2');
    const item = v2.locator('tr', { has: page.locator('code', { hasText: /^stod_till_hjalp$/ }) });
    await expect(item.textContent()).resolves.toContain('Stödet från min coach har hjälpt mig.');
    await expect(item.textContent()).resolves.toContain('The support from my coach has been helpful to me.');
    await expect(item.locator('[data-lang="sv"]').getAttribute('data-state')).resolves.toBe('edited');
    await expect(item.locator('[data-lang="en"]').getAttribute('data-state')).resolves.toBe('reviewed');
    const other = v2.locator('tr', { has: page.locator('code', { hasText: /^ovrigt_stod$/ }) });
    await expect(other.textContent()).resolves.toContain('Anything more about the support?');
    expect(realProblems(problems)).toEqual([]);
  });

  it('a new participant gets version 2 and answers it; the researcher sees versions 1 and 2 apart; every step is audited', async () => {
    const { store, world, server, db } = e2e;
    // The participant's own API, as their phone calls it: the session serves version 2 with the new item.
    const who = await enrol(store, world);
    const token = (
      await createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 }).signParticipantLink(who)
    ).token;
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: server.baseUrl },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const session = (await (await call('GET', '/api/p/session')).json()) as {
      consent: { id: string };
      survey: { id: string; json: unknown };
    };
    expect(JSON.stringify(session.survey.json)).toContain('ovrigt_stod');
    expect(
      (
        await call('POST', '/api/p/consent', {
          definition_id: session.consent.id,
          answers: { samtycker: true, svarar_med: 'self' },
        })
      ).status,
    ).toBe(201);
    const sent = await call('POST', '/api/p/responses', {
      id: crypto.randomUUID(),
      definition_id: session.survey.id,
      answers: { ...pagaendeAnswers(5), ovrigt_stod: 'Bra stöd.' },
    });
    expect(sent.status).toBe(201);
    const [pinned] = await db.query<{ version: number }>(
      'select d.version from public.responses r join public.survey_definitions d on d.id = r.definition_id where r.participant_id = $1',
      [who.participantId],
    );
    expect(pinned!.version).toBe(2);
    // Figures count closed quarters only: move every answer of the project into one.
    await closeQuarters(db, world.projectId);

    // The researcher: version 1 with its figures, version 2 on its own (one answer: suppressed).
    const context = await e2e.newContext({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    const { problems } = await watchPage(page);
    await signIn(page, world.emails.researcher);
    await page.getByRole('heading', { name: 'Resultat' }).waitFor();
    await page.goto(`/research?project=${world.projectId}&survey=pagaende`);
    const v1 = page.locator('section', {
      has: page.getByRole('heading', { name: /tillfälle: under insatsen, version 1\)/ }),
    });
    const v2 = page.locator('section', {
      has: page.getByRole('heading', { name: /tillfälle: under insatsen, version 2\)/ }),
    });
    await expect(v1.getByTestId('aggregates').locator('caption').textContent()).resolves.toMatch(/^5 svar/);
    await expect(v2.getByTestId('suppressed').textContent()).resolves.toContain('För få svar');
    const report = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
    });
    expect(report.versions.map((v) => [v.version, v.responses])).toEqual([
      [1, 5],
      [2, null],
    ]);
    expect(realProblems(problems)).toEqual([]);

    // The audit log holds every step: logins, the draft, its save, the publication, the consent.
    const actions = (
      await db.query<{ action: string }>(
        `select distinct action from public.audit_log where at > now() - interval '1 hour'`,
      )
    ).map((r) => r.action);
    for (const action of [
      'login.success',
      'definition.draft_created',
      'definition.draft_saved',
      'definition.published',
      'consent.give',
    ]) {
      expect(actions, action).toContain(action);
    }
  });

  it('another admin changes a choice list and adds a question with the keyboard, then publishes', async () => {
    const context = await e2e.newContext({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    const { problems } = await watchPage(page);
    await signIn(page, secondAdmin);
    await page.waitForURL(/\/coach/);
    await page.goto('/admin/definitions');
    await page
      .locator('section[data-key="avslut"] tr[data-version="1"]')
      .getByRole('button', { name: 'Nytt utkast från denna version' })
      .click();
    await page.getByRole('heading', { name: /version 2 Utkast/ }).waitFor();
    const text = (key: string, lang: string) => page.locator(`[data-text="${key}"] [data-lang="${lang}"]`);

    // A choice of a scored item reworded in both languages (a confirmation, no review).
    await text('q:plan_start.choices[6].text', 'sv').getByRole('textbox').fill('6 – Helt och hållet');
    await text('q:plan_start.choices[6].text', 'en').getByRole('textbox').fill('6 – Completely');

    // A new single-choice question on the last page, its choice list edited with the keyboard.
    const last = page.locator('.fe-page').last();
    await last.getByRole('combobox', { name: /Ny fråga på sida \d+, typ/ }).selectOption('radiogroup');
    await last.getByRole('button', { name: 'Lägg till fråga' }).click();
    const q = page.locator('[data-q="fraga1"]');
    await text('q:fraga1.title', 'sv').getByRole('textbox').fill('Hur fick du veta om insatsen?');
    await text('q:fraga1.title', 'en').getByRole('textbox').fill('How did you hear about the programme?');
    await text('q:fraga1.choices[1].text', 'sv').getByRole('textbox').fill('Från min handläggare');
    await text('q:fraga1.choices[2].text', 'sv').getByRole('textbox').fill('Från en vän');
    await q.getByRole('button', { name: 'Lägg till svarsalternativ' }).click();
    await expect(
      page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index')),
    ).resolves.toBe('3');
    await page.keyboard.type('På annat sätt');
    await q.getByRole('button', { name: 'Ta bort alternativ 3' }).click();
    // Move "Från en vän" up with the keyboard: the focus stays on the moved choice's button.
    await q.getByRole('button', { name: 'Flytta alternativ 2 upp' }).focus();
    await page.keyboard.press('Enter');
    // Now first: its "up" is disabled, so the focus is on its "down".
    await expect(
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label')),
    ).resolves.toBe('Flytta alternativ 2 ner');
    // And the question itself one step up with the keyboard.
    await q.getByRole('button', { name: 'Flytta fraga1 upp' }).focus();
    await page.keyboard.press('Enter');
    await expect(
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label')),
    ).resolves.toBe('Flytta fraga1 ner');
    await saved(page);
    await q.scrollIntoViewIfNeeded();
    await q.screenshot({ path: `${screenshots}admin-editor-choices.png`, animations: 'disabled' });

    await page.getByRole('link', { name: 'Granska och publicera version 2' }).click();
    await page.waitForURL(/\/publish$/);
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Publicera version 2' }).click();
    await page.getByText('Versionen är publicerad.', { exact: false }).waitFor();

    const published = await e2e.store.definitionGet(e2e.world.admin, page.url().split('/').pop()!.split('?')[0]!);
    const all = JSON.stringify(published.json);
    expect(all).toContain('6 – Helt och hållet');
    const pages = (published.json as { pages: { elements: { name: string; choices?: unknown[] }[] }[] }).pages;
    const lastPage = pages.at(-1)!.elements;
    // fraga1 now stands before the page's former last question; its choices in the order left.
    expect(lastPage.map((e) => e.name)).toEqual(['fraga1', 'ovrigt']);
    const choices = lastPage[0]!.choices as { value: number; text: Record<string, string> }[];
    expect(choices.map((c) => [c.value, c.text.sv])).toEqual([
      [2, 'Från en vän'],
      [1, 'Från min handläggare'],
      [4, 'På annat sätt'],
    ]);
    expect(realProblems(problems)).toEqual([]);
  });
});
