import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { ProjectOutcomes } from '../../src/store/store.ts';
import type { RawRow } from '../support/block-reference.ts';
import { combinationAttacks, type Finding } from '../support/differencing-checks.ts';
import { MINS, openDifferencingWorld, quarterDay } from '../support/differencing-data.ts';
import { engines } from '../support/db.ts';
import { lastClosedQuarter } from '../support/outcome-people.ts';
import { advanceTo, atStage, planPeople, QUARTERS, windDown, type Planned } from '../support/outcomes-data.ts';
import { KEYS, referenceOutcomes, type Breakdown, type RefPerson } from '../support/outcomes-reference.ts';

interface Period {
  from?: number;
  to?: number;
}
interface Result {
  project: string;
  stage: number;
  period: Period;
  api: ProjectOutcomes;
  /** Who each published figure counts ("enrolled", "gender.kvinna", …), from the reference. */
  sets: Map<string, RefPerson[]>;
}

/** Every period the pickers allow: open or a quarter at either end, the end not before the start. */
const periods = (): Period[] => {
  const ends = [undefined, ...Array.from({ length: QUARTERS }, (_, q) => q)];
  return ends.flatMap((from) =>
    ends.filter((to) => from === undefined || to === undefined || from <= to).map((to) => ({ from, to })),
  );
};
const inside = (a: Period, b: Period) =>
  (b.from === undefined || (a.from !== undefined && a.from >= b.from)) &&
  (b.to === undefined || (a.to !== undefined && a.to <= b.to));
const quarterIndex = (date: string) =>
  (Number(date.slice(0, 4)) - 2024) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);

/** Published counts of a result by figure name (null: not shown). */
function published(o: ProjectOutcomes): Map<string, number | null> {
  const out = new Map<string, number | null>([['enrolled', o.enrolled.n]]);
  for (const b of ['exits', 'referrals', 'activity', 'gender'] as const) {
    out.set(`${b}.total`, o[b].n);
    for (const k of KEYS[b]) out.set(`${b}.${k}`, o[b].categories.find((c) => c.category === k)?.n ?? null);
  }
  out.set('work_or_studies', o.work_or_studies.count);
  out.set('time_in_programme', o.time_in_programme.n);
  return out;
}

/**
 * The differencing proof for outcomes by period (issue 17): three projects (minimum 5, 3 and 4, one
 * winding down between cohorts) whose register grows quarter by quarter, every period filter at every moment, and four invariants:
 * (1) every figure equals an independent reference of the segment rule; (2) every published count
 * is 0 or at least the minimum; (3) two results of nested periods, at the same or a later moment,
 * differ by 0 or at least the minimum in every published count; (4) no pair or triple of
 * results isolates one person (combination attacks on the row sets of the reference).
 */
