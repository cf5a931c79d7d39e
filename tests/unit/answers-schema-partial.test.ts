import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveAnswersValidator } from '../../src/surveys/answers-schema.ts';

const pagaende = JSON.parse(readFileSync(new URL('../../surveys/pagaende.json', import.meta.url), 'utf8')).survey;

describe('answers validator, partial mode (drafts)', () => {
  const v = deriveAnswersValidator(pagaende);

  it('accepts some answers, or none: nothing is required yet', () => {
    expect(v.validate({}, 'sv', 'partial')).toEqual({ ok: true, answers: {} });
    expect(v.validate({ stod_till_hjalp: 4, paverka_plan: 'none' }, 'sv', 'partial')).toEqual({
      ok: true,
      answers: { stod_till_hjalp: 4, paverka_plan: 'none' },
    });
    // The complete mode is unchanged: the same answers miss required questions.
    expect(v.validate({ stod_till_hjalp: 4 }, 'sv').ok).toBe(false);
    expect(v.validate({ stod_till_hjalp: 4 }, 'sv', 'complete').ok).toBe(false);
  });

  it('still refuses unknown questions and wrong types or values', () => {
    for (const bad of [{ okand: 1 }, { stod_till_hjalp: 7 }, { stod_till_hjalp: '4' }, { stod_till_hjalp: [4] }]) {
      const r = v.validate(bad, 'sv', 'partial');
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.issues).toHaveLength(1);
    }
    expect(v.validate([], 'sv', 'partial').ok).toBe(false);
  });

  it('drops empty answers as the complete mode does', () => {
    expect(v.validate({ stod_till_hjalp: null, paverka_plan: '' }, 'en', 'partial')).toEqual({ ok: true, answers: {} });
  });
});
