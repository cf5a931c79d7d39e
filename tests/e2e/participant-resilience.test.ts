/**
 * The participant side on a small phone (360×740) when things go wrong or get interrupted:
 * autosave and resume on the same device (another device starts afresh), submitting through a lost connection
 * (exactly one response stored), withdrawing consent, accessibility (axe, keyboard, accessible
 * names) and right-to-left layout. Screenshots of a 1–6 question, the thank-you page and an RTL
 * page are taken (harness.ts screenshots).
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { RUNNER_TEXTS } from '../../src/client/i18n/texts.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { seedDefinitions } from '../../src/setup/first-start.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { TEST_SECRET } from '../support/app.ts';
import { enrol, enrolWithConsent, type ParticipantPrincipal, type World } from '../support/fixtures.ts';
import {
  assetsBuilt,
  watchPage,
  type RunningServer,
  openE2E,
  type E2E,
  runBrowser,
  screenshots,
  phone360 as phone,
} from './harness.ts';

interface Choice {
  value: number | string;
  text: { sv: string };
}
interface Question {
  name: string;
  title: { sv: string };
  choices: Choice[];
  noneText: { sv: string };
}
const pagaende = JSON.parse(readFileSync(new URL('../../surveys/pagaende.json', import.meta.url), 'utf8')) as {
  survey: { pages: { elements: Question[] }[] };
};
const questions = pagaende.survey.pages.map((p) => p.elements[0]!);
const choiceText = (q: Question, value: number) => q.choices.find((c) => c.value === value)!.text.sv;
/** What the participant picks, per question in page order. */
const picks = [4, 5, 6, 3, 2, 5, 1];

/** A test-only definition with an Arabic translation, to prove the right-to-left mechanism. */
const scale = [
  'أبدًا / على الإطلاق',
  'نادرًا / بدرجة قليلة',
  'أحيانًا / بدرجة ما',
  'غالبًا / بدرجة كبيرة نوعًا ما',
  'في معظم الأحيان / بدرجة كبيرة',
  'دائمًا / تمامًا',
];
const svScale = [
  'Aldrig / inte alls',
  'Sällan / i liten grad',
  'Ibland / i viss grad',
  'Ganska ofta / i ganska hög grad',
  'Oftast / i hög grad',
  'Alltid / helt och hållet',
];
const rtlDefinition = {
  meta: {
    key: 'rtl-prov',
    version: 1,
    kind: 'survey',
    title: { sv: 'RTL-prov', en: 'RTL test' },
    occasions: ['start'],
    scored: [{ name: 'stod', min: 1, max: 6, missing: ['none'] }],
  },
  survey: {
    title: { sv: 'Hur går det?', en: 'How is it going?', ar: 'كيف تسير الأمور؟' },
    showQuestionNumbers: 'off',
    completeText: { sv: 'Skicka svaren', en: 'Send answers', ar: 'إرسال الإجابات' },
    pages: [
      {
        name: 'sida1',
        elements: [
          {
            type: 'radiogroup',
            name: 'stod',
            isRequired: true,
            title: {
              sv: 'Stödet från min coach har varit till hjälp för mig.',
              en: 'The support from my coach has been helpful to me.',
              ar: 'كان الدعم من مدربي مفيدًا لي.',
            },
            choices: scale.map((ar, i) => ({
              value: i + 1,
              text: { sv: `${i + 1} – ${svScale[i]}`, en: `${i + 1}`, ar: `${i + 1} – ${ar}` },
            })),
            showNoneItem: true,
            noneText: { sv: 'Vet inte / vill inte svara', en: "Don't know", ar: 'لا أعرف / أفضل عدم الإجابة' },
          },
        ],
      },
    ],
  },
};

