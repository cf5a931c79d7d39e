import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkWaiDefinition, scoreWai, waiCategory, WAI_DISEASE_GROUPS, WAI_QUESTIONS } from '../../src/scoring/wai.ts';
import { deriveAnswersValidator } from '../../src/surveys/answers-schema.ts';

const wai = JSON.parse(readFileSync(new URL('../../surveys/wai.json', import.meta.url), 'utf8'));
const Q = WAI_QUESTIONS;

interface Input {
  d1: number;
  type: string;
  phys: number;
  mental: number;
  diseases: string[];
  hinder: number[];
  sick: number;
  prognosis: number;
  m7: [number, number, number];
}

/** The best answers: 10 + (5+5) + 7 + 6 + 5 + 7 + 4 = 49. Each test overrides what it needs. */
const BEST: Input = {
  d1: 10,
  type: 'both',
  phys: 5,
  mental: 5,
  diseases: ['none'],
  hinder: [6],
  sick: 5,
  prognosis: 7,
  m7: [4, 4, 4],
};

function answers(over: Partial<Input> = {}): Record<string, unknown> {
  const i = { ...BEST, ...over };
  return {
    [Q.ability]: i.d1,
    [Q.workType]: i.type,
    [Q.physical]: i.phys,
    [Q.mental]: i.mental,
    [Q.diagnosed]: i.diseases,
    [Q.impairment]: i.hinder,
    [Q.sickDays]: i.sick,
    [Q.prognosis]: i.prognosis,
    [Q.enjoy]: i.m7[0],
    [Q.active]: i.m7[1],
    [Q.hopeful]: i.m7[2],
  };
}
const groups = (n: number) => WAI_DISEASE_GROUPS.slice(0, n) as unknown as string[];

describe('scoreWai: the seven dimensions', () => {
  it('d1 is item 1 itself, also reported as the work ability score', () => {
    for (const v of [0, 5, 10]) {
      const s = scoreWai(answers({ d1: v }));
      expect(s.dimensions.d1).toBe(v);
      expect(s.workAbilityScore).toBe(v);
    }
  });

  it.each([
    ['physical', 3, 2, 5.5], // 3×1.5 + 2×0.5 = 4.5 + 1 = 5.5
    ['mental', 3, 2, 4.5], //   3×0.5 + 2×1.5 = 1.5 + 3 = 4.5
    ['both', 3, 2, 5], //       3 + 2 = 5
    ['physical', 5, 1, 8], //   5×1.5 + 1×0.5 = 7.5 + 0.5 = 8
    ['mental', 5, 1, 4], //     5×0.5 + 1×1.5 = 2.5 + 1.5 = 4
    ['physical', 1, 1, 2], //   1×1.5 + 1×0.5 = 2 (minimum)
    ['mental', 5, 5, 10], //    5×0.5 + 5×1.5 = 2.5 + 7.5 = 10 (maximum)
    ['physical', 4, 5, 8.5], // 4×1.5 + 5×0.5 = 6 + 2.5 = 8.5
  ])('d2 for mainly %s work, physical %i, mental %i → %d', (type, phys, mental, d2) => {
    expect(scoreWai(answers({ type, phys, mental })).dimensions.d2).toBe(d2);
  });

  it.each([
    [0, 7],
    [1, 5],
    [2, 4],
    [3, 3],
    [4, 2],
    [5, 1],
    [6, 1],
    [14, 1],
  ])('d3 with %i physician-diagnosed disease groups → %i', (n, d3) => {
    expect(scoreWai(answers({ diseases: n === 0 ? ['none'] : groups(n) })).dimensions.d3).toBe(d3);
  });

  it.each([
    [[6], 6],
    [[5], 5],
    [[1], 1],
    [[5, 3], 3], //    lowest of 5 and 3
    [[6, 4, 2], 2], // lowest of 6, 4, 2
    [[2, 5, 1], 1], // order does not matter
  ])('d4 with %j ticked → %i (the lowest counts)', (hinder, d4) => {
    expect(scoreWai(answers({ hinder })).dimensions.d4).toBe(d4);
  });

  it.each([5, 4, 3, 2, 1])('d5 sick-days band worth %i points', (sick) => {
    expect(scoreWai(answers({ sick })).dimensions.d5).toBe(sick);
  });

  it.each([1, 4, 7])('d6 prognosis worth %i points', (prognosis) => {
    expect(scoreWai(answers({ prognosis })).dimensions.d6).toBe(prognosis);
  });

  it.each([
    [[0, 0, 0], 1], // sum 0  → 0–3
    [[1, 1, 1], 1], // sum 3  → 0–3
    [[2, 1, 1], 2], // sum 4  → 4–6
    [[2, 2, 2], 2], // sum 6  → 4–6
    [[3, 2, 2], 3], // sum 7  → 7–9
    [[3, 3, 3], 3], // sum 9  → 7–9
    [[4, 3, 3], 4], // sum 10 → 10–12
    [[4, 4, 4], 4], // sum 12 → 10–12
    [[0, 4, 0], 2], // sum 4, from one item only
  ] as [[number, number, number], number][])('d7 with items %j → %i', (m7, d7) => {
    expect(scoreWai(answers({ m7 })).dimensions.d7).toBe(d7);
  });
});

