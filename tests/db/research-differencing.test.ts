import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import type { AggregateReport, ItemAggregate } from '../../src/store/store.ts';
import { pooledReference, reference, type RawRow, type RefGroup, type RefItem } from '../support/block-reference.ts';
import { checkItem } from '../support/count-solver.ts';
import { combinationAttacks, type Finding } from '../support/differencing-checks.ts';
import {
  insertRows,
  ITEMS,
  OCCASIONS,
  planRows,
  QUARTERS,
  quarterDay,
  VERSIONS,
  MINS,
  openDifferencingWorld,
} from '../support/differencing-data.ts';
import { engines } from '../support/db.ts';
import type { World } from '../support/fixtures.ts';

type Group = AggregateReport['versions'][number];
interface Sel {
  projects: string[];
  from?: number;
  to?: number;
}
interface Result {
  sel: Sel;
  groups: Map<string, Group>;
  pooled: NonNullable<AggregateReport['pooled']>;
}

const SCALE = { lo: 1, hi: 6, items: ITEMS.length };
const groupKeys = VERSIONS.flatMap((v) => OCCASIONS.map((o) => `${v}|${o}`));

/** Every non-empty subset of the projects the researcher can see. */
const subsets = (keys: string[]) =>
  Array.from({ length: 2 ** keys.length - 1 }, (_, m) => keys.filter((_, i) => ((m + 1) >> i) & 1));
/** Every period the pickers allow: open or a quarter at either end, the end not before the start. */
function periods(): { from?: number; to?: number }[] {
  const ends = [undefined, ...Array.from({ length: QUARTERS }, (_, q) => q)];
  return ends.flatMap((from) =>
    ends.filter((to) => from === undefined || to === undefined || from <= to).map((to) => ({ from, to })),
  );
}
const within = (a: Sel, b: Sel) =>
  a.projects.every((p) => b.projects.includes(p)) &&
  (b.from === undefined || (a.from !== undefined && a.from >= b.from)) &&
  (b.to === undefined || (a.to !== undefined && a.to <= b.to));

/**
 * The differencing proof for issue 8: suppression cannot be bypassed through any filter combination
 * the API exposes. An adversarial data set, every combination of projects, period (whole quarters,
 * open ends), version and occasion, and four invariants: (1) every published group holds at least
 * the minimum and shows its whole distribution; (2) nested filters differ by 0 or at least the
 * minimum respondents; (3) every figure
 * equals an independent reference implementation of the block rule from the raw rows; (4) no pair
 * or triple of results combines to one person's answer.
 */
