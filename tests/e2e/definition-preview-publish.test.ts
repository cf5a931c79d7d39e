/**
 * Issue 19, points 3 and 4 in Chromium. The preview is the participant page: the same title
 * styling and progress line as a participant's page at 360 × 740, right to left for Arabic, the
 * definition's languages offered, and a completed preview thanks without calling the participant
 * API. Publishing goes through the confirmation page (screenshots at 1280 and 360 px):
 * confirmations ticked, version 2 published. Both pages: no serious or critical axe findings.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { definitionLanguages } from '../../src/client/editor-preview.ts';
import { definitionText } from '../../src/admin/definition-service.ts';
import { TEST_SECRET } from '../support/app.ts';
import { mountPreviewOn } from '../support/editor-preview.ts';
import { enrolWithConsent } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360, runBrowser, screenshots, signIn, watchPage, type E2E } from './harness.ts';

type Json = Record<string, any>;

async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** The survey's title and the progress line as drawn (after the runner took the page over). */
async function titleAndProgress(page: Page) {
  await page.locator('#app:not([data-first-screen]) .sd-question__title').first().waitFor();
  return page.evaluate(() => {
    const h1 = document.querySelector<HTMLElement>('.sd-root-modern h1.sd-title')!;
    const progress = document.querySelector<HTMLElement>('.progress-text')!;
    const s = getComputedStyle(h1);
    const box = progress.getBoundingClientRect();
    return {
      title: { color: s.color, size: s.fontSize, weight: s.fontWeight, family: s.fontFamily },
      progress: progress.textContent,
      clipped: progress.scrollWidth > progress.clientWidth || box.left < 0 || box.right > innerWidth,
    };
  });
}