describe('scoreWai: total and category', () => {
  it.each([
    // d1 + d2 + d3 + d4 + d5 + d6 + d7
    [{ d1: 0, phys: 1, mental: 1, diseases: groups(5), hinder: [1], sick: 1, prognosis: 1, m7: [0, 0, 0] }, 7, 'poor'], // 0+2+1+1+1+1+1 = 7
    [{ d1: 0, sick: 3, prognosis: 1, m7: [0, 0, 0], mental: 4 }, 27, 'poor'], //                0+(5+4)+7+6+3+1+1 = 27
    [{ d1: 0, sick: 3, prognosis: 1, m7: [0, 0, 0], mental: 4, type: 'physical' }, 27.5, 'poor'], // 0+(7.5+2)+7+6+3+1+1 = 27.5
    [{ d1: 0, sick: 3, prognosis: 1, m7: [0, 0, 0] }, 28, 'moderate'], //                        0+(5+5)+7+6+3+1+1 = 28
    [{ d1: 8, sick: 3, prognosis: 1, m7: [0, 0, 0] }, 36, 'moderate'], //                        8+10+7+6+3+1+1 = 36
    [{ d1: 0, sick: 3, mental: 4, type: 'physical' }, 36.5, 'moderate'], //                      0+9.5+7+6+3+7+4 = 36.5
    [{ d1: 0, sick: 3 }, 37, 'good'], //                                                          0+10+7+6+3+7+4 = 37
    [{ d1: 6, sick: 3 }, 43, 'good'], //                                                          6+10+7+6+3+7+4 = 43
    [{ d1: 5, mental: 4, type: 'physical' }, 43.5, 'good'], //                                    5+9.5+7+6+5+7+4 = 43.5
    [{ d1: 5 }, 44, 'excellent'], //                                                              5+10+7+6+5+7+4 = 44
    [{}, 49, 'excellent'], //                                                                     10+10+7+6+5+7+4 = 49
  ] as [Partial<Input>, number, string][])('%j → %d, %s', (over, total, category) => {
    const s = scoreWai(answers(over));
    expect(s.missing).toEqual([]);
    expect(s.total).toBe(total);
    expect(s.category).toBe(category);
  });

  it('waiCategory puts half points below the cut-off', () => {
    expect([27, 27.5, 28, 36, 36.5, 37, 43, 43.5, 44, 49].map(waiCategory)).toEqual([
      'poor',
      'poor',
      'moderate',
      'moderate',
      'moderate',
      'good',
      'good',
      'good',
      'excellent',
      'excellent',
    ]);
  });
});

