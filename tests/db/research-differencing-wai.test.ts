import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { WaiAggregate } from '../../src/store/store.ts';
import { reference, segments, type RawRow } from '../support/block-reference.ts';
import { combinationAttacks } from '../support/differencing-checks.ts';
import { prng, QUARTERS, quarterDay, MINS, openDifferencingWorld } from '../support/differencing-data.ts';
import { generateCode } from '../../src/domain/pseudonym-code.ts';
import { engines } from '../support/db.ts';
import type { World } from '../support/fixtures.ts';

interface WaiRow extends RawRow {
  total: number | null;
  was: number | null;
  category: string | null;
}
interface Sel {
  projects: string[];
  from?: number;
  to?: number;
}

const CATEGORIES = ['poor', 'moderate', 'good', 'excellent'] as const;
const category = (t: number) => (t < 28 ? 'poor' : t < 37 ? 'moderate' : t < 44 ? 'good' : 'excellent');
const pct = (s: number[], p: number) => {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[lo + 1] ?? s[lo]!) - s[lo]!);
};
const sd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

/** Deep equality, numbers within rounding (the database rounds numerics half away from zero). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.0051;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return (
    ka.join() === kb.join() &&
    ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** WAI rows: 3 projects × start/exit × 8 quarters, small cells; some without a total or a Work Ability Score. */
function planWai(): WaiRow[] {
  const rnd = prng(49);
  const rows: WaiRow[] = [];
  for (const project of ['A', 'B', 'C']) {
    for (const occasion of ['start', 'avslut']) {
      for (let quarter = 0; quarter < QUARTERS; quarter++) {
        const count = [0, 0, 1, 1, 2, 3, 4, 5, 6][Math.floor(rnd() * 9)]!;
        for (let k = 0; k < count; k++) {
          const total = rnd() < 0.15 ? null : 7 + Math.floor(rnd() * 43);
          rows.push({
            id: rows.length,
            project,
            version: 1,
            occasion,
            quarter,
            scores: [],
            total,
            was: rnd() < 0.1 ? null : Math.floor(rnd() * 11),
            category: total === null ? null : category(total),
          });
        }
      }
    }
  }
  return rows;
}

/** What selection_wai_stats must publish, from the raw rows (the block rule, independently). */
function waiReference(
  rows: WaiRow[],
  sel: Sel,
  occasion: string,
  items: number,
): { wai: WaiAggregate | null; totals: WaiRow[] } {
  const group = reference(rows, MINS, { ...sel, version: 1, occasion }, { lo: 1, hi: 6, items });
  if (group.suppressed) return { wai: null, totals: [] };
  const vmin = Math.max(...sel.projects.map((p) => MINS[p]!));
  const blocks: { project: string; rows: WaiRow[] }[] = [];
  for (const p of sel.projects) {
    const mine = rows.filter((r) => r.project === p && r.occasion === occasion);
    for (const seg of segments(mine, MINS[p]!, items)) {
      if (
        (sel.from !== undefined && Math.min(...seg) < sel.from) ||
        (sel.to !== undefined && Math.max(...seg) > sel.to)
      )
        continue;
      blocks.push({ project: p, rows: mine.filter((r) => seg.includes(r.quarter)) });
    }
  }
  const ok = blocks.filter((b) => b.rows.filter((r) => r.total !== null).length >= MINS[b.project]!);
  const wt = ok.flatMap((b) => b.rows);
  const totals = wt.filter((r) => r.total !== null);
  if (totals.length < vmin) return { wai: { suppressed: true }, totals: [] };
  const t = totals.map((r) => r.total!).sort((a, b) => a - b);
  const was = blocks
    .filter((b) => b.rows.filter((r) => r.was !== null).length >= MINS[b.project]!)
    .flatMap((b) => b.rows)
    .map((r) => r.was)
    .filter((w): w is number => w !== null);
  const cs = CATEGORIES.map((c) => totals.filter((r) => r.category === c).length);
  return {
    totals,
    wai: {
      suppressed: false,
      n: t.length,
      incomplete: wt.length - t.length,
      total: {
        mean: t.reduce((a, b) => a + b, 0) / t.length,
        sd: t.length > 1 ? sd(t) : null,
        median: pct(t, 0.5),
        q1: pct(t, 0.25),
        q3: pct(t, 0.75),
      },
      work_ability_score:
        was.length >= vmin
          ? {
              n: was.length,
              mean: was.reduce((a, b) => a + b, 0) / was.length,
              sd: was.length > 1 ? sd(was) : null,
            }
          : null,
      categories: CATEGORIES.map((c, i) => ({ category: c, n: cs[i]! })),
    },
  };
}

