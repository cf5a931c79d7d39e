/**
 * The attacker's solver (issue 17): every count vector over a scale that is consistent with the
 * figures a page shows for one item: n, mean, SD, median and quartiles. Used to prove that the
 * research view hides nothing that could be solved for (docs/disclosure-control.md), and to
 * measure how often hiding value counts would have protected anything at all.
 *
 * Exact arithmetic on integers: the sum and the sum of squares follow from n, mean and SD; the
 * last three counts follow from the others by three linear equations (a Vandermonde system), so
 * only the first m − 3 counts are enumerated.
 */
import type { ItemAggregate } from '../../src/store/store.ts';

export interface ShownFigures {
  lo: number;
  hi: number;
  n: number;
  mean: number;
  /** Sample SD; null when n < 2. */
  sd: number | null;
  median?: number | null;
  q1?: number | null;
  q3?: number | null;
}

/** percentile_cont of the distribution given as counts over lo…hi. */
export function quantileOfCounts(counts: number[], lo: number, p: number): number {
  const n = counts.reduce((a, b) => a + b, 0);
  const h = (n - 1) * p;
  const at = (k: number) => {
    let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      seen += counts[i]!;
      if (seen > k) return lo + i;
    }
    return lo + counts.length - 1;
  };
  const f = Math.floor(h);
  return at(f) + (h - f) * (at(Math.min(f + 1, n - 1)) - at(f));
}

/** Every count vector over lo…hi consistent with the figures (stops after `limit` solutions). */
export function consistentCounts(shown: ShownFigures, limit = Infinity): number[][] {
  const m = shown.hi - shown.lo + 1;
  const values = Array.from({ length: m }, (_, i) => shown.lo + i);
  const n = shown.n;
  const s1 = Math.round(shown.mean * n);
  // Σx² = (n − 1)·SD² + (Σx)²/n; with n < 2 the SD says nothing, so Σx² is left free.
  const s2 = shown.sd === null ? null : Math.round((n - 1) * shown.sd * shown.sd + (s1 * s1) / n);
  const out: number[][] = [];
  const quantilesMatch = (c: number[]) =>
    (shown.median == null || Math.abs(quantileOfCounts(c, shown.lo, 0.5) - shown.median) < 1e-9) &&
    (shown.q1 == null || Math.abs(quantileOfCounts(c, shown.lo, 0.25) - shown.q1) < 1e-9) &&
    (shown.q3 == null || Math.abs(quantileOfCounts(c, shown.lo, 0.75) - shown.q3) < 1e-9);
  const free = Math.max(m - 3, 0);
  const [a, b, c] = values.slice(free);
  const prefix: number[] = [];
  const walk = (k: number, left: number, sum: number, sq: number) => {
    if (out.length >= limit) return;
    if (k < free) {
      for (let x = 0; x <= left; x++) {
        prefix.push(x);
        walk(k + 1, left - x, sum + x * values[k]!, sq + x * values[k]! ** 2);
        prefix.pop();
      }
      return;
    }
    // Remaining counts x, y, z at values a, b, c: x + y + z = A, ax + by + cz = B, a²x + b²y + c²z = C.
    const A = left;
    const B = s1 - sum;
    const tails: number[][] = [];
    if (s2 === null || m < 3) {
      for (let y = 0; y <= A; y++) for (let z = 0; z <= A - y; z++) tails.push([A - y - z, y, z]);
    } else {
      const C = s2 - sq;
      // Eliminating x: (b − a)y + (c − a)z = B − aA and (b² − a²)y + (c² − a²)z = C − a²A.
      const det = (b! - a!) * (c! ** 2 - a! ** 2) - (c! - a!) * (b! ** 2 - a! ** 2);
      const yNum = (B - a! * A) * (c! ** 2 - a! ** 2) - (c! - a!) * (C - a! ** 2 * A);
      const zNum = (b! - a!) * (C - a! ** 2 * A) - (b! ** 2 - a! ** 2) * (B - a! * A);
      if (yNum % det === 0 && zNum % det === 0) {
        const y = yNum / det;
        const z = zNum / det;
        tails.push([A - y - z, y, z]);
      }
    }
    for (const t of tails) {
      if (t.some((x) => x < 0 || !Number.isInteger(x))) continue;
      const v = [...prefix, ...t];
      if (v.reduce((s, x, i) => s + x * values[i]!, 0) !== s1) continue;
      if (quantilesMatch(v)) out.push(v);
      if (out.length >= limit) return;
    }
  };
  walk(0, n, 0, 0);
  return out;
}

/** The figures an item shows, for the solver. */
export function shownOf(item: ItemAggregate): ShownFigures {
  return {
    lo: item.scale.min,
    hi: item.scale.max,
    n: item.n!,
    mean: item.mean!,
    sd: item.sd ?? null,
    median: item.median,
    q1: item.q1,
    q3: item.q3,
  };
}

/**
 * The solver property for one item the API returned: a suppressed item shows no figure to solve
 * from; a published one shows its whole distribution (nothing hidden) and that distribution is
 * among those consistent with its other figures. Returns problems, and whether the shown
 * moments alone pinned the distribution (what hiding its counts would have protected: nothing).
 */
export function checkItem(item: ItemAggregate): { problems: string[]; determined: boolean | null } {
  if (item.suppressed)
    return {
      problems: ['n', 'mean', 'sd', 'median', 'counts'].some((k) => k in item) ? [`${item.item}: figures shown`] : [],
      determined: null,
    };
  if (item.all_missing) return { problems: [], determined: null };
  const counts = Array.from(
    { length: item.scale.max - item.scale.min + 1 },
    (_, i) => item.counts?.[item.scale.min + i],
  );
  if (counts.some((c) => typeof c !== 'number'))
    return { problems: [`${item.item}: a count is hidden`], determined: null };
  const solutions = consistentCounts(shownOf(item), 2);
  const known = counts as number[];
  const problems = solutions.length === 0 ? [`${item.item}: counts inconsistent with the other figures`] : [];
  if (solutions.length === 1 && solutions[0]!.join() !== known.join())
    problems.push(`${item.item}: the figures determine other counts than shown`);
  return { problems, determined: solutions.length === 1 };
}
