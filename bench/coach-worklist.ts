// The coach's to-do list at scale (issue 18): public.coach_worklist on one project of N
// participants (default 500), per engine: the opening overview, one page of 50, a code search.
// Prints the median of 7 runs each, with the list's counts so the load is visible.
//   DATABASE_URL=postgres://… npm run bench:coach-worklist      (BENCH_PARTICIPANTS=200 for fewer)
import { availableParallelism, loadavg } from 'node:os';
import type { SqlExecutor } from '../src/store/executor.ts';
import { openPglite } from '../src/store/pglite-executor.ts';
import { openPostgres } from '../src/store/postgres-executor.ts';
import { prepareDatabase } from '../tests/support/db.ts';
import { createWorld, enrol } from '../tests/support/fixtures.ts';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 500);
const RUNS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function measure(engine: string, db: SqlExecutor) {
  const store = await prepareDatabase(db);
  const world = await createWorld(store);
  const t0 = performance.now();
  const codes: string[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const who = await enrol(store, world);
    // Enrolled over the past year, so every group (this week, overdue, missed, later) is filled.
    await db.query(`update public.participants set enrolled_at = now() - make_interval(days => $2) where id = $1`, [
      who.participantId,
      (i * 7919) % 365,
    ]);
    if (i % 97 === 0) {
      const row = await db.query<{ code: string }>('select code from public.participants where id = $1', [
        who.participantId,
      ]);
      codes.push(row[0]!.code);
    }
  }
  const seedS = (performance.now() - t0) / 1000;
  const project = world.projectId;
  const overview = await store.coachWorklist(world.coach, { project_id: project, per_group: 3 });
  const overviewMs = await timed(() => store.coachWorklist(world.coach, { project_id: project, per_group: 3 }));
  const pageMs = await timed(() =>
    store.coachWorklist(world.coach, { project_id: project, group: 'all', page: 3, page_size: 50 }),
  );
  let n = 0;
  const searchMs = await timed(() =>
    store.coachWorklist(world.coach, { project_id: project, q: codes[n++ % codes.length]!.slice(0, 6) }),
  );
  return { engine, seedS, overviewMs, pageMs, searchMs, total: overview.total, counts: overview.counts };
}

async function main() {
  console.log(
    `bench:coach-worklist: ${PARTICIPANTS} participants in one project; median of ${RUNS} runs; ` +
      `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs`,
  );
  const rows = [];
  if (process.env.DATABASE_URL) {
    const pg = openPostgres(process.env.DATABASE_URL, { max: 2 });
    try {
      rows.push(await measure('postgresql', pg));
    } finally {
      await pg.close();
    }
  }
  const lite = await openPglite();
  try {
    rows.push(await measure('pglite', lite));
  } finally {
    await lite.close();
  }
  console.log('engine      overview ms  page of 50 ms  code search ms  (seeded in s)  groups');
  for (const r of rows) {
    console.log(
      `${r.engine.padEnd(10)}  ${r.overviewMs.toFixed(0).padStart(11)}  ${r.pageMs.toFixed(0).padStart(13)}  ` +
        `${r.searchMs.toFixed(0).padStart(14)}  ${r.seedS.toFixed(0).padStart(13)}  ${JSON.stringify(r.counts)}`,
    );
  }
}

await main();