describe.runIf(runBrowser)('preview and publish confirmation (issue 19)', () => {
  let e2e: E2E;
  let draftId: string;
  let draftJson: Json;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (!assetsBuilt()) throw new Error('run npm run build:client first');
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  async function admin(options: Parameters<E2E['newContext']>[0]) {
    const context = await e2e.newContext(options);
    const page = await context.newPage();
    const watched = await watchPage(page);
    await signIn(page, e2e.world.emails.admin);
    await page.waitForURL(/\/coach/);
    return { context, page, problems: watched.problems };
  }

  it('a draft with an Arabic text and a reworded item, saved through the JSON API', async () => {
    const { store, world } = e2e;
    const v1 = (await store.publishedDefinition(world.admin, 'pagaende'))!.id;
    const draft = await store.createDefinitionDraft(world.admin, v1);
    const file = JSON.parse(definitionText(draft)) as { meta: Json; survey: Json };
    file.survey.title.ar = 'كيف تسير الأمور؟';
    const first = file.survey.pages[0].elements[0];
    first.title.ar = 'كان دعم مدربي مفيدًا لي.';
    first.title.sv = 'Min coach har hjälpt mig.';
    const { context, page } = await admin({ viewport: { width: 1280, height: 900 } });
    const res = await page.request.put(`/api/admin/definitions/${draft.id}`, {
      data: JSON.stringify(file, null, 2),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status()).toBe(200);
    draftId = draft.id;
    draftJson = file.survey;
    await context.close();
  });

  it('the preview at 360 × 740 looks as the participant page does; Arabic is right to left', async () => {
    const { store, world } = e2e;
    const who = await enrolWithConsent(store, world);
    const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
    const participant = await (await e2e.newContext(phone360)).newPage();
    await participant.goto(`/d/${(await tokens.signParticipantLink(who)).token}`);
    const real = await titleAndProgress(participant);

    const { context, page, problems } = await admin(phone360);
    const calls: string[] = [];
    page.on('request', (r) => calls.push(new URL(r.url()).pathname));
    await page.goto(`/admin/definitions/${draftId}/preview?lang=sv`);
    await page.getByText('Förhandsvisning – svaren sparas inte.').waitFor();
    const preview = await titleAndProgress(page);
    expect(preview.title).toEqual(real.title);
    expect(preview.progress).toBe('Fråga 1 av 7');
    expect(preview.clipped).toBe(false);
    expect(real.progress).toBe(preview.progress);
    await page.getByText('Min coach har hjälpt mig.').waitFor();
    await page.screenshot({ path: `${screenshots}definition-preview-360.png`, animations: 'disabled' });
    expect(await axeProblems(page)).toEqual([]);

    await page.goto(`/admin/definitions/${draftId}/preview?lang=ar`);
    await titleAndProgress(page);
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual([
      'rtl',
      'ar',
    ]);
    await page.getByText('كان دعم مدربي مفيدًا لي.').waitFor();
    expect(calls.filter((p) => p.startsWith('/api/'))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers the definition’s languages in the frame the editor shows, and switches to Arabic', async () => {
    const { context, page, problems } = await admin({ viewport: { width: 1280, height: 900 } });
    await page.goto('/admin/definitions');
    const languages = definitionLanguages(draftJson);
    // Swedish first, then the others alphabetically: the draft's own Arabic and the shipped translations.
    expect(languages).toEqual(['sv', 'ar', 'en', 'fa', 'prs', 'so', 'sv-x-ll', 'ti']);
    await mountPreviewOn(page, { definitionId: draftId, languages, width: 300 });
    const buttons = page.locator('#preview-host .editor-preview-langs button');
    expect(await buttons.allTextContents()).toEqual([
      'På svenska',
      'العربية',
      'In English',
      'فارسی',
      'دری',
      'Soomaali',
      'Lättläst svenska',
      'ትግርኛ',
    ]);
    expect(await buttons.first().getAttribute('aria-pressed')).toBe('true');
    const frame = page.frameLocator('#preview-host iframe');
    /** The runner has taken the frame's page over (so a new address aborts no load under way). */
    const drawn = () => frame.locator('#app:not([data-first-screen]) .sd-question__title').first().waitFor();
    await frame.getByText('Min coach har hjälpt mig.').waitFor();
    await drawn();
    // Narrower than the phone: scaled down, whole.
    const box = (await page.locator('#preview-host .editor-preview-viewport').boundingBox())!;
    expect(Math.round(box.width)).toBe(300);
    expect(Math.round(box.height)).toBe(Math.ceil((740 * 300) / 360));
    await buttons.nth(1).click();
    await frame.getByText('كان دعم مدربي مفيدًا لي.').waitFor();
    await drawn();
    expect(await frame.locator('html').getAttribute('dir')).toBe('rtl');
    await page.evaluate(() => (window as unknown as { preview: { reload(): void } }).preview.reload());
    await frame.getByText('كان دعم مدربي مفيدًا لي.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a consent form completed in the preview thanks, and nothing reaches the participant API', async () => {
    const consent = (await e2e.store.publishedDefinition(e2e.world.admin, 'samtycke-forskning'))!;
    const { context, page } = await admin(phone360);
    const calls: string[] = [];
    page.on('request', (r) => calls.push(new URL(r.url()).pathname));
    await page.goto(`/admin/definitions/${consent.id}/preview?lang=sv`);
    await page.locator('#app:not([data-first-screen]) .sd-question__title').first().waitFor();
    // The project's facts filled in, as on the participant's page.
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\{\w+\}/);
    expect(text).toMatch(/följer upp hur stödet i Projekt \w+ fungerar/);
    await page.locator('.sd-question--boolean label').first().click();
    await page.locator('[data-name="svarar_med"] label').first().click();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för dina svar!' }).waitFor();
    expect(calls.filter((p) => p.startsWith('/api/'))).toEqual([]);
    await context.close();
  });

  it('publishes through the confirmation page (screenshots at 1280 and 360 px)', async () => {
    const phone = await admin(phone360);
    await phone.page.goto(`/admin/definitions/${draftId}/publish`);
    await phone.page.getByRole('heading', { name: /Publicera .*version 2/ }).waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeProblems(phone.page)).toEqual([]);
    await phone.page.screenshot({
      path: `${screenshots}definition-publish-360.png`,
      fullPage: true,
      animations: 'disabled',
    });
    await phone.context.close();

    const { context, page, problems } = await admin({ viewport: { width: 1280, height: 900 } });
    await page.goto(`/admin/definitions/${draftId}/publish`);
    await page.getByText('Version 2 blir den som används för nya svar från och med nu.').waitFor();
    expect(await page.locator('[data-item="stod_till_hjalp"].series-new').textContent()).toContain(
      'börjar en ny serie',
    );
    expect(await page.locator('[data-item="paverka_plan"].series-continues').textContent()).toContain(
      'fortsätter sin serie',
    );
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({
      path: `${screenshots}definition-publish-desktop.png`,
      fullPage: true,
      animations: 'disabled',
    });
    const boxes = page.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThan(0);
    for (const box of await boxes.all()) await box.check();
    await page.getByRole('button', { name: 'Publicera version 2' }).click();
    await page.waitForURL(/klart=published/);
    await page.getByText('Versionen är publicerad. Nya svar använder den från och med nu.').waitFor();
    expect((await e2e.store.publishedDefinition(e2e.world.admin, 'pagaende'))!.version).toBe(2);
    expect(problems).toEqual([]);
    await context.close();
  });
});