describe('scoreWai: missing and invalid answers', () => {
  it('a missing dimension makes total and category null and is listed; the others still score', () => {
    const { [Q.prognosis]: _, ...rest } = answers();
    const s = scoreWai(rest);
    expect(s).toMatchObject({ total: null, category: null, missing: ['d6'], workAbilityScore: 10 });
    expect(s.dimensions).toEqual({ d1: 10, d2: 10, d3: 7, d4: 6, d5: 5, d6: null, d7: 4 });
  });

  it('empty answers: everything missing, nothing thrown', () => {
    const all = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'];
    expect(scoreWai({})).toMatchObject({ total: null, category: null, workAbilityScore: null, missing: all });
    expect(scoreWai(null as unknown as Record<string, unknown>).missing).toEqual(all);
  });

  it('one missing part of d2 or d7 makes that dimension missing (never prorated)', () => {
    expect(scoreWai({ ...answers(), [Q.workType]: undefined }).missing).toEqual(['d2']);
    expect(scoreWai({ ...answers(), [Q.mental]: null }).missing).toEqual(['d2']);
    expect(scoreWai({ ...answers(), [Q.hopeful]: undefined }).missing).toEqual(['d7']);
  });

  it.each([
    ['d1', Q.ability, 11],
    ['d1', Q.ability, -1],
    ['d1', Q.ability, 5.5],
    ['d1', Q.ability, '5'],
    ['d2', Q.physical, 0],
    ['d2', Q.mental, 6],
    ['d2', Q.workType, 'office'],
    ['d2', Q.workType, 1],
    ['d3', Q.diagnosed, []],
    ['d3', Q.diagnosed, 'none'],
    ['d3', Q.diagnosed, ['cold']],
    ['d3', Q.diagnosed, ['none', 'hud']],
    ['d3', Q.diagnosed, ['hud', 'hud']],
    ['d3', Q.diagnosed, [null]],
    ['d4', Q.impairment, []],
    ['d4', Q.impairment, [7]],
    ['d4', Q.impairment, [0, 3]],
    ['d4', Q.impairment, 3],
    ['d4', Q.impairment, ['3']],
    ['d5', Q.sickDays, 0],
    ['d5', Q.sickDays, 6],
    ['d6', Q.prognosis, 2],
    ['d6', Q.prognosis, 5],
    ['d7', Q.enjoy, 5],
    ['d7', Q.active, -1],
    ['d7', Q.hopeful, { v: 4 }],
  ])('%s is missing when %s is %j', (dimension, name, value) => {
    const s = scoreWai({ ...answers(), [name]: value });
    expect(s.missing).toEqual([dimension]);
    expect(s.dimensions[dimension as 'd1']).toBeNull();
    expect(s.total).toBeNull();
  });
});

describe('scoreWai and surveys/wai.json stay in step', () => {
  it('every question scoreWai reads exists with the expected type and values', () => {
    expect(checkWaiDefinition(wai.survey)).toEqual([]);
  });

  it('the check notices a renamed question and a changed value', () => {
    const broken = structuredClone(wai.survey);
    const pageOf = (name: string) =>
      broken.pages.find((p: { elements: { name: string }[] }) => p.elements[0]!.name === name);
    pageOf(Q.prognosis).elements[0].name = 'prognos';
    pageOf(Q.sickDays).elements[0].choices[0].value = 6;
    expect(checkWaiDefinition(broken)).toEqual([
      expect.stringContaining(`"${Q.sickDays}" must offer exactly`),
      `WAI question "${Q.prognosis}" is missing`,
    ]);
  });

  it('the server accepts the best, the worst and a half-point answer set and they score as computed', () => {
    const validator = deriveAnswersValidator(wai.survey);
    const worst = answers({
      d1: 0,
      phys: 1,
      mental: 1,
      diseases: groups(14),
      hinder: [1],
      sick: 1,
      prognosis: 1,
      m7: [0, 0, 0],
    });
    for (const [set, total] of [
      [answers(), 49],
      [worst, 7],
      [answers({ d1: 5, mental: 4, type: 'physical' }), 43.5],
    ] as const) {
      const r = validator.validate(set, 'sv');
      expect(r.ok).toBe(true);
      if (r.ok) expect(scoreWai(r.answers).total).toBe(total);
    }
  });

  it('scored metadata lists items 1, 2a, 2b, 5, 6 and 7a–c with their ranges, no question is required', () => {
    expect(wai.meta.scored.map((s: { name: string; min: number; max: number }) => [s.name, s.min, s.max])).toEqual([
      [Q.ability, 0, 10],
      [Q.physical, 1, 5],
      [Q.mental, 1, 5],
      [Q.sickDays, 1, 5],
      [Q.prognosis, 1, 7],
      [Q.enjoy, 0, 4],
      [Q.active, 0, 4],
      [Q.hopeful, 0, 4],
    ]);
    expect(Object.keys(wai.meta.scored[4].labels)).toEqual(['1', '4', '7']);
    expect(JSON.stringify(wai.survey)).not.toContain('"isRequired":true');
  });
});
