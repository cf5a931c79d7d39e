import { describe, expect, it } from 'vitest';
import { itemSeries, jsonEqual } from '../../src/surveys/definition-series.ts';
import {
  addCommentItem,
  questionIn,
  shippedDefinition,
  type DefinitionFileJson,
  SV_EN,
} from '../support/definitions.ts';

const side = (f: DefinitionFileJson, version = f.meta.version) => ({
  version,
  json: f.survey,
  meta: f.meta as Record<string, unknown>,
});
const scoredNames = (f: DefinitionFileJson) => f.meta.scored.map((s) => s.name);
const newSeries = (draft: DefinitionFileJson, earlier: DefinitionFileJson[]) =>
  itemSeries(
    side(draft),
    earlier.map((f, i) => side(f, i + 1)),
  )
    .filter((s) => s.continues.length === 0)
    .map((s) => s.name);

describe('which scored items continue their series (as app.selection_series_stats pools them)', () => {
  it('an unchanged draft continues every series; a draft without earlier versions starts all of them', () => {
    const v1 = shippedDefinition('pagaende', SV_EN);
    const draft = shippedDefinition('pagaende', SV_EN);
    expect(itemSeries(side(draft), [side(v1, 1)])).toEqual(scoredNames(v1).map((name) => ({ name, continues: [1] })));
    expect(newSeries(draft, [])).toEqual(scoredNames(v1));
  });

  it('a new wording in any language, a new choice text or a new scale starts a new series', () => {
    const v1 = shippedDefinition('pagaende', SV_EN);
    const draft = shippedDefinition('pagaende', SV_EN);
    questionIn(draft, 'stod_till_hjalp').title.en = 'My coach has helped me.';
    questionIn(draft, 'paverka_plan').choices[2]!.text.sv = '3 – Ibland';
    const redo = questionIn(draft, 'mer_redo');
    redo.choices = redo.choices.filter((c) => c.value !== 6);
    draft.meta.scored.find((s) => s.name === 'mer_redo')!.max = 5;
    expect(newSeries(draft, [v1])).toEqual(['stod_till_hjalp', 'paverka_plan', 'mer_redo']);
  });

  it('what is not part of the identity does not break a series: description, required, order, other items', () => {
    const v1 = shippedDefinition('pagaende', SV_EN);
    const draft = addCommentItem(shippedDefinition('pagaende', SV_EN));
    const q = questionIn(draft, 'stod_till_hjalp');
    q.description = { sv: 'Ny hjälptext.', en: 'New help text.' };
    q.isRequired = false;
    draft.survey.pages.reverse();
    draft.meta.scored.find((s) => s.name === 'stod_till_hjalp')!.labels = undefined;
    expect(newSeries(draft, [v1])).toEqual([]);
  });

  it('compares as jsonb: key order ignored, array order kept, a missing property equals null', () => {
    const v1 = shippedDefinition('pagaende', SV_EN);
    const draft = shippedDefinition('pagaende', SV_EN);
    const q = questionIn(draft, 'stod_till_hjalp');
    q.title = { en: q.title.en!, sv: q.title.sv! }; // same texts, other key order
    q.choices = q.choices.map((c) => ({ text: c.text, value: c.value }));
    expect(newSeries(draft, [v1])).toEqual([]);
    q.choices = [...q.choices].reverse();
    expect(newSeries(draft, [v1])).toEqual(['stod_till_hjalp']);
    expect(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, {}], a: 1 })).toBe(false);
    expect(jsonEqual({ a: null }, { a: null })).toBe(true);
    expect(jsonEqual(undefined, null)).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it('a wording that returns to an older version continues that version, not the one in between', () => {
    const v1 = shippedDefinition('pagaende', SV_EN);
    const v2 = shippedDefinition('pagaende', SV_EN);
    questionIn(v2, 'stod_till_hjalp').title.sv = 'Min coach har hjälpt mig.';
    const draft = shippedDefinition('pagaende', SV_EN);
    const series = itemSeries(side(draft), [side(v1, 1), side(v2, 2)]);
    expect(series.find((s) => s.name === 'stod_till_hjalp')).toEqual({ name: 'stod_till_hjalp', continues: [1] });
    expect(series.find((s) => s.name === 'paverka_plan')).toEqual({ name: 'paverka_plan', continues: [1, 2] });
  });
});
