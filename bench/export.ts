// Row-level export: streams the pseudonymised CSV of 1,000,000 responses (7 scored answers each)
// through the real route handler, per engine, and reports rows/s and the peak RSS growth over a
// baseline taken just before the export (goal <= 100 MB), and the peak JS heap (+ external).
//   DATABASE_URL=postgres://… npm run bench:export
// BENCH_ROWS sets the PostgreSQL count (default 1,000,000); BENCH_PGLITE_ROWS the PGlite count
// (default 250,000: PGlite keeps the whole database in WASM memory). BENCH_KEEP=1 keeps the rows.
import { createApp, ROW_EXPORT_PAGE_SIZE } from '../src/app.ts';
import { createTokenService } from '../src/auth/tokens.ts';
import type { SqlExecutor } from '../src/store/executor.ts';
import { openPglite } from '../src/store/pglite-executor.ts';
import { openPostgres } from '../src/store/postgres-executor.ts';
import { loginCookie, TEST_SECRET } from '../tests/support/app.ts';
import { prepareDatabase } from '../tests/support/db.ts';
import { createWorld, TEST_ITERATIONS } from '../tests/support/fixtures.ts';

const PG_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.BENCH_PGLITE_ROWS ?? 250_000);
// The app's own page size unless BENCH_PAGE_SIZE says otherwise: the benchmark measures what runs.
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? ROW_EXPORT_PAGE_SIZE);
const GOAL_MB = 100;
const MB = 1024 * 1024;

interface Row {
  engine: string;
  rows: number;
  loadS: number;
  exportS: number;
  bytes: number;
  baselineMb: number;
  peakGrowthMb: number;
  peakHeapMb: number;
  verified: boolean;
}

/**
 * One project, one response per participant (Pågående), each participant with an active consent.
 * Codes are the row number plus a random offset in base 32 (unique, valid characters).
 */
async function load(db: SqlExecutor, rows: number) {
  const store = await prepareDatabase(db);
  const world = await createWorld(store);
  await store.grantRowExport(world.admin, { project_id: world.projectId, staff_id: world.researcher.staffId });
  const [{ pagaende, consent }] = (await db.query<{ pagaende: string; consent: string }>(
    `select (select id::text from public.survey_definitions where key = 'pagaende' and status = 'published' order by version desc limit 1) as pagaende,
            (select id::text from public.survey_definitions where key = 'samtycke-forskning' and status = 'published' order by version desc limit 1) as consent`,
  )) as [{ pagaende: string; consent: string }];
  const offset = Math.floor(Math.random() * 1_000_000) * 1_000_000;
  await db.query(
    `insert into public.participants (id, project_id, code)
     select gen_random_uuid(), $1::uuid,
            (select string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (((n + $3::bigint) >> (5 * k)) % 32)::int, 1), '' order by k desc)
             from generate_series(0, 7) k)
     from generate_series(1, $2::int) n`,
    [world.projectId, rows, offset],
  );
  await db.query(
    `insert into public.consents (participant_id, definition_id, method, answers)
     select id, $2::uuid, 'self', '{"samtycker": true, "svarar_med": "self"}' from public.participants where project_id = $1::uuid`,
    [world.projectId, consent],
  );
  // Seven answers 1–6, about 5 % "none" (vet inte), and the matching scores array. Bulk load: the
  // aggregate counters' trigger is bypassed and the counters rebuilt afterwards (as bench/aggregates.ts).
  await db.exec('alter table public.responses disable trigger responses_counts_insert_delete');
  await db.query(
    `insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers, scores, submitted_at)
     select gen_random_uuid(), p.id, p.project_id, $2::uuid, 'pagaende', 'pagaende',
            jsonb_build_object('stod_till_hjalp', a[1], 'paverka_plan', a[2], 'tid_som_behovs', a[3], 'hantera_situation', a[4],
                               'stod_kontakter', a[5], 'erfarenhet_tillvara', a[6], 'mer_redo', a[7]),
            array(select case when jsonb_typeof(x) = 'number' then (x #>> '{}')::smallint end from unnest(a) x),
            now() - random() * interval '365 days'
     from public.participants p
     cross join lateral (
       select array_agg(case when random() < 0.05 then '"none"'::jsonb else to_jsonb(1 + floor(random() * 6)::int) end) as a
       from generate_series(1, 7) i where p.id is not null
     ) v
     where p.project_id = $1::uuid`,
    [world.projectId, pagaende],
  );
  await db.exec('alter table public.responses enable trigger responses_counts_insert_delete');
  await db.exec('select app.rebuild_response_counts()');
  await db.exec('analyze public.participants; analyze public.consents; analyze public.responses');
  return { store, world };
}

