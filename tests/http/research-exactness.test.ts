/**
 * Exactness (issue 17, point 5): SD and mean are rounded once, where they are shown. The database
 * used to round to 4 decimals and the page again to 2, so seven answers 1, 1, 1, 1, 2, 3, 4 (true
 * SD 1.2149857925879117) showed as "1,22" instead of "1,21". Now the API carries the exact value,
 * the page shows 1,21 and the CSV 1.215 (4 decimals, rounded once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { loginCookie, testApp } from '../support/app.ts';
import { engines, openTestDatabase } from '../support/db.ts';
import { closeQuarters, createWorld, enrolWithConsent, pagaendeAnswers, type World } from '../support/fixtures.ts';

const ANSWERS = [1, 1, 1, 1, 2, 3, 4];
const TRUE_SD = 1.2149857925879117;

describe.each(engines.filter((e) => e !== 'supabase'))('research figures are rounded once, on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;

  beforeAll(async () => {
    ({ db, store } = await openTestDatabase(engine));
    world = await createWorld(store);
    for (const value of ANSWERS) {
      const who = await enrolWithConsent(store, world);
      const def = (await store.publishedDefinition(who, 'pagaende'))!;
      await store.submitResponse(who, {
        id: crypto.randomUUID(),
        definition_id: def.id,
        answers: pagaendeAnswers(5, { stod_till_hjalp: value }),
      });
    }
    await closeQuarters(db, world.projectId);
  });
  afterAll(() => db.close());

  it('the API gives the exact SD; the page shows 1,21 and the CSV 1.215', async () => {
    const report = await store.itemAggregates(world.researcher, {
      project_id: world.projectId,
      survey_key: 'pagaende',
    });
    const item = report.versions[0]!.items.find((i) => i.item === 'stod_till_hjalp')!;
    expect(item.sd).toBeCloseTo(TRUE_SD, 12);
    expect(item.mean).toBeCloseTo(13 / 7, 12);

    const { app } = testApp(store);
    const cookie = await loginCookie(app, world.emails.researcher);
    const page = await (await app.request(`/research?project=${world.projectId}`, { headers: { cookie } })).text();
    // The item's row: mean 13/7 = 1,86, then the SD cell (the other items are all 5: 5,00 and 0,00).
    const sdCell = /<td>1,86<\/td><td>([^<]*)<\/td>/.exec(page)?.[1];
    expect(sdCell).toBe('1,21');

    const csv = await (
      await app.request(`/api/research/aggregates.csv?project=${world.projectId}&survey=pagaende`, {
        headers: { cookie },
      })
    ).text();
    const line = csv.split(/\r?\n/).find((l) => l.includes('stod_till_hjalp'))!;
    expect(line).toContain('1.215');
  });
});
