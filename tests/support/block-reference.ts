/**
 * An independent reference implementation of the research block rule, computed from raw rows in
 * the test (no SQL): period segments, blocks, contributing blocks per item, suppression. Used by
 * tests/db/research-differencing.test.ts to assert that every published figure is exactly the sum
 * over blocks that each hold at least the project's minimum, and to know which rows each figure
 * rests on.
 */
import type { ItemAggregate } from '../../src/store/store.ts';

export interface RawRow {
  id: number;
  project: string;
  version: number;
  occasion: string;
  /** Quarter index (0 = first quarter of the data set), in Swedish time. */
  quarter: number;
  /** One score per item; null = not answered. */
  scores: (number | null)[];
}

export interface Selection {
  projects: string[];
  /** Quarter indexes, inclusive; undefined = open. */
  from?: number;
  to?: number;
  version: number;
  occasion: string;
}

/** An item's figures as item_aggregates publishes them, and the rows they rest on (empty when suppressed). */
export type RefItem = Omit<ItemAggregate, 'item' | 'scale'> & { rows: RawRow[] };

export interface RefGroup {
  responses: number | null;
  suppressed: boolean;
  period: { from: number; to: number } | null;
  items: RefItem[];
  /** Rows the published response count rests on (empty when suppressed). */
  rows: RawRow[];
}

/** Segments of one project × version × occasion: lists of quarter indexes (rule of migration 001500). */
export function segments(rows: RawRow[], min: number, items: number): number[][] {
  const quarters = [...new Set(rows.map((r) => r.quarter))].sort((a, b) => a - b);
  const segs: number[][] = [];
  let open: number[] = [];
  let responses = 0;
  let n = new Array<number>(items).fill(0);
  for (const q of quarters) {
    const inQ = rows.filter((r) => r.quarter === q);
    open.push(q);
    responses += inQ.length;
    for (const r of inQ)
      r.scores.forEach((s, i) => {
        if (s !== null) n[i]! += 1;
      });
    if (responses >= min && n.every((c) => c === 0 || c >= min)) {
      segs.push(open);
      open = [];
      responses = 0;
      n = new Array<number>(items).fill(0);
    }
  }
  if (open.length > 0) {
    if (segs.length > 0) segs[segs.length - 1]!.push(...open);
    else segs.push(open);
  }
  return segs;
}

/** percentile_cont over a sorted list. */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/** Small cells 1…min−1 hidden; a lone hidden cell takes the next smallest non-zero count with it. */
export function suppressCounts(
  counts: number[],
  lo: number,
  min: number,
): { counts: Record<string, number | null>; hidden: number[] } {
  const values = counts.map((c, i) => ({ v: lo + i, c }));
  const small = values.filter((x) => x.c > 0 && x.c < min).map((x) => x.v);
  const hidden = new Set(small);
  if (small.length === 1) {
    const next = values.filter((x) => x.c > 0 && !hidden.has(x.v)).sort((a, b) => a.c - b.c || a.v - b.v)[0];
    if (next) hidden.add(next.v);
  }
  return {
    counts: Object.fromEntries(values.map((x) => [String(x.v), hidden.has(x.v) ? null : x.c])),
    hidden: [...hidden].sort((a, b) => a - b),
  };
}

/** What the API must publish for one selection (one version and occasion). */
export function reference(
  all: RawRow[],
  mins: Record<string, number>,
  sel: Selection,
  scale: { lo: number; hi: number; items: number },
): RefGroup {
  const vmin = Math.max(...sel.projects.map((p) => mins[p]!));
  // Blocks: (project, segment) lying entirely inside the period.
  const blocks: { project: string; rows: RawRow[]; from: number; to: number }[] = [];
  for (const p of sel.projects) {
    const rows = all.filter((r) => r.project === p && r.version === sel.version && r.occasion === sel.occasion);
    for (const seg of segments(rows, mins[p]!, scale.items)) {
      const from = Math.min(...seg);
      const to = Math.max(...seg);
      if ((sel.from !== undefined && from < sel.from) || (sel.to !== undefined && to > sel.to)) continue;
      blocks.push({ project: p, rows: rows.filter((r) => seg.includes(r.quarter)), from, to });
    }
  }
  const counted = blocks.filter((b) => b.rows.length >= mins[b.project]!);
  const responses = counted.reduce((s, b) => s + b.rows.length, 0);
  if (responses < vmin) return { responses: null, suppressed: true, period: null, items: [], rows: [] };
  const items: RefItem[] = [];
  for (let i = 0; i < scale.items; i++) {
    const contributing = blocks.filter((b) => b.rows.filter((r) => r.scores[i] !== null).length >= mins[b.project]!);
    const rows = contributing.flatMap((b) => b.rows.filter((r) => r.scores[i] !== null));
    const values = rows.map((r) => r.scores[i]!).sort((a, b) => a - b);
    const n = values.length;
    if (n < vmin) {
      items.push({ suppressed: true, rows: [] });
      continue;
    }
    const s1 = values.reduce((s, v) => s + v, 0);
    const s2 = values.reduce((s, v) => s + v * v, 0);
    const perValue = Array.from(
      { length: scale.hi - scale.lo + 1 },
      (_, k) => values.filter((v) => v === scale.lo + k).length,
    );
    const countsOf = (rs: RawRow[]) =>
      Array.from({ length: scale.hi - scale.lo + 1 }, (_, k) => rs.filter((r) => r.scores[i] === scale.lo + k).length);
    // The selection's small cells, and every value a contributing block hides by itself.
    const hidden = new Set(suppressCounts(perValue, scale.lo, vmin).hidden);
    for (const b of contributing)
      for (const v of suppressCounts(countsOf(b.rows), scale.lo, mins[b.project]!).hidden) hidden.add(v);
    const sc = {
      counts: Object.fromEntries(perValue.map((c, k) => [String(scale.lo + k), hidden.has(scale.lo + k) ? null : c])),
      hidden: [...hidden].sort((a, b) => a - b),
    };
    items.push({
      suppressed: false,
      n,
      missing: contributing.reduce((s, b) => s + b.rows.length, 0) - n,
      mean: s1 / n,
      sd: n >= 2 ? Math.sqrt(Math.max((s2 - (s1 * s1) / n) / (n - 1), 0)) : null,
      median: quantile(values, 0.5),
      q1: quantile(values, 0.25),
      q3: quantile(values, 0.75),
      counts: sc.counts,
      hidden_values: sc.hidden,
      rows,
    });
  }
  return {
    responses,
    suppressed: false,
    period: { from: Math.min(...counted.map((b) => b.from)), to: Math.max(...counted.map((b) => b.to)) },
    items,
    rows: counted.flatMap((b) => b.rows),
  };
}