describe.each(engines)('research differencing on %s', (engine) => {
  let db: SqlExecutor;
  let store: RpcStore;
  let world: World;
  let key: string;
  let projects: Record<string, string>;
  const rows: RawRow[] = planRows();

  beforeAll(async () => {
    ({ db, store, world, projects } = await openDifferencingWorld(engine));
    // A survey of its own (the PostgreSQL test database is shared): version 1 retired, 2 published.
    key = `diff-${crypto.randomUUID().slice(0, 8)}`;
    const definitions: Record<number, string> = {};
    for (const version of VERSIONS) {
      const meta = {
        key,
        version,
        kind: 'survey',
        title: { sv: `v${version}`, en: `v${version}` },
        occasions: OCCASIONS,
        freeText: [],
        scored: ITEMS.map((name) => ({ name, min: 1, max: 6, missing: [] })),
      };
      const [row] = await db.query<{ id: string }>(
        `insert into public.survey_definitions (organisation_id, key, version, kind, status, json, meta, published_at)
         select organisation_id, $1, $2, 'survey', $3, '{"elements": []}', $4::text::jsonb, now() from public.projects where id = $5 returning id`,
        [key, version, version === 1 ? 'retired' : 'published', JSON.stringify(meta), world.projectId],
      );
      definitions[version] = row!.id;
    }
    await insertRows(db, rows, projects, definitions, key);
    // Data in the other project, which this researcher cannot see.
    await insertRows(
      db,
      planRows(1)
        .filter((r) => r.project === 'A')
        .map((r) => ({ ...r, project: 'D' })),
      { ...projects, D: world.otherProjectId },
      definitions,
      key,
    );
  }, 60_000);
  afterAll(() => db.close());

  const fetch = (sel: Sel, extra: { version?: number; occasion?: string } = {}) =>
    store.itemAggregates(world.researcher, {
      project_ids: sel.projects.map((p) => projects[p]!),
      survey_key: key,
      ...(sel.from !== undefined ? { from: quarterDay(sel.from) } : {}),
      ...(sel.to !== undefined ? { to: quarterDay(sel.to) } : {}),
      ...extra,
    });
  const groupsOf = (r: AggregateReport) => new Map(r.versions.map((g) => [`${g.version}|${g.occasion}`, g]));
  /** Runs calls a few at a time (PostgreSQL has four connections per test file). */
  async function inBatches<T, U>(xs: T[], fn: (x: T) => Promise<U>): Promise<U[]> {
    const out: U[] = [];
    for (let i = 0; i < xs.length; i += 8) out.push(...(await Promise.all(xs.slice(i, i + 8).map(fn))));
    return out;
  }

  /** Differences between the API's group and the reference's, as readable strings. */
  function compare(g: Group | undefined, ref: RefGroup, where: string): string[] {
    if (!g) return [`${where}: group missing`];
    const out: string[] = [];
    if (g.responses !== ref.responses || g.suppressed !== ref.suppressed)
      out.push(`${where}: responses ${g.responses} (${g.suppressed}) ≠ ${ref.responses} (${ref.suppressed})`);
    const period = ref.period && { from: quarterDay(ref.period.from), to: quarterDay(ref.period.to) };
    if (JSON.stringify(g.period ? { from: g.period.from, to: g.period.to } : null) !== JSON.stringify(period))
      out.push(`${where}: period ${JSON.stringify(g.period)} ≠ ${JSON.stringify(period)}`);
    if (ref.suppressed) return g.items.length === 0 ? out : [...out, `${where}: items of a suppressed group`];
    ref.items.forEach((ri, i) => {
      const gi = g.items[i];
      const w = `${where} ${ITEMS[i]}`;
      if (!gi || gi.item !== ITEMS[i]) return void out.push(`${w}: item missing`);
      out.push(...compareItem(gi, ri, w));
    });
    return out;
  }

  /** Differences between one item the API published and the reference's. */
  function compareItem(gi: ItemAggregate, ri: RefItem, w: string): string[] {
    const out: string[] = [];
    const close = (a: number | null | undefined, b: number | null | undefined) =>
      (a ?? null) === null ? (b ?? null) === null : b !== null && b !== undefined && Math.abs(a! - b) < 6e-5;
    if (gi.suppressed !== ri.suppressed) return [`${w}: suppressed ${gi.suppressed} ≠ ${ri.suppressed}`];
    if (ri.suppressed) return [];
    if (Boolean(gi.all_missing) !== Boolean(ri.all_missing)) out.push(`${w}: all_missing ${gi.all_missing}`);
    if (gi.n !== ri.n || gi.missing !== ri.missing)
      out.push(`${w}: n/missing ${gi.n}/${gi.missing} ≠ ${ri.n}/${ri.missing}`);
    for (const f of ['mean', 'sd', 'median', 'q1', 'q3'] as const)
      if (!close(ri[f], gi[f])) out.push(`${w}: ${f} ${gi[f]} ≠ ${ri[f]}`);
    if (JSON.stringify(gi.counts) !== JSON.stringify(ri.counts))
      out.push(`${w}: counts ${JSON.stringify(gi.counts)} ≠ ${JSON.stringify(ri.counts)}`);
    return out;
  }

  const solved = new Map<string, string[]>();
  /** Invariant 1 on one published group. */
  function published(g: Group, min: number, where: string): string[] {
    const out: string[] = [];
    if (g.responses !== null && g.responses < min) out.push(`${where}: responses ${g.responses}`);
    for (const it of g.items) {
      if (it.suppressed || it.all_missing) continue;
      if (it.n! < min) out.push(`${where} ${it.item}: n ${it.n}`);
      // Within a published group nothing is hidden: every value's count, summing to n.
      const counts = Object.values(it.counts ?? {});
      if (counts.some((c) => typeof c !== 'number') || counts.reduce((a, c) => a + c, 0) !== it.n)
        out.push(`${where} ${it.item}: counts ${JSON.stringify(it.counts)} are not the whole distribution of n`);
      // The attacker's solver: nothing hidden, and the shown counts fit the other figures.
      const key = JSON.stringify(it);
      if (!solved.has(key)) solved.set(key, checkItem(it).problems);
      out.push(...solved.get(key)!.map((p) => `${where} ${p}`));
    }
    return out;
  }

  it('no filter combination, pair or triple of results bypasses suppression', async () => {
    const started = performance.now();
    const sels: Sel[] = subsets(['A', 'B', 'C']).flatMap((ps) => periods().map((p) => ({ projects: ps, ...p })));
    const results: Result[] = (await inBatches(sels, fetch)).map((r, i) => ({
      sel: sels[i]!,
      groups: groupsOf(r),
      pooled: r.pooled ?? [],
    }));
    const problems: string[] = [];
    const refs = new Map<Result, Map<string, RefGroup>>();
    for (const r of results) {
      const where = JSON.stringify(r.sel);
      const min = Math.max(...r.sel.projects.map((p) => MINS[p]!));
      const m = new Map<string, RefGroup>();
      for (const gk of groupKeys) {
        const [v, o] = gk.split('|');
        const ref = reference(rows, MINS, { ...r.sel, version: Number(v), occasion: o! }, SCALE);
        m.set(gk, ref);
        const g = r.groups.get(gk);
        problems.push(...compare(g, ref, `${where} ${gk}`), ...(g ? published(g, min, `${where} ${gk}`) : []));
      }
      refs.set(r, m);
    }
    expect(problems.slice(0, 20), `${problems.length} differences from the reference or unpublishable figures`).toEqual(
      [],
    );

    // Items unchanged between versions 1 and 2 are pooled: each version's contributing blocks summed.
    let pooledItems = 0;
    for (const r of results) {
      for (const occasion of OCCASIONS) {
        const got = r.pooled.find((p) => p.occasion === occasion);
        if (!got) {
          problems.push(`${JSON.stringify(r.sel)} ${occasion}: no pooled items`);
          continue;
        }
        ITEMS.forEach((name, i) => {
          const gi = got.items.find((x) => x.item === name);
          const ri = pooledReference(rows, MINS, { ...r.sel, occasion, versions: [...VERSIONS] }, SCALE, i);
          const w = `${JSON.stringify(r.sel)} ${occasion} pooled ${name}`;
          if (!gi || JSON.stringify(gi.versions) !== JSON.stringify([...VERSIONS]))
            return void problems.push(`${w}: missing or versions ${JSON.stringify(gi?.versions)}`);
          problems.push(...compareItem(gi, ri, w));
          if (!ri.suppressed) pooledItems++;
        });
      }
    }
    expect(problems.slice(0, 20), `${problems.length} pooled figures differ from the reference`).toEqual([]);
    expect(pooledItems).toBeGreaterThan(100);

    // Version and occasion filters pick exactly the groups of the unfiltered result.
    // Every version × occasion choice for one selection in seven (each of those is one group of an
    // unfiltered result, compared whole; all of them would take a minute per engine).
    const narrowed = results
      .filter((_, i) => i % 7 === 0)
      .flatMap((r) =>
        [undefined, ...VERSIONS].flatMap((version) =>
          [undefined, ...OCCASIONS].flatMap((occasion) =>
            version === undefined && occasion === undefined ? [] : [{ r, version, occasion }],
          ),
        ),
      );
    const narrowedResults = await inBatches(narrowed, (x) =>
      fetch(x.r.sel, { ...(x.version ? { version: x.version } : {}), ...(x.occasion ? { occasion: x.occasion } : {}) }),
    );
    narrowed.forEach((x, i) => {
      const want = [...x.r.groups.values()].filter(
        (g) =>
          (x.version === undefined || g.version === x.version) &&
          (x.occasion === undefined || g.occasion === x.occasion),
      );
      if (JSON.stringify(narrowedResults[i]!.versions) !== JSON.stringify(want))
        problems.push(`${JSON.stringify(x.r.sel)} v${x.version} ${x.occasion}: differs from the unfiltered groups`);
    });
    expect(problems.slice(0, 20)).toEqual([]);

    // Invariant 2 on the published numbers of nested filters (same version and occasion): the
    // respondents behind two results differ by none or at least the minimum. (Their value counts
    // then differ by the distribution of whole blocks, each a group of at least the minimum.)
    let nestedPairs = 0;
    for (const a of results) {
      for (const b of results) {
        if (a === b || !within(a.sel, b.sel)) continue;
        const min = Math.min(
          ...b.sel.projects
            .filter((p) => !a.sel.projects.includes(p) || a.sel.from !== b.sel.from || a.sel.to !== b.sel.to)
            .map((p) => MINS[p]!),
          Infinity,
        );
        // Pooled items: sums of whole blocks too.
        for (const occasion of OCCASIONS)
          for (const name of ITEMS) {
            const pa = a.pooled.find((p) => p.occasion === occasion)?.items.find((x) => x.item === name);
            const pb = b.pooled.find((p) => p.occasion === occasion)?.items.find((x) => x.item === name);
            const na = !pa || pa.suppressed ? 0 : pa.n!;
            const nb = !pb || pb.suppressed ? 0 : pb.n!;
            if (nb - na !== 0 && nb - na < min && nb > 0)
              problems.push(
                `${JSON.stringify(a.sel)} ⊂ ${JSON.stringify(b.sel)} ${occasion} pooled ${name}: n differs by ${nb - na}`,
              );
          }
        for (const gk of groupKeys) {
          nestedPairs++;
          const ga = a.groups.get(gk)!;
          const gb = b.groups.get(gk)!;
          const where = `${JSON.stringify(a.sel)} ⊂ ${JSON.stringify(b.sel)} ${gk}`;
          const dr = (gb.responses ?? 0) - (ga.responses ?? 0);
          if (dr !== 0 && dr < min && gb.responses !== null) problems.push(`${where}: responses differ by ${dr}`);
          ITEMS.forEach((name, i) => {
            const ia = ga.items[i];
            const ib = gb.items[i];
            const na = !ia || ia.suppressed ? 0 : ia.n!;
            const nb = !ib || ib.suppressed ? 0 : ib.n!;
            // A larger selection may publish less (a higher minimum when a project is added): 0 there
            // tells nothing the smaller selection did not publish itself.
            if (nb - na !== 0 && nb - na < min && nb > 0) problems.push(`${where} ${name}: n differs by ${nb - na}`);
            if (nb === na && na > 0 && (ia!.mean !== ib!.mean || ia!.sd !== ib!.sd))
              problems.push(`${where} ${name}: same n, other figures`);
          });
        }
      }
    }
    expect(problems.slice(0, 20), `${problems.length} nested differences below the minimum`).toEqual([]);

    // Invariant 4 on the rows each published figure rests on (equal to the API's by invariant 3).
    const findings: Finding[] = [];
    let pairs = 0;
    let triples = 0;
    for (const gk of groupKeys) {
      const kinds: [string, (g: RefGroup) => RawRow[]][] = [
        ['responses', (g) => g.rows],
        ...ITEMS.map(
          (name, i) => [name, (g: RefGroup) => g.items[i]?.rows ?? []] as [string, (g: RefGroup) => RawRow[]],
        ),
      ];
      for (const [kind, rowsOf] of kinds) {
        const res = combinationAttacks(
          results.map((r) => rowsOf(refs.get(r)!.get(gk)!)),
          MINS,
          `${gk} ${kind}`,
        );
        findings.push(...res.findings);
        pairs += res.pairs;
        triples += res.triples;
      }
    }
    expect(findings.slice(0, 20), `${findings.length} combinations isolate someone`).toEqual([]);

    const targets = rows.filter((r) => (r as { target?: string }).target).length;
    console.info(
      `[${engine}] ${results.length} filter combinations (${results.length * groupKeys.length} version × occasion groups) + ${narrowed.length} narrowed by version/occasion;` +
        ` ${nestedPairs} nested pairs; ${pairs} distinct pairs and ${triples} triples of row sets; ${rows.length} rows, ${targets} targets;` +
        ` ${Math.round(performance.now() - started)} ms`,
    );
  }, 240_000);

  it('refuses a project the researcher cannot see, even among visible ones', async () => {
    await expect(
      store.itemAggregates(world.researcher, { project_ids: [projects.A!, world.otherProjectId], survey_key: key }),
    ).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });
});