describe.runIf(runBrowser)('participant resilience, accessibility and RTL on a 360×740 phone', () => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let server: RunningServer;
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E({
      // The test survey in Arabic, approved for participants by the organisation's admin (issue 20).
      seed: async (store, world) => {
        await seedDefinitions(store, [{ name: 'rtl-prov.json', raw: rtlDefinition }]);
        const def = (await store.publishedDefinition(world.admin, 'rtl-prov'))!;
        await store.setDefinitionLanguage(world.admin, { id: def.id, lang: 'ar', approved: true });
      },
    });
    ({ db, store, world, server } = e2e);
  });
  afterAll(() => e2e?.close());

  async function newContext(): Promise<BrowserContext> {
    const context = await e2e.newContext(phone);
    return context;
  }
  async function linkFor(who: ParticipantPrincipal): Promise<string> {
    return `${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`;
  }
  async function expectHeading(page: Page, name: string | RegExp) {
    try {
      await page.getByRole('heading', { name, level: 1 }).first().waitFor({ state: 'visible' });
    } catch (error) {
      const shown = (
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .slice(0, 400);
      throw new Error(`expected heading ${String(name)}, page shows: ${shown}`, { cause: error });
    }
  }
  const group = (page: Page, i: number) => page.getByRole('radiogroup', { name: questions[i]!.title.sv });
  async function choose(scope: Locator, text: string) {
    await scope.getByText(text, { exact: true }).tap();
    await expect
      .poll(() => scope.getByRole('radio', { name: text, exact: true }).isChecked(), { timeout: 15_000 })
      .toBe(true);
  }
  async function onQuestion(page: Page, i: number) {
    await group(page, i).waitFor({ state: 'visible' });
    await page.getByText(`Fråga ${i + 1} av ${questions.length}`, { exact: true }).waitFor();
  }
  const next = (page: Page) => page.getByRole('button', { name: 'Nästa', exact: true }).tap();
  async function answer(page: Page, from: number, to: number) {
    for (let i = from; i < to; i++) {
      await onQuestion(page, i);
      await choose(group(page, i), choiceText(questions[i]!, picks[i]!));
      if (i < questions.length - 1) await next(page);
    }
  }
  const responsesOf = async (id: string) =>
    Number(
      (
        await db.query<{ n: number }>('select count(*)::int as n from public.responses where participant_id = $1', [id])
      )[0]!.n,
    );
  const draftOf = async (id: string) =>
    (
      await db.query<{ page: number; answers: Record<string, unknown> }>(
        'select page, answers from public.drafts where participant_id = $1',
        [id],
      )
    )[0];
  /** Serious and critical axe findings, as "rule: target" lines. */
  async function axeProblems(page: Page): Promise<string[]> {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) =>
        v.nodes.map(
          (n) => `${v.id} (${v.impact}): ${n.target.join(' ')} – ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
        ),
      );
  }
  const offlineNoise = (p: string) =>
    /request failed|ERR_INTERNET_DISCONNECTED|Failed to fetch|Failed to load resource/.test(p);

  it('resumes on the same phone, starts afresh on another device, and submits exactly once through a lost connection', async () => {
    const who = await enrol(store, world);
    const link = await linkFor(who);
    const phoneA = await newContext();
    let page = await phoneA.newPage();
    const watch = await watchPage(page);
    await page.goto(link);

    // Consent, then half the questionnaire.
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    await page.getByText(/^Ja, jag har läst informationen och samtycker/).tap();
    await choose(page.locator('body'), 'Jag svarar själv');
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    const pageSaved = page.waitForResponse(
      (r) => r.url().endsWith('/api/p/draft') && r.request().postDataJSON()?.page === 3,
    );
    await answer(page, 0, 3);
    expect((await pageSaved).status()).toBe(200);
    await onQuestion(page, 3);
    expect(await draftOf(who.participantId)).toEqual({
      page: 3,
      answers: { stod_till_hjalp: 4, paverka_plan: 5, tid_som_behovs: 6 },
    });
    // Question 4 answered, then the page is closed at once (before the debounced save).
    await choose(group(page, 3), choiceText(questions[3]!, picks[3]!));
    await page.close();

    // Same phone: back on question 4 with its answer, and the earlier answers kept.
    page = await phoneA.newPage();
    await page.goto(link);
    await onQuestion(page, 3);
    expect(
      await group(page, 3)
        .getByRole('radio', { name: choiceText(questions[3]!, picks[3]!), exact: true })
        .isChecked(),
    ).toBe(true);
    await page.getByRole('button', { name: 'Föregående', exact: true }).tap();
    await onQuestion(page, 2);
    expect(
      await group(page, 2)
        .getByRole('radio', { name: choiceText(questions[2]!, picks[2]!), exact: true })
        .isChecked(),
    ).toBe(true);
    await next(page);
    await onQuestion(page, 3);
    await expect
      .poll(() => draftOf(who.participantId), { timeout: 15_000 })
      .toEqual({ page: 3, answers: { stod_till_hjalp: 4, paverka_plan: 5, tid_som_behovs: 6, hantera_situation: 3 } });
    await page.close();

    // Another device: a draft is returned only to the device that saved it (a link alone never
    // reads back what was typed: tests/security/coach-reads-draft), so it starts from the first
    // question, and phone A's draft stays beside it until the submission.
    const phoneB = await newContext();
    page = await phoneB.newPage();
    const watchB = await watchPage(page);
    await page.goto(link);
    await onQuestion(page, 0);
    expect(
      await group(page, 0)
        .getByRole('radio', { name: choiceText(questions[0]!, picks[0]!), exact: true })
        .isChecked(),
    ).toBe(false);
    await answer(page, 0, 7);

    // The connection drops on submit: the answers stay on the phone, the page says so.
    await phoneB.setOffline(true);
    await page.getByRole('button', { name: 'Skicka svaren', exact: true }).tap();
    await expectHeading(page, 'Dina svar är inte skickade än');
    await page
      .getByText('Du är inte uppkopplad. Dina svar är sparade i telefonen och skickas när du är uppkopplad igen.', {
        exact: true,
      })
      .waitFor();
    expect(await page.getByRole('heading', { name: 'Tack för dina svar!' }).count()).toBe(0);
    expect(await responsesOf(who.participantId)).toBe(0);
    const kept = await page.evaluate(
      () => Object.keys(localStorage).filter((k) => k.startsWith('enkat:pending:')).length,
    );
    expect(kept).toBe(1);

    // Back online: sent by itself, confirmed, stored once; draft and device copies gone.
    await phoneB.setOffline(false);
    await expectHeading(page, 'Tack för dina svar!');
    expect(await responsesOf(who.participantId)).toBe(1);
    expect(await draftOf(who.participantId)).toBeUndefined();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('enkat:')))).toEqual([]);
    const stored = await db.query<{ answers: Record<string, unknown> }>(
      'select answers from public.responses where participant_id = $1',
      [who.participantId],
    );
    expect(stored[0]!.answers).toEqual(Object.fromEntries(questions.map((q, i) => [q.name, picks[i]])));
    await page.getByRole('link', { name: 'Återkalla samtycke' }).waitFor();
    await page.screenshot({ path: `${screenshots}thank-you-360.png`, animations: 'disabled' });

    expect(watch.problems).toEqual([]);
    expect(watchB.problems.filter((p) => !offlineNoise(p))).toEqual([]);
  });

  it('a submission whose answer was lost is sent again with the same uuid (one response), and first thing on reopening', async () => {
    const who = await enrolWithConsent(store, world);
    const link = await linkFor(who);
    const context = await newContext();
    let page = await context.newPage();
    await page.goto(link);
    await answer(page, 0, 7);
    // The server stores the response but its answer never reaches the phone.
    let lost = 0;
    await page.route('**/api/p/responses', async (route) => {
      if (lost++ === 0) {
        await route.fetch();
        return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    const sent: string[] = [];
    page.on('request', (r) => r.url().includes('/api/p/responses') && sent.push(r.postDataJSON().id));
    await page.getByRole('button', { name: 'Skicka svaren', exact: true }).tap();
    await expectHeading(page, 'Tack för dina svar!');
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sent).size).toBe(1);
    expect(await responsesOf(who.participantId)).toBe(1);

    // Offline submit, page closed, back online: opening the link sends the waiting answers first.
    const other = await enrolWithConsent(store, world);
    const otherLink = await linkFor(other);
    page = await context.newPage();
    await page.goto(otherLink);
    await answer(page, 0, 7);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Skicka svaren', exact: true }).tap();
    await expectHeading(page, 'Dina svar är inte skickade än');
    await page.close();
    await context.setOffline(false);
    page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (r) => r.url().includes('/api/p/') && calls.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(otherLink);
    await expectHeading(page, 'Tack för dina svar!');
    expect(calls[0]).toBe('POST /api/p/responses');
    expect(await responsesOf(other.participantId)).toBe(1);
  });

  it('"Spara och fortsätt senare" saves and says the link can be opened again', async () => {
    const who = await enrolWithConsent(store, world);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(await linkFor(who));
    await onQuestion(page, 0);
    await choose(group(page, 0), choiceText(questions[0]!, 2));
    await page.getByRole('button', { name: 'Spara och fortsätt senare' }).tap();
    await expectHeading(page, 'Dina svar är sparade');
    await page.getByText(/Öppna samma länk igen på den här telefonen när du vill fortsätta/).waitFor();
    expect(await draftOf(who.participantId)).toEqual({ page: 0, answers: { stod_till_hjalp: 2 } });
    await page.getByRole('button', { name: 'Fortsätt svara' }).tap();
    await onQuestion(page, 0);
    expect(
      await group(page, 0)
        .getByRole('radio', { name: choiceText(questions[0]!, 2), exact: true })
        .isChecked(),
    ).toBe(true);
  });

  it('withdrawal: reachable from the page, explained, confirmed; afterwards the link says consent is withdrawn', async () => {
    const who = await enrolWithConsent(store, world);
    const link = await linkFor(who);
    const context = await newContext();
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(link);
    await onQuestion(page, 0);
    await choose(group(page, 0), choiceText(questions[0]!, 3));

    await page.getByRole('link', { name: 'Återkalla samtycke' }).tap();
    await expectHeading(page, 'Återkalla ditt samtycke');
    await page.getByText('Vi samlar inte in några fler svar från dig.').waitFor();
    await page.getByRole('button', { name: 'Nej, gå tillbaka' }).tap();
    await onQuestion(page, 0);
    expect(
      await group(page, 0)
        .getByRole('radio', { name: choiceText(questions[0]!, 3), exact: true })
        .isChecked(),
    ).toBe(true);

    await page.getByRole('link', { name: 'Återkalla samtycke' }).tap();
    await expectHeading(page, 'Återkalla ditt samtycke');
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ja, återkalla mitt samtycke' }).tap();
    await expectHeading(page, 'Ditt samtycke är återkallat');
    expect(await db.query('select status from public.participants where id = $1', [who.participantId])).toEqual([
      { status: 'withdrawn' },
    ]);
    expect(await draftOf(who.participantId)).toBeUndefined();
    const row = (await store.coachParticipants(world.coach, world.projectId)).find((r) => r.id === who.participantId);
    expect(row?.consent).toBe('withdrawn');

    await page.reload();
    await expectHeading(page, 'Du har återkallat ditt samtycke');
    await page.getByRole('button', { name: 'In English' }).tap();
    await expectHeading(page, 'You have withdrawn your consent');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(watch.problems).toEqual([]);
  });

  it('before consent the footer offers to decline, and nothing is sent', async () => {
    const who = await enrol(store, world);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(await linkFor(who));
    await page.getByRole('link', { name: 'Jag vill inte delta' }).tap();
    await expectHeading(page, 'Du behöver inte delta');
    await page.getByRole('button', { name: 'Tillbaka' }).tap();
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    expect(await db.query('select status from public.participants where id = $1', [who.participantId])).toEqual([
      { status: 'active' },
    ]);
  });

  it('consent, a 1–6 question, thank-you, withdrawal and a broken link: no serious axe findings, a language switch on each', async () => {
    const who = await enrol(store, world);
    const context = await newContext();
    const page = await context.newPage();
    const check = async (label: string) => {
      expect(
        await page.getByRole('navigation', { name: 'Språk' }).getByRole('button', { name: 'In English' }).isVisible(),
        label,
      ).toBe(true);
      expect(await axeProblems(page), label).toEqual([]);
    };
    await page.goto(await linkFor(who));
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    await check('consent');
    await page.getByText(/^Ja, jag har läst informationen och samtycker/).tap();
    await choose(page.locator('body'), 'Jag svarar själv');
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    await onQuestion(page, 0);
    await check('survey');
    await choose(group(page, 0), choiceText(questions[0]!, 4));
    await page.screenshot({ path: `${screenshots}rating-question-360.png`, animations: 'disabled' });
    await next(page);
    await answer(page, 1, 7);
    await page.getByRole('button', { name: 'Skicka svaren', exact: true }).tap();
    await expectHeading(page, 'Tack för dina svar!');
    await check('thank-you');
    await page.getByRole('link', { name: 'Återkalla samtycke' }).tap();
    await expectHeading(page, 'Återkalla ditt samtycke');
    await check('withdrawal');
    await page.goto(`${server.baseUrl}/d/not-a-valid-link-token`);
    await expectHeading(page, 'Länken fungerar inte');
    await check('broken link');
    await page.getByRole('button', { name: 'In English' }).tap();
    await expectHeading(page, 'The link does not work');
  });

  it('can be answered by keyboard alone, and the 1–6 choices have accessible names', async () => {
    const who = await enrolWithConsent(store, world);
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(await linkFor(who));
    await onQuestion(page, 0);
    const q = questions[0]!;
    const g = group(page, 0);
    for (const c of q.choices)
      expect(await g.getByRole('radio', { name: c.text.sv, exact: true }).count(), c.text.sv).toBe(1);
    expect(await g.getByRole('radio', { name: q.noneText.sv, exact: true }).count()).toBe(1);

    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement as HTMLInputElement | null;
        return {
          tag: a?.tagName ?? '',
          type: a?.type ?? '',
          value: a?.value ?? '',
          label: a?.closest('label')?.textContent?.trim() ?? a?.textContent?.trim() ?? '',
        };
      });
    async function tabTo(match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string) {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (match(await focused())) return;
      }
      throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused())}`);
    }
    await tabTo((f) => f.type === 'radio', 'a choice');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => g.getByRole('radio', { name: choiceText(q, 3), exact: true }).isChecked()).toBe(true);
    await tabTo((f) => /^Nästa$/.test(f.value || f.label), 'the Nästa button');
    await page.keyboard.press('Enter');
    await onQuestion(page, 1);
    await tabTo((f) => f.type === 'radio', 'a choice on question 2');
    await page.keyboard.press('Space');
    await expect.poll(() => group(page, 1).getByRole('radio', { checked: true }).count()).toBe(1);
  });

  it('right to left: a locale in the RTL list sets dir="rtl" and the 1–6 scale reads from the right, top to bottom', async () => {
    const who: ParticipantPrincipal = {
      ...(await enrolWithConsent(store, world)),
      survey: 'rtl-prov',
      occasion: 'start',
    };
    const context = await newContext();
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`${await linkFor(who)}?lang=ar`);
    const g = page.getByRole('radiogroup', { name: 'كان الدعم من مدربي مفيدًا لي.' });
    await g.waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    expect(await page.locator('.sd-root-modern').evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    // Our own words are in Arabic too (issue 20), in the page's language and direction.
    expect(
      await page
        .getByRole('link', { name: RUNNER_TEXTS.ar.withdrawLink })
        .evaluate((a) => [a.closest('[lang]')?.getAttribute('lang'), getComputedStyle(a).direction]),
    ).toEqual(['ar', 'rtl']);

    const item = (n: number) =>
      g.locator('.sd-item').filter({ has: page.getByRole('radio', { name: `${n} – ${scale[n - 1]}`, exact: true }) });
    const [one, six] = [await item(1).boundingBox(), await item(6).boundingBox()];
    expect(one && six).toBeTruthy();
    expect(one!.y).toBeLessThan(six!.y); // 1 above 6: top to bottom
    // Each choice reads from the right: the radio circle is right of its text.
    const circle = await item(1).locator('.sd-item__decorator').boundingBox();
    const text = await item(1).locator('.sd-item__control-label').boundingBox();
    expect(circle!.x).toBeGreaterThan(text!.x);
    expect(circle!.x + circle!.width).toBeGreaterThan(360 - 80);
    await item(4).getByText(`4 – ${scale[3]}`).tap();
    await page.screenshot({ path: `${screenshots}rtl-phone.png`, animations: 'disabled' });
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'På svenska' }).tap();
    await page.getByRole('radiogroup', { name: 'Stödet från min coach har varit till hjälp för mig.' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'sv',
      'ltr',
    ]);
    expect(await page.getByRole('radio', { name: `4 – ${svScale[3]}`, exact: true }).isChecked()).toBe(true);
    expect(watch.problems).toEqual([]);
  });
});
