/**
 * An admin invites a coach at desktop size and copies the one-time link; the coach opens it in a
 * fresh browser, chooses a password and is signed in by that; the admin deactivates them and the
 * coach's next page load lands on the login page.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2E, watchPage, type E2E, runBrowser, screenshots, signIn } from './harness.ts';

const desktop: BrowserContextOptions = {
  viewport: { width: 1280, height: 900 },
  deviceScaleFactor: 1,
  locale: 'sv-SE',
};
const COACH_PASSWORD = 'mitt eget långa lösenord';

describe.runIf(runBrowser)('admin: invite, first sign-in and deactivation of a coach', () => {
  let e2e: E2E;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
    e2e.secrets.push(COACH_PASSWORD);
  });
  afterAll(() => e2e?.close());

  it('invite link copied → own password → signed in at once; deactivated → back at login', async () => {
    const email = `coach-${crypto.randomUUID().slice(0, 6)}@test.local`;
    const admin = await (await e2e.newContext(desktop)).newPage();
    const watch = await watchPage(admin);
    await signIn(admin, e2e.world.emails.admin);
    await admin.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    await admin.getByRole('link', { name: 'Admin' }).click();
    await admin.getByRole('link', { name: 'Personal' }).click();
    const form = admin.getByTestId('invite-form');
    await form.getByLabel('E-postadress').fill(email);
    await form.getByRole('button', { name: 'Skapa inbjudan' }).click();
    const link = await admin.getByLabel('Länken').inputValue();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    // "Kopiera länken" puts the link on the clipboard and says so.
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await admin.getByRole('button', { name: 'Kopiera länken' }).click();
    await admin.getByRole('status').getByText('Länken är kopierad.').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(link);

    // Choosing the password signs the coach in: no second login.
    const coach = await (await e2e.newContext(desktop)).newPage();
    await coach.goto(link);
    await coach.getByLabel('Nytt lösenord').fill(COACH_PASSWORD);
    await coach.getByLabel('Samma lösenord igen').fill(COACH_PASSWORD);
    await coach.getByRole('button', { name: 'Spara lösenord' }).click();
    await coach.getByRole('heading', { name: 'Mina deltagare' }).waitFor();
    expect(new URL(coach.url()).pathname).toBe('/coach');
    expect(await coach.getByRole('link', { name: 'Admin' }).count()).toBe(0);

    await admin.goto('/admin/staff');
    const row = admin.locator(`[data-testid="staff-row"][data-email="${email}"]`);
    await row.getByRole('button', { name: 'Inaktivera' }).click();
    await row.getByText('Inaktiverad').waitFor();
    await admin.screenshot({ path: `${screenshots}admin-staff-desktop.png`, fullPage: true, animations: 'disabled' });

    await coach.reload();
    await coach.getByRole('heading', { name: 'Logga in' }).waitFor();
    expect(new URL(coach.url()).pathname).toBe('/login');
    expect(watch.problems).toEqual([]);
  });
});
