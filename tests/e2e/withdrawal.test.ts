/**
 * Withdrawal on a 360×740 phone: the consent text and the withdrawal page say what happens to
 * answers already sent under the project's policy, and after confirming the page says it was done.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { textsFor } from '../../src/client/texts.ts';
import { TEST_SECRET } from '../support/app.ts';
import { enrol, pagaendeAnswers } from '../support/fixtures.ts';
import { watchPage, openE2E, type E2E, runBrowser, screenshots, phone360 as phone } from './harness.ts';

const sv = textsFor('sv');

describe.runIf(runBrowser)('withdrawal on a phone', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  it('erase (the default): told on the consent form and the withdrawal page; the answers are gone afterwards', async () => {
    const { store, db, world, server } = e2e;
    const who = await enrol(store, world);
    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`);
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    await page.getByText(sv.sentAnswers.erase).waitFor();
    expect(await page.getByText('{withdrawalAnswers}').count()).toBe(0);

    // Consent and one submission through the store, then withdraw on the page.
    const consent = (await store.publishedDefinition(who, 'samtycke-forskning'))!;
    await store.giveConsent(who, {
      definition_id: consent.id,
      answers: { samtycker: true, svarar_med: 'self' },
      method: 'self',
    });
    const survey = (await store.publishedDefinition(who, 'pagaende'))!;
    await store.submitResponse(who, { id: crypto.randomUUID(), definition_id: survey.id, answers: pagaendeAnswers(4) });
    await page.reload();
    await page.getByRole('link', { name: sv.withdrawLink }).tap();
    await page.getByRole('heading', { name: sv.withdrawTitle }).waitFor();
    await page.getByText(sv.sentAnswers.erase).waitFor();
    await page.screenshot({ path: `${screenshots}withdraw-erase-phone.png`, animations: 'disabled' });
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/p/withdraw'));
    await page.getByRole('button', { name: sv.withdrawConfirm }).tap();
    expect((await sent).status()).toBe(200);
    await page.getByRole('heading', { name: sv.withdrawDone }).waitFor();
    await page.getByText(sv.sentAnswersDone.erase).waitFor();
    expect(await db.query('select 1 from public.responses where participant_id = $1', [who.participantId])).toEqual([]);
    expect(watch.problems).toEqual([]);
  });

  it('keep: the withdrawal page says sent answers stay', async () => {
    const { store, world, server } = e2e;
    await store.adminUpdateProject(world.admin, {
      project_id: world.projectId,
      settings: { withdrawalPolicy: 'keep' },
    });
    const who = await enrol(store, world);
    const consent = (await store.publishedDefinition(who, 'samtycke-forskning'))!;
    await store.giveConsent(who, {
      definition_id: consent.id,
      answers: { samtycker: true, svarar_med: 'self' },
      method: 'self',
    });
    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}#aterkalla`);
    await page.getByRole('heading', { name: sv.withdrawTitle }).waitFor();
    await page.getByText(sv.sentAnswers.keep).waitFor();
    await page.getByRole('button', { name: sv.withdrawConfirm }).tap();
    await page.getByRole('heading', { name: sv.withdrawDone }).waitFor();
    await page.getByText(sv.sentAnswersDone.keep).waitFor();
    expect(watch.problems).toEqual([]);
  });
});