/** WAI figures (total, Work Ability Score, categories) under every project subset × period × occasion. */
describe.each(engines)('research differencing of WAI figures on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let items: number;
  let projects: Record<string, string>;
  const rows = planWai();

  beforeAll(async () => {
    ({ db, store, world, projects } = await openDifferencingWorld(engine));
    const [def] = await db.query<{ id: string; items: number }>(
      `select d.id, jsonb_array_length(d.meta -> 'scored') as items
       from public.survey_definitions d join public.projects pr on pr.organisation_id = d.organisation_id
       where pr.id = $1 and d.key = 'wai' and d.version = 1`,
      [world.projectId],
    );
    items = Number(def!.items);
    const data = rows.map((r) => ({
      id: crypto.randomUUID(),
      participant: crypto.randomUUID(),
      project: projects[r.project],
      code: generateCode(),
      occasion: r.occasion,
      at: `${quarterDay(r.quarter).slice(0, 8)}15T12:00:00Z`,
      derived: { wai: { total: r.total, workAbilityScore: r.was, category: r.category } },
    }));
    await db.query(
      `insert into public.participants (id, project_id, code) select x.participant, x.project, x.code from jsonb_to_recordset($1::text::jsonb) as x(participant uuid, project uuid, code text)`,
      [JSON.stringify(data)],
    );
    await db.query(
      `insert into public.responses (id, participant_id, project_id, definition_id, survey_key, occasion, answers, derived, submitted_at)
       select x.id, x.participant, x.project, $2, 'wai', x.occasion, '{}'::jsonb, x.derived, x.at
       from jsonb_to_recordset($1::text::jsonb) as x(id uuid, participant uuid, project uuid, occasion text, derived jsonb, at timestamptz)`,
      [JSON.stringify(data), def!.id],
    );
  }, 60_000);
  afterAll(() => db.close());

  it("every WAI figure is the block rule's, and nested selections differ by 0 or at least the minimum", async () => {
    const started = performance.now();
    const subsets = [['A'], ['B'], ['C'], ['A', 'B'], ['A', 'C'], ['B', 'C'], ['A', 'B', 'C']];
    const ends = [undefined, ...Array.from({ length: QUARTERS }, (_, q) => q)];
    const sels: Sel[] = subsets.flatMap((projects) =>
      ends.flatMap((from) =>
        ends.filter((to) => from === undefined || to === undefined || from <= to).map((to) => ({ projects, from, to })),
      ),
    );
    const results: { sel: Sel; wai: Map<string, WaiAggregate | null> }[] = [];
    for (let i = 0; i < sels.length; i += 8) {
      results.push(
        ...(await Promise.all(
          sels.slice(i, i + 8).map(async (sel) => {
            const r = await store.itemAggregates(world.researcher, {
              project_ids: sel.projects.map((p) => projects[p]!),
              survey_key: 'wai',
              ...(sel.from !== undefined ? { from: quarterDay(sel.from) } : {}),
              ...(sel.to !== undefined ? { to: quarterDay(sel.to) } : {}),
            });
            return {
              sel,
              wai: new Map(r.versions.filter((v) => v.version === 1).map((v) => [v.occasion, v.wai ?? null])),
            };
          }),
        )),
      );
    }
    const problems: string[] = [];
    const totalSets: Record<string, WaiRow[][]> = { start: [], avslut: [] };
    for (const r of results) {
      for (const occasion of ['start', 'avslut']) {
        const ref = waiReference(rows, r.sel, occasion, items);
        totalSets[occasion]!.push(ref.totals);
        const got = r.wai.get(occasion) ?? null;
        if (!same(got, ref.wai))
          problems.push(`${JSON.stringify(r.sel)} ${occasion}: ${JSON.stringify(got)} ≠ ${JSON.stringify(ref.wai)}`);
      }
    }
    expect(problems.slice(0, 10), `${problems.length} WAI figures differ from the reference`).toEqual([]);
    let nested = 0;
    for (const a of results) {
      for (const b of results) {
        const inside =
          a !== b &&
          a.sel.projects.every((p) => b.sel.projects.includes(p)) &&
          (b.sel.from === undefined || (a.sel.from ?? -1) >= b.sel.from) &&
          (b.sel.to === undefined || (a.sel.to ?? QUARTERS) <= b.sel.to);
        if (!inside) continue;
        const min = Math.min(...b.sel.projects.map((p) => MINS[p]!));
        for (const occasion of ['start', 'avslut']) {
          nested++;
          const wa = a.wai.get(occasion);
          const wb = b.wai.get(occasion);
          if (!wb || wb.suppressed) continue;
          const d = wb.n! - (wa && !wa.suppressed ? wa.n! : 0);
          // The respondents two results differ by: none, or at least the minimum (a whole block,
          // whose category counts are then that block's own distribution, a group of at least k).
          if (d !== 0 && d < min)
            problems.push(`${JSON.stringify(a.sel)} ⊂ ${JSON.stringify(b.sel)} ${occasion}: n differs by ${d}`);
        }
      }
    }
    expect(problems.slice(0, 10), `${problems.length} nested WAI differences below the minimum`).toEqual([]);
    const attacks = ['start', 'avslut'].map((o) => combinationAttacks(totalSets[o]!, MINS, `wai ${o}`));
    expect(attacks.flatMap((a) => a.findings).slice(0, 10)).toEqual([]);
    console.info(
      `[${engine}] WAI: ${results.length} filter combinations × 2 occasions, ${nested} nested pairs, ${attacks.reduce((s, a) => s + a.pairs, 0)} pairs and ${attacks.reduce((s, a) => s + a.triples, 0)} triples of row sets; ${rows.length} rows; ${Math.round(performance.now() - started)} ms`,
    );
  }, 240_000);
});
