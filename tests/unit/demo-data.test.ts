import { describe, expect, it } from 'vitest';
import { prng, waiAnswers } from '../../src/setup/demo-answers.ts';
import { planDemo } from '../../src/setup/demo-plan.ts';
import { scoreWai } from '../../src/scoring/wai.ts';

describe('demo data plan', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(planDemo(prng(1), 60)).toEqual(planDemo(prng(1), 60));
    expect(planDemo(prng(2), 60)).not.toEqual(planDemo(prng(1), 60));
  });

  it('spreads 60 enrolments over six quarters, 35 exits with about 40 % to work or studies', () => {
    const plan = planDemo(prng(20261122), 60);
    const quarters = new Map<number, number>();
    for (const p of plan)
      quarters.set(Math.floor(p.enrolDaysAgo / 91.5), (quarters.get(Math.floor(p.enrolDaysAgo / 91.5)) ?? 0) + 1);
    expect([...quarters.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...quarters.values()].every((n) => n >= 8 && n <= 12)).toBe(true);
    const exits = plan.filter((p) => p.exit);
    expect(exits).toHaveLength(35);
    expect(exits.filter((p) => p.exit!.reason === 'arbete' || p.exit!.reason === 'studier')).toHaveLength(14);
    expect(exits.every((p) => p.exit!.days >= 45 && p.exit!.days <= p.enrolDaysAgo - 2)).toBe(true);
    expect(plan.filter((p) => p.withdraw !== null)).toHaveLength(2);
  });

  it('WAI answers mostly give a total between 7 and 49', () => {
    const rng = prng(3);
    const scores = Array.from({ length: 200 }, () => scoreWai(waiAnswers(rng, 0.5, true)));
    const totals = scores.map((s) => s.total).filter((t): t is number => t !== null);
    expect(totals.length).toBeGreaterThan(180);
    expect(totals.every((t) => t >= 7 && t <= 49)).toBe(true);
  });
});
