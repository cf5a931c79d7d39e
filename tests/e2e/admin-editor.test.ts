/**
 * The definition editor in Chromium at desktop size (1280×900): an admin opens Pågående, creates a
 * draft, adds an item and rewords a scored one in the JSON editor, sees both in the phone-sized
 * preview (in Swedish and English), sees the readable diff, confirms the rewording and publishes
 * version 2. Screenshot: __screenshots__/admin-editor-desktop.png (editor beside the preview).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/fixtures.ts';
import { assetsBuilt, CHROMIUM_PATH, openE2E, watchPage, type E2E } from './harness.ts';

const screenshots = fileURLToPath(new URL('./__screenshots__/', import.meta.url));
const runBrowser = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);

describe.runIf(runBrowser)('definition editor (admin, desktop)', () => {
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    if (!assetsBuilt()) throw new Error('run npm run build:client first');
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  it('creates a draft of Pågående, edits it with a live preview, shows the diff and publishes v2', async () => {
    const context = await e2e.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'sv-SE' });
    const page = await context.newPage();
    const { problems } = await watchPage(page);
    await page.goto('/login');
    await page.getByLabel('E-postadress').fill(e2e.world.emails.admin);
    await page.getByLabel('Lösenord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/coach/);

    await page.goto('/admin/definitions');
    const row = page.locator('section[data-key="pagaende"] tr[data-version="1"]');
    await expect(row.locator('td').first().textContent()).resolves.toContain('används för nya svar');
    await row.getByRole('button', { name: 'Nytt utkast från denna version' }).click();
    await page.getByRole('heading', { name: /version 2 Utkast/ }).waitFor();
    const preview = page.locator('#definition-preview');
    await preview.getByText('Stödet från min coach har varit till hjälp för mig.').waitFor();
    await page.getByText('Inga fel.').waitFor();

    // Edit the JSON: a new free-text item on the first page, and a reworded scored item.
    const editor = page.getByLabel(/JSON: vår metadata/);
    const file = JSON.parse(await editor.inputValue()) as { survey: { pages: { elements: Record<string, unknown>[] }[] } };
    const first = file.survey.pages[0]!;
    (first.elements[0]!.title as Record<string, string>).sv = 'Stödet från min coach har hjälpt mig.';
    first.elements.push({ type: 'comment', name: 'ovrigt_stod', title: { sv: 'Vill du berätta mer om stödet?', en: 'Anything more about the support?' } });
    // Replaced as one edit (as a paste would): locator.fill stalls on a 20 kB textarea here.
    await editor.evaluate((el, text) => {
      const area = el as HTMLTextAreaElement;
      area.focus();
      area.value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }, JSON.stringify(file, null, 2));

    await preview.getByText('Vill du berätta mer om stödet?').waitFor();
    await preview.getByText('Stödet från min coach har hjälpt mig.').waitFor();
    const confirmation = page.getByRole('checkbox', { name: /Formuleringen av den poängsatta frågan "stod_till_hjalp" \(svenska\)/ });
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
    await expect(page.locator('[data-item="stod_till_hjalp"] ins').first().textContent()).resolves.toBe('Stödet från min coach har hjälpt mig.');
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
});
