import { describe, expect, it } from 'vitest';
import { diffDefinitions } from '../../src/surveys/definition-diff.ts';
import {
  addCommentItem,
  questionIn,
  shippedDefinition,
  type DefinitionFileJson,
  SV_EN,
} from '../support/definitions.ts';

const side = (f: DefinitionFileJson) => ({ json: f.survey, meta: f.meta as Record<string, unknown> });

describe('diff between two versions of Pågående', () => {
  it('identical versions: nothing changed, every item counted as unchanged', () => {
    const d = diffDefinitions(side(shippedDefinition('pagaende', SV_EN)), side(shippedDefinition('pagaende', SV_EN)));
    expect(d).toEqual({ items: [], meta: [], unchanged: 7 });
  });

  it('lists items added, removed and changed, with wording per language, scale and choices', () => {
    const a = shippedDefinition('pagaende', SV_EN);
    const b = addCommentItem(shippedDefinition('pagaende', SV_EN));
    b.survey.pages = b.survey.pages.filter((p) => p.elements[0]!.name !== 'stod_kontakter');
    const q = questionIn(b, 'paverka_plan');
    q.title.en = 'I could influence my plan.';
    q.choices[2]!.text.sv = '3 – Ibland';
    const r = questionIn(b, 'mer_redo');
    r.choices.pop();
    b.meta.scored.find((s) => s.name === 'mer_redo')!.max = 5;
    b.meta.title.sv = 'Ny titel';

    const d = diffDefinitions(side(a), side(b));
    expect(d.items.map((i) => [i.name, i.status, i.scored])).toEqual([
      ['paverka_plan', 'changed', true],
      ['mer_redo', 'changed', true],
      ['ovrigt_ny', 'added', false],
      ['stod_kontakter', 'removed', true],
    ]);
    const plan = d.items[0]!.changes;
    expect(plan).toEqual([
      {
        field: 'title',
        lang: 'en',
        before: 'I have been able to take part in and influence my plan.',
        after: 'I could influence my plan.',
      },
      { field: 'choiceText', lang: 'sv', before: '3: 3 – Ibland / i viss grad', after: '3: 3 – Ibland' },
    ]);
    expect(d.items[1]!.changes).toEqual([
      { field: 'scale', before: '1–6', after: '1–5' },
      { field: 'values', before: '1, 2, 3, 4, 5, 6, none', after: '1, 2, 3, 4, 5, none' },
    ]);
    expect(d.meta).toEqual([
      { field: 'title', lang: 'sv', before: 'Hur går det? Enkät under insatsen', after: 'Ny titel' },
    ]);
    expect(d.unchanged).toBe(4);
  });

  it('a plain-string title against a localised one shows as per-language changes', () => {
    const a = shippedDefinition('pagaende', SV_EN);
    const b = shippedDefinition('pagaende', SV_EN);
    (questionIn(b, 'mer_redo') as Record<string, unknown>).title = 'Bara svenska';
    const langs = diffDefinitions(side(a), side(b)).items[0]!.changes.map((c) => c.lang);
    expect(langs).toEqual(['default', 'en', 'sv']);
  });
});
