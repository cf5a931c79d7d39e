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

/** The index of the current (open) quarter, in Swedish time: figures include the quarters before it. */
export function currentQuarterIndex(now = new Date()): number {
  const [y, m] = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: 'numeric' })
    .format(now)
    .split('-')
    .map(Number);
  return (y! - 2024) * 4 + Math.floor((m! - 1) / 3);
}

/**
 * Segments of one project × version × occasion: lists of quarter indexes (rule of the research
 * counters migration). Closed quarters only (before `before`); a run closes with at least `min`
 * responses once every item has 0 or at least `min` answers, or once it has spanned four quarters;
 * a trailing run that does not qualify is left out.
 */
export function segments(rows: RawRow[], min: number, items: number, before = currentQuarterIndex()): number[][] {
  const closed = rows.filter((r) => r.quarter < before);
  if (closed.length === 0) return [];
  const segs: number[][] = [];
  let open: number[] = [];
  let start: number | null = null;
  let responses = 0;
  let n = new Array<number>(items).fill(0);
  for (let q = Math.min(...closed.map((r) => r.quarter)); q < before; q++) {
    const inQ = closed.filter((r) => r.quarter === q);
    if (inQ.length > 0) {
      open.push(q);
      start ??= q;
      responses += inQ.length;
      for (const r of inQ)
        r.scores.forEach((s, i) => {
          if (s !== null) n[i]! += 1;
        });
    }
    if (start === null || responses < min) continue;
    if (q >= start + 3 || n.every((c) => c === 0 || c >= min)) {
      segs.push(open);
      open = [];
      start = null;
      responses = 0;
      n = new Array<number>(items).fill(0);
    }
  }
  return segs;
}

/** percentile_cont over a sorted list. */
function quantile(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/** The figures of a published item from its sorted answers: n, missing, moments, quartiles, every count. */
function published(values: number[], scale: { lo: number; hi: number }, missing: number) {
  const n = values.length;
  const s1 = values.reduce((s, v) => s + v, 0);
  const s2 = values.reduce((s, v) => s + v * v, 0);
  return {
    suppressed: false,
    n,
    missing,
    mean: s1 / n,
    sd: n >= 2 ? Math.sqrt(Math.max((s2 - (s1 * s1) / n) / (n - 1), 0)) : null,
    median: quantile(values, 0.5),
    q1: quantile(values, 0.25),
    q3: quantile(values, 0.75),
    counts: Object.fromEntries(
      Array.from({ length: scale.hi - scale.lo + 1 }, (_, k) => [
        String(scale.lo + k),
        values.filter((v) => v === scale.lo + k).length,
      ]),
    ),
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
    if (counted.every((b) => b.rows.every((r) => r.scores[i] === null))) {
      items.push({ suppressed: false, n: 0, missing: responses, all_missing: true, rows: [] });
      continue;
    }
    if (n < vmin) {
      items.push({ suppressed: true, rows: [] });
      continue;
    }
    items.push({
      ...published(values, scale, contributing.reduce((s, b) => s + b.rows.length, 0) - n),
      all_missing: false,
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

/**
 * What the API must publish for one item pooled across versions (items unchanged between them):
 * the sum of each version's contributing blocks (at least the project's minimum answers to the
 * item), published when the sum reaches the selection's minimum.
 */
export function pooledReference(
  all: RawRow[],
  mins: Record<string, number>,
  sel: Omit<Selection, 'version'> & { versions: number[] },
  scale: { lo: number; hi: number; items: number },
  i: number,
): RefItem {
  const vmin = Math.max(...sel.projects.map((p) => mins[p]!));
  const blocks: RawRow[][] = [];
  for (const version of sel.versions)
    for (const p of sel.projects) {
      const rows = all.filter((r) => r.project === p && r.version === version && r.occasion === sel.occasion);
      for (const seg of segments(rows, mins[p]!, scale.items)) {
        if (
          (sel.from !== undefined && Math.min(...seg) < sel.from) ||
          (sel.to !== undefined && Math.max(...seg) > sel.to)
        )
          continue;
        const block = rows.filter((r) => seg.includes(r.quarter));
        if (block.filter((r) => r.scores[i] !== null).length >= mins[p]!) blocks.push(block);
      }
    }
  const rows = blocks.flatMap((b) => b.filter((r) => r.scores[i] !== null));
  const values = rows.map((r) => r.scores[i]!).sort((a, b) => a - b);
  const n = values.length;
  if (n < vmin) return { suppressed: true, rows: [] };
  return { ...published(values, scale, blocks.reduce((s, b) => s + b.length, 0) - n), rows };
}
