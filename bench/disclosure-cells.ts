/**
 * What the research view publishes on the demo data (seed 7, PGlite): per survey group, the
 * responses, the items shown, how many show their whole distribution, and the value cells shown
 * and hidden (WAI: categories too). Issue 17's before/after figure: run it on two commits.
 *   npm run bench:disclosure-cells
 */
import { seedDemoData } from '../src/setup/demo-data.ts';
import type { ItemAggregate } from '../src/store/store.ts';
import { openTestDatabase } from '../tests/support/db.ts';
import { createWorld } from '../tests/support/fixtures.ts';

const { db, store } = await openTestDatabase('pglite');
const world = await createWorld(store);
await seedDemoData(store, db, world.projectId, { seed: 7 });
let shown = 0;
let hidden = 0;
for (const survey of ['pagaende', 'avslut', 'wai']) {
  const report = await store.itemAggregates(world.researcher, { project_id: world.projectId, survey_key: survey });
  for (const v of report.versions) {
    const items = v.items.filter((it: ItemAggregate) => !it.suppressed && !it.all_missing);
    // Counts are numbers now; an older API wrote null for a hidden count.
    const cells = items.flatMap((it) => Object.values(it.counts ?? {}) as (number | null)[]);
    const whole = items.filter((it) => Object.values(it.counts ?? {}).every((c) => c !== null)).length;
    const cats = (v.wai?.categories ?? []) as { n: number | null }[];
    shown += cells.filter((c) => c !== null).length;
    hidden += cells.filter((c) => c === null).length;
    console.log(
      `${survey} ${v.occasion} v${v.version}: responses ${v.responses ?? 'suppressed'}; items shown ${items.length}, ` +
        `whole distribution ${whole}; value cells shown ${cells.filter((c) => c !== null).length}, hidden ` +
        `${cells.filter((c) => c === null).length}` +
        (v.wai ? `; WAI categories shown ${cats.filter((c) => c.n !== null).length} of ${cats.length}` : ''),
    );
  }
}
console.log(`value cells shown ${shown}, hidden ${hidden}`);
await db.close();