async function measure(engine: string, db: SqlExecutor, rows: number): Promise<Row> {
  const loadStarted = performance.now();
  const { store, world } = await load(db, rows);
  const loadS = (performance.now() - loadStarted) / 1000;
  const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
  const app = createApp({
    store,
    tokens,
    passwordIterations: TEST_ITERATIONS,
    log: () => {},
    rowExportPageSize: PAGE_SIZE,
  });
  const cookie = await loginCookie(app, world.emails.researcher);

  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  }, 50);

  const started = performance.now();
  const res = await app.request(`/api/research/rows.csv?project=${world.projectId}&survey=pagaende&sep=semicolon`, {
    headers: { cookie },
  });
  if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
  const reader = res.body!.getReader();
  let bytes = 0;
  let newlines = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    bytes += r.value.byteLength;
    for (let i = 0; i < r.value.length; i++) if (r.value[i] === 10) newlines++;
  }
  const exportS = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  if (!process.env.BENCH_KEEP) {
    // Bulk delete as the load: around the counter trigger, then one recount (through the trigger a
    // 1M-row delete in one transaction takes many minutes).
    await db.exec('alter table public.responses disable trigger responses_counts_insert_delete');
    await db.query('delete from public.participants where project_id = $1', [world.projectId]);
    await db.exec('alter table public.responses enable trigger responses_counts_insert_delete');
    await db.exec('select app.rebuild_response_counts()');
  }
  return {
    engine,
    rows,
    loadS,
    exportS,
    bytes,
    baselineMb: baseline / MB,
    peakGrowthMb: (peak - baseline) / MB,
    peakHeapMb: peakHeap / MB,
    verified: newlines - 1 === rows,
  };
}

function print(results: Row[]) {
  console.log(
    `\nRow-level CSV export (semicolon, pseudonymised) through GET /api/research/rows.csv, ${PAGE_SIZE} rows per page.\n`,
  );
  console.log(
    'engine      rows loaded  load s  export s    rows/s    MB out  baseline RSS MB  peak RSS growth MB  peak JS heap+external MB  rows verified',
  );
  console.log(
    '----------  -----------  ------  --------  --------  --------  ---------------  ------------------  ------------------------  -------------',
  );
  for (const r of results) {
    console.log(
      `${r.engine.padEnd(10)}  ${r.rows.toLocaleString('en').padStart(11)}  ${r.loadS.toFixed(1).padStart(6)}  ${r.exportS.toFixed(1).padStart(8)}  ${Math.round(
        r.rows / r.exportS,
      )
        .toLocaleString('en')
        .padStart(
          8,
        )}  ${(r.bytes / MB).toFixed(1).padStart(8)}  ${r.baselineMb.toFixed(0).padStart(15)}  ${r.peakGrowthMb.toFixed(1).padStart(18)}  ${r.peakHeapMb.toFixed(1).padStart(24)}  ${r.verified ? 'yes' : 'NO'}`,
    );
  }
  console.log('');
  for (const r of results) {
    console.log(
      `goal peak RSS growth <= ${GOAL_MB} MB on ${r.engine} (${r.rows.toLocaleString('en')} rows): ${r.peakGrowthMb <= GOAL_MB ? 'met' : 'NOT met'} (${r.peakGrowthMb.toFixed(1)} MB)`,
    );
  }
  if (!results.some((r) => r.engine === 'postgresql')) console.log('PostgreSQL skipped: DATABASE_URL is not set.');
  if (results.some((r) => r.engine === 'pglite' && r.rows < 1_000_000)) {
    console.log(
      `PGlite measured with ${PGLITE_ROWS.toLocaleString('en')} rows, not 1,000,000: it holds the whole database in WASM memory (set BENCH_PGLITE_ROWS to change).`,
    );
  }
  if (results.some((r) => !r.verified)) process.exitCode = 1;
}

async function main() {
  const results: Row[] = [];
  if (process.env.DATABASE_URL && PG_ROWS > 0) {
    const pg = openPostgres(process.env.DATABASE_URL, { max: 2 });
    try {
      results.push(await measure('postgresql', pg, PG_ROWS));
    } finally {
      await pg.close();
    }
  }
  if (PGLITE_ROWS > 0) {
    const lite = await openPglite();
    try {
      results.push(await measure('pglite', lite, PGLITE_ROWS));
    } finally {
      await lite.close();
    }
  }
  print(results);
}

await main();
