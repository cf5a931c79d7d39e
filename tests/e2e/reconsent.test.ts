/**
 * Re-consent on a 360×740 phone: the consent text got version 2 and the project requires the
 * newest, so a participant who consented to version 1 is asked again before the survey goes on.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import { publishNextVersion } from '../support/definitions.ts';
import { TEST_SECRET } from '../support/app.ts';
import { enrol } from '../support/fixtures.ts';
import { watchPage, openE2E, type E2E, runBrowser, screenshots, phone360 as phone } from './harness.ts';

describe.runIf(runBrowser)('re-consent on a phone', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  it('asks a participant who consented to the old text to consent again, then shows the survey', async () => {
    const { store, db, world, server } = e2e;
    await db.query(`update public.projects set settings = settings || '{"requireReconsent": true}' where id = $1`, [
      world.projectId,
    ]);
    const who = await enrol(store, world);
    const v1 = (await store.publishedDefinition(who, 'samtycke-forskning'))!;
    await store.giveConsent(who, {
      definition_id: v1.id,
      answers: { samtycker: true, svarar_med: 'self' },
      method: 'self',
    });
    // The organisation's admin publishes version 2 of its consent text.
    await publishNextVersion(store, world.admin, v1.id);

    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(`${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`);
    await page.getByText(/^Texten om samtycke har ändrats/).waitFor();
    await page.getByRole('heading', { name: 'Vill du hjälpa oss att göra stödet bättre?' }).waitFor();
    // Consent was given before: the way out is "withdraw", not "I do not want to take part".
    await page.getByRole('link', { name: 'Återkalla samtycke' }).waitFor();
    await page.screenshot({ path: `${screenshots}reconsent-phone.png`, animations: 'disabled' });
    await page.getByText(/^Ja, jag har läst informationen och samtycker/).tap();
    await page.getByText('Jag svarar själv', { exact: true }).tap();
    await page.getByRole('button', { name: 'Skicka', exact: true }).tap();
    await page.getByText('Fråga 1 av 7', { exact: true }).waitFor();
    const rows = await db.query<{ version: number; renewed: boolean; active: boolean }>(
      `select d.version, c.renewed_by is not null as renewed, c.withdrawn_at is null as active
       from public.consents c join public.survey_definitions d on d.id = c.definition_id where c.participant_id = $1 order by c.given_at`,
      [who.participantId],
    );
    expect(rows).toEqual([
      { version: 1, renewed: true, active: false },
      { version: 2, renewed: false, active: true },
    ]);
    expect(watch.problems).toEqual([]);
  });
});
