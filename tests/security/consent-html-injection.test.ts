/**
 * Threat: project settings that reach the participant's consent page (issue 16, finding 3). Attack:
 * an admin (or anyone who can edit the project) sets the contact to a meta refresh, the ethics
 * reference to an image and the project name to markup; a participant opens their link. The page
 * must show those values as text: no redirect, no injected element.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { TEST_SECRET } from '../support/app.ts';
import { enrol } from '../support/fixtures.ts';
import { openE2E, phone360 as phone, runBrowser, type E2E } from '../e2e/harness.ts';

describe.runIf(runBrowser)('project settings cannot inject HTML into the consent page', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  it('shows a meta refresh, an image and markup in the project facts as text', async () => {
    const { store, db, world, server } = e2e;
    const refresh = `<meta http-equiv="refresh" content="1;url=${server.baseUrl}/k?hijacked=1">`;
    const image = '<img id="injected-img" src="/assets/none.png">';
    await db.query(
      `update public.projects set name = $2, settings = settings || jsonb_build_object('contact', $3::text, 'ethics_reference', $4::text)
        where id = $1`,
      [world.projectId, '<b id="injected-b">Projekt</b>', refresh, image],
    );
    const who = await enrol(store, world);
    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    const url = `${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`;
    await page.goto(url);
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    // Longer than the refresh would wait.
    await page.waitForTimeout(2500);

    expect(page.url()).toBe(url);
    expect(await page.locator('meta[http-equiv="refresh" i]').count()).toBe(0);
    expect(await page.locator('#injected-img').count()).toBe(0);
    expect(await page.locator('#injected-b').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain(refresh);
    expect(text).toContain(image);
    expect(text).toContain('<b id="injected-b">Projekt</b>');
    await context.close();
  });
});
