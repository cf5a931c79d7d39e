/**
 * The attacker's solver used by the disclosure tests (tests/support/count-solver.ts) against brute
 * force: for small n, every count vector over 1–6 is tried and filtered by the shown figures.
 */
import { describe, expect, it } from 'vitest';
import { consistentCounts, quantileOfCounts, type ShownFigures } from '../support/count-solver.ts';

function figures(counts: number[], lo = 1): ShownFigures {
  const xs = counts.flatMap((c, i) => Array<number>(c).fill(lo + i));
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1)) : null;
  return {
    lo,
    hi: lo + counts.length - 1,
    n,
    mean,
    sd,
    median: quantileOfCounts(counts, lo, 0.5),
    q1: quantileOfCounts(counts, lo, 0.25),
    q3: quantileOfCounts(counts, lo, 0.75),
  };
}

/** Every composition of n into `parts` counts. */
function compositions(n: number, parts: number): number[][] {
  if (parts === 1) return [[n]];
  const out: number[][] = [];
  for (let x = 0; x <= n; x++) for (const rest of compositions(n - x, parts - 1)) out.push([x, ...rest]);
  return out;
}

function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('count solver', () => {
  it('finds exactly the vectors brute force finds (n 2–9, random distributions)', () => {
    const rnd = prng(17);
    for (let t = 0; t < 150; t++) {
      const n = 2 + Math.floor(rnd() * 8);
      const counts = [0, 0, 0, 0, 0, 0];
      for (let i = 0; i < n; i++) counts[Math.floor(rnd() * 6)]!++;
      const shown = figures(counts);
      const brute = compositions(n, 6).filter((c) => {
        const f = figures(c);
        return (
          Math.abs(f.mean - shown.mean) < 1e-9 &&
          Math.abs((f.sd ?? 0) - (shown.sd ?? 0)) < 1e-9 &&
          f.median === shown.median &&
          f.q1 === shown.q1 &&
          f.q3 === shown.q3
        );
      });
      const solved = consistentCounts(shown);
      expect(solved.map((c) => c.join()).sort(), counts.join()).toEqual(brute.map((c) => c.join()).sort());
      expect(solved.map((c) => c.join())).toContain(counts.join());
    }
  });

  it('recovers a published evaluation-sized item uniquely from n, mean, SD, median and quartiles', () => {
    // 13 respondents on a 1–6 item, the size of the evaluation's Avslut table.
    const counts = [0, 0, 1, 2, 4, 6];
    expect(consistentCounts(figures(counts))).toEqual([counts]);
  });

  it('leaves several candidates where the figures do not pin the counts', () => {
    const counts = [0, 1, 1, 2, 4, 5];
    const found = consistentCounts(figures(counts)).map((c) => c.join());
    expect(found).toHaveLength(3);
    expect(found).toContain(counts.join());
  });
});