describe.each(engines)('outcomes differencing on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let researcher: Parameters<RpcStore['projectOutcomes']>[0];
  const projects: { key: string; id: string; min: number; people: Planned[]; ids: Map<number, string> }[] = [];
  let lastClosed = 0;

  beforeAll(async () => {
    let world;
    let ids: Record<string, string>;
    ({ db, store, world, projects: ids } = await openDifferencingWorld(engine));
    researcher = world.researcher;
    projects.push(
      { key: 'A', id: ids.A!, min: MINS.A!, people: planPeople(17, [6, 1, 7, 4, 2, 9, 5, 3]), ids: new Map() },
      { key: 'B', id: ids.B!, min: MINS.B!, people: planPeople(23, [2, 4, 1, 5, 3, 0, 6, 2]), ids: new Map() },
      { key: 'C', id: ids.C!, min: MINS.C!, people: windDown(), ids: new Map() },
    );
    lastClosed = quarterIndex(await lastClosedQuarter(db));
  }, 60_000);
  afterAll(() => db.close());

  it('no period filter, moment, pair or triple of results tells fewer than the minimum apart', async () => {
    const started = performance.now();
    const results: Result[] = [];
    const problems: string[] = [];
    // Moments: the end of each quarter, then today, with exits registered today (the open quarter).
    for (let stage = 0; stage <= QUARTERS; stage++) {
      for (const p of projects) {
        if (stage < QUARTERS) await advanceTo(db, p.id, p.people, p.ids, stage);
        else {
          const stayers = p.people.filter((x) => x.xq === null).slice(0, 2);
          await db.query(
            `update public.participants set exited_at = now(), exit_reason = 'arbete', status = 'exited' where id = any ($1::uuid[])`,
            [stayers.map((x) => p.ids.get(x.id))],
          );
        }
        const now = Math.min(stage, QUARTERS - 1);
        const people = p.people.filter((x) => x.eq <= now).map((x) => atStage(x, now));
        for (const period of periods()) {
          const api = await store.projectOutcomes(researcher, p.id, false, {
            ...(period.from !== undefined ? { from: quarterDay(period.from) } : {}),
            ...(period.to !== undefined ? { to: quarterDay(period.to) } : {}),
          });
          const ref = referenceOutcomes(people, lastClosed, p.min, period);
          const where = `${p.key} stage ${stage} ${JSON.stringify(period)}`;
          const sets = new Map<string, RefPerson[]>();
          if (ref.enrolled.n !== null) sets.set('enrolled', ref.enrolled.sets.get('total')!);
          const got = published(api);
          const want = new Map<string, number | null>([['enrolled', ref.enrolled.n]]);
          for (const b of Object.keys(KEYS) as Breakdown[]) {
            const r = ref.breakdowns[b];
            want.set(`${b}.total`, r.n);
            for (const c of KEYS[b]) want.set(`${b}.${c}`, r.categories.find((x) => x.category === c)?.n ?? null);
            for (const [k, who] of r.sets) sets.set(`${b}.${k}`, who);
          }
          const exits = ref.breakdowns.exits;
          const workShown = !exits.suppressed && ['arbete', 'studier'].every((k) => exits.sets.has(k));
          want.set(
            'work_or_studies',
            workShown ? exits.sets.get('arbete')!.length + exits.sets.get('studier')!.length : null,
          );
          want.set('time_in_programme', ref.exited.length >= p.min ? ref.exited.length : null);
          for (const [k, v] of want) if (got.get(k) !== v) problems.push(`${where} ${k}: ${got.get(k)} ≠ ${v}`);
          const through = api.period.closed_through === null ? null : quarterIndex(api.period.closed_through);
          if (through !== ref.closedThrough) problems.push(`${where} closed_through ${through} ≠ ${ref.closedThrough}`);
          for (const [k, v] of got) if (v !== null && v > 0 && v < p.min) problems.push(`${where} ${k} = ${v}`);
          results.push({ project: p.key, stage, period, api, sets });
        }
      }
    }
    expect(problems.slice(0, 20), `${problems.length} differences from the reference or small counts`).toEqual([]);

    // Invariant 3: nested periods, the same or a later moment.
    let nestedPairs = 0;
    for (const a of results) {
      const min = projects.find((p) => p.key === a.project)!.min;
      for (const b of results) {
        if (a === b || a.project !== b.project || a.stage > b.stage || !inside(a.period, b.period)) continue;
        nestedPairs++;
        const pa = published(a.api);
        for (const [k, vb] of published(b.api)) {
          const va = pa.get(k);
          if (va === null || va === undefined || vb === null) continue;
          if (vb - va !== 0 && Math.abs(vb - va) < min)
            problems.push(
              `${a.project} ${a.stage}${JSON.stringify(a.period)} ⊂ ${b.stage}${JSON.stringify(b.period)} ${k}: ${va} → ${vb}`,
            );
        }
      }
    }
    expect(problems.slice(0, 20), `${problems.length} nested results differ by 1…min−1`).toEqual([]);

    // Invariant 4: per project and figure, every pair and triple of the row sets published.
    const findings: Finding[] = [];
    let pairs = 0;
    let triples = 0;
    for (const p of projects) {
      const mine = results.filter((r) => r.project === p.key);
      const figures = new Set(mine.flatMap((r) => [...r.sets.keys()]));
      for (const figure of figures) {
        const sets = mine.map((r) => (r.sets.get(figure) ?? []).map((x) => ({ id: x.id, project: p.key }) as RawRow));
        const res = combinationAttacks(sets, { [p.key]: p.min }, `${p.key} ${figure}`);
        findings.push(...res.findings);
        pairs += res.pairs;
        triples += res.triples;
      }
    }
    expect(findings.slice(0, 20), `${findings.length} combinations isolate someone`).toEqual([]);

    const shown = results.filter((r) => !r.api.gender.suppressed).length;
    console.info(
      `[${engine}] ${results.length} results (${QUARTERS + 1} moments × ${periods().length} periods × ${projects.length} projects),` +
        ` ${shown} with a gender split; ${nestedPairs} nested pairs; ${pairs} pairs and ${triples} triples of row sets;` +
        ` ${Math.round(performance.now() - started)} ms`,
    );
  }, 300_000);
});
