/**
 * The definition editor in Chromium at desktop size (1280×900): an admin opens Pågående, creates a
 * draft, adds an item and rewords a scored one in the JSON editor, sees both in the phone-sized
 * preview (in Swedish and English), sees the readable diff, confirms the rewording and publishes
 * version 2. Screenshot: admin-editor-desktop.png (editor beside the preview; see harness.ts screenshots).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { TEST_SECRET } from '../support/app.ts';
import { closeQuarters, enrol, enrolWithConsent, pagaendeAnswers } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, watchPage, type E2E, runBrowser, screenshots, signIn } from './harness.ts';

describe.runIf(runBrowser)('definition editor (admin, desktop)', () => {
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (!assetsBuilt()) throw new Error('run npm run build:client first');
    // Five Pågående v1 responses, so version 1 has figures before version 2 exists.
    e2e = await openE2E({
      seed: async (store, world) => {
        for (const v of [3, 4, 4, 5, 6]) {
          const who = await enrolWithConsent(store, world);
          const def = await store.publishedDefinition(who, 'pagaende');
          await store.submitResponse(who, {
            id: crypto.randomUUID(),
            definition_id: def!.id,
            answers: pagaendeAnswers(v),
          });
        }
      },
    });
  });
  afterAll(() => e2e?.close());

  it('creates a draft of Pågående, edits it with a live preview, shows the diff and publishes v2', async () => {
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
    // The preview draws in its sandboxed frame.
    const preview = page.frameLocator('#definition-preview iframe');
    await preview.getByText('Stödet från min coach har varit till hjälp för mig.').waitFor();
    await page.getByText('Inga fel.').waitFor();

    // Edit the JSON: a new free-text item on the first page, and a reworded scored item.
    const editor = page.getByLabel(/JSON: vår metadata/);
    const file = JSON.parse(await editor.inputValue()) as {
      survey: { pages: { elements: Record<string, unknown>[] }[] };
    };
    const first = file.survey.pages[0]!;
    (first.elements[0]!.title as Record<string, string>).sv = 'Stödet från min coach har hjälpt mig.';
    first.elements.push({
      type: 'comment',
      name: 'ovrigt_stod',
      title: { sv: 'Vill du berätta mer om stödet?', en: 'Anything more about the support?' },
    });
    // Replaced as one edit (as a paste would): locator.fill stalls on a 20 kB textarea here.
    await editor.evaluate(
      (el, text) => {
        const area = el as HTMLTextAreaElement;
        area.focus();
        area.value = text;
        area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      },
      JSON.stringify(file, null, 2),
    );

    await preview.getByText('Vill du berätta mer om stödet?').waitFor();
    await preview.getByText('Stödet från min coach har hjälpt mig.').waitFor();
    const confirmation = page.getByRole('checkbox', {
      name: /Formuleringen av den poängsatta frågan "stod_till_hjalp" \(svenska\)/,
    });
    await confirmation.waitFor();
    const line = Number((await page.locator('.finding-confirm button').textContent())!.match(/rad (\d+)/)![1]);
    expect((await editor.inputValue()).split('\n')[line - 1]).toContain('"name": "stod_till_hjalp"');
    expect(line).toBeGreaterThan((await editor.inputValue()).split('\n').findIndex((l) => l.includes('"survey"')));
    const publish = page.getByRole('button', { name: 'Publicera version 2' });
    expect(await publish.isDisabled()).toBe(true);
    // The preview follows the language switch.
    await page.getByLabel('Språk').selectOption('en');
    await preview.getByText('Anything more about the support?').waitFor();
    await page.getByLabel('Språk').selectOption('sv');
    await preview.getByText('Vill du berätta mer om stödet?').waitFor();

    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await page.getByText(/Utkastet är sparat/).waitFor();
    await confirmation.check();
    expect(await publish.isEnabled()).toBe(true);
    // The new item in view inside the phone frame, the page itself from the top.
    await preview.getByText('Vill du berätta mer om stödet?').scrollIntoViewIfNeeded();
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: `${screenshots}admin-editor-desktop.png`, fullPage: true, animations: 'disabled' });

    await page.getByRole('link', { name: 'visa skillnader mot version 1' }).click();
    await page.getByText('1 tillagda, 0 borttagna, 1 ändrade och 6 oförändrade frågor.').waitFor();
    await expect(page.locator('[data-item="ovrigt_stod"] h2').textContent()).resolves.toContain('Tillagd');
    await expect(page.locator('[data-item="stod_till_hjalp"] ins').first().textContent()).resolves.toBe(
      'Stödet från min coach har hjälpt mig.',
    );
    await page.getByRole('link', { name: '← Till version 2' }).click();
    await page.getByText('Inga fel.').waitFor();

    await confirmation.check();
    await publish.click();
    await page.getByText('Versionen är publicerad.', { exact: false }).waitFor();
    await page.getByRole('heading', { name: /version 2 Publicerad/ }).waitFor();
    const current = await e2e.store.publishedDefinition(e2e.world.admin, 'pagaende');
    expect(current!.version).toBe(2);
    expect(problems).toEqual([]);
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
    expect(problems).toEqual([]);

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
});
