import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveAnswersValidator } from '../../src/surveys/answers-schema.ts';

const pagaende = JSON.parse(readFileSync(new URL('../../surveys/pagaende.json', import.meta.url), 'utf8')).survey;
const consent = JSON.parse(
  readFileSync(new URL('../../surveys/samtycke-forskning.json', import.meta.url), 'utf8'),
).survey;
const all = (v: unknown) => ({
  stod_till_hjalp: v,
  paverka_plan: v,
  tid_som_behovs: v,
  hantera_situation: v,
  stod_kontakter: v,
  erfarenhet_tillvara: v,
  mer_redo: v,
});

describe('answers validator derived from the definition', () => {
  const v = deriveAnswersValidator(pagaende);

  it('accepts every step of the 1–6 scale and the "vet inte" choice', () => {
    for (const value of [1, 2, 3, 4, 5, 6, 'none']) expect(v.validate(all(value), 'sv').ok).toBe(true);
  });

  it('refuses values outside the scale, wrong types and fractions, naming the question in Swedish', () => {
    for (const bad of [0, 7, -1, 3.5, '3', true, [3], { v: 3 }]) {
      const r = v.validate(all(bad), 'sv');
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) {
        expect(r.issues).toHaveLength(7);
        expect(r.issues[0]!.message).toContain('Välj ett av svarsalternativen');
        expect(r.issues[0]!.path).toBe('stod_till_hjalp');
      }
    }
  });

  it('refuses unknown questions', () => {
    const r = v.validate({ ...all(3), extra: 1, __proto__x: 2 }, 'en');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path).sort()).toEqual(['__proto__x', 'extra']);
  });

  it('requires the required questions and says which', () => {
    const { mer_redo: _, ...rest } = all(4);
    const r = v.validate(rest, 'sv');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([{ path: 'mer_redo', message: expect.stringContaining('frågan behöver besvaras') }]);
  });

  it('refuses answers that are not an object', () => {
    for (const bad of [null, [], 'x', 3]) expect(v.validate(bad, 'sv').ok).toBe(false);
  });

  it('validates the consent form: boolean and a choice', () => {
    const c = deriveAnswersValidator(consent);
    expect(c.validate({ samtycker: true, svarar_med: 'with_coach' }, 'sv').ok).toBe(true);
    expect(c.validate({ samtycker: 'yes', svarar_med: 'self' }, 'sv').ok).toBe(false);
    expect(c.validate({ samtycker: true, svarar_med: 'someone' }, 'sv').ok).toBe(false);
  });

  it('refuses a definition with a question type it cannot validate', () => {
    expect(() => deriveAnswersValidator({ elements: [{ type: 'file', name: 'upload' }] })).toThrow(/not supported/);
  });

  it('handles rating questions with rateMin/rateMax and checkbox lists', () => {
    const r = deriveAnswersValidator({
      elements: [
        { type: 'rating', name: 'r', rateMin: 0, rateMax: 10 },
        { type: 'checkbox', name: 'c', choices: ['a', 'b'] },
        { type: 'text', name: 't', inputType: 'number' },
      ],
    });
    expect(r.validate({ r: 0, c: ['a', 'b'], t: 12.5 }, 'sv').ok).toBe(true);
    expect(r.validate({ r: 11 }, 'sv').ok).toBe(false);
    expect(r.validate({ c: ['a', 'a'] }, 'sv').ok).toBe(false);
    expect(r.validate({ c: ['z'] }, 'sv').ok).toBe(false);
    expect(r.validate({ t: '12' }, 'sv').ok).toBe(false);
  });
});
