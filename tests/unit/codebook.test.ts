import { describe, expect, it } from 'vitest';
import { codebookCsv, codebookRows, type CodebookSource } from '../../src/research/codebook.ts';
import { definitionFileSchema, definitionMetaSchema } from '../../src/surveys/definition.ts';
import { shippedDefinition, SV_EN } from '../support/definitions.ts';
import { PAGAENDE_ITEMS } from '../support/fixtures.ts';

function load(key: string): CodebookSource {
  // Swedish and English: the codebook's own columns (the shipped translations add theirs alike).
  const file = definitionFileSchema.parse(shippedDefinition(key, SV_EN));
  return { meta: file.meta, json: file.survey };
}

const decode = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n');

describe('codebookRows', () => {
  it('pagaende: seven scored 1–6 items in order, labels from the metadata, "none" as missing', () => {
    const rows = codebookRows(load('pagaende'));
    expect(rows.map((r) => r.variable)).toEqual([...PAGAENDE_ITEMS]);
    const first = rows[0]!;
    expect(first).toMatchObject({
      survey: 'pagaende',
      version: 1,
      type: 'radiogroup',
      scored: true,
      scale: { min: 1, max: 6 },
      missingCodes: ['none'],
      freeText: false,
      required: true,
      conditional: false,
      wording: {
        sv: 'Stödet från min coach har varit till hjälp för mig.',
        en: 'The support from my coach has been helpful to me.',
      },
    });
    expect(first.values.map((v) => v.value)).toEqual(['1', '2', '3', '4', '5', '6', 'none']);
    expect(first.values[0]).toEqual({ value: '1', sv: 'Aldrig / inte alls', en: 'Never / not at all', missing: false });
    expect(first.values[5]).toMatchObject({ value: '6', sv: 'Alltid / helt och hållet' });
    // A 1–6 scale loads as numbers in SPSS, R and Stata: "none" gets its code there.
    expect(first.numeric).toBe(true);
    expect(first.values[6]).toEqual({
      value: 'none',
      sv: 'Vet inte / vill inte svara',
      en: "Don't know / prefer not to say",
      missing: true,
      code: -991,
    });
  });

  it('avslut: the closing comment is free text, unscored and without values', () => {
    const rows = codebookRows(load('avslut'));
    expect(rows).toHaveLength(11);
    const ovrigt = rows.find((r) => r.variable === 'ovrigt')!;
    expect(ovrigt).toMatchObject({
      type: 'comment',
      freeText: true,
      scored: false,
      scale: null,
      values: [],
      missingCodes: [],
      required: false,
    });
    expect(rows.filter((r) => r.freeText).map((r) => r.variable)).toEqual(['ovrigt']);
  });

  it('wai: background questions, the 0–10 rating and the checkbox groups with their "none" items', () => {
    const rows = codebookRows(load('wai'));
    const by = new Map(rows.map((r) => [r.variable, r]));
    expect(rows[0]!.variable).toBe('bakgrund_alder');
    expect(by.get('bakgrund_alder')).toMatchObject({ scored: false, scale: null });
    const rating = by.get('wai_1_formaga')!;
    expect(rating).toMatchObject({ type: 'rating', scored: true, scale: { min: 0, max: 10 } });
    expect(rating.values.map((v) => v.value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(rating.values[0]!.sv).toBe('0 – Kan inte arbeta alls');
    expect(rating.values[10]!.en).toBe('10 – Best ever');
    const diagnoses = by.get('wai_3_lakardiagnos')!;
    expect(diagnoses.type).toBe('checkbox');
    expect(codebookCsv([diagnoses], 'comma')).toContain(
      ',0,0,0,0,several values may be chosen: the answer is a list joined with |,\r\n',
    );
    expect(diagnoses.values).toHaveLength(15);
    // Here "none" is a real answer (no diagnosis), not missing: the metadata does not say otherwise.
    expect(diagnoses.values.at(-1)).toMatchObject({
      value: 'none',
      sv: expect.stringMatching(/^Ingen av dessa/),
      missing: false,
    });
    expect(by.get('wai_3_egen_bedomning')!.values.at(-1)).toMatchObject({ value: 'none', sv: 'Nej, inga andra' });
    expect(by.get('wai_4_hinder')!.values.map((v) => v.value)).toEqual(['6', '5', '4', '3', '2', '1']);
    expect(by.get('wai_6_prognos')!.values.map((v) => `${v.value}=${v.sv}`)).toEqual([
      '1=Knappast',
      '4=Jag är inte säker',
      '7=Ja, ganska säkert',
    ]);
  });

  it('samtycke: skips the information html, lists the boolean with Ja/Nej and the signature pad', () => {
    const rows = codebookRows(load('samtycke-forskning'));
    expect(rows.map((r) => `${r.variable}:${r.type}`)).toEqual([
      'samtycker:boolean',
      'svarar_med:radiogroup',
      'underskrift:signaturepad',
    ]);
    expect(rows[0]!.values).toEqual([
      // Stored as true/false, written 1/0 in every CSV: the codebook gives the CSV's values.
      { value: '1', sv: 'Ja', en: 'Yes', missing: false },
      { value: '0', sv: 'Nej', en: 'No', missing: false },
    ]);
  });

  it('reads plain-string texts, rateValues, special items, panels and conditions', () => {
    const meta = definitionMetaSchema.parse({
      key: 'x1',
      version: 3,
      kind: 'survey',
      title: { sv: 'x', en: 'x' },
      occasions: [],
    });
    const json = {
      elements: [
        { type: 'expression', name: 'calc', expression: '1' },
        {
          type: 'panel',
          name: 'p',
          visibleIf: '{a} = 1',
          elements: [{ type: 'rating', name: 'r', title: 'Plain', rateValues: [{ value: 2, text: 'Two' }, 4] }],
        },
        {
          type: 'dropdown',
          name: 'd',
          choices: ['a'],
          showOtherItem: true,
          showRefuseItem: true,
          showDontKnowItem: true,
          dontKnowText: { default: 'DK' },
        },
      ],
    };
    const rows = codebookRows({ meta, json });
    expect(rows.map((r) => r.variable)).toEqual(['r', 'd']);
    expect(rows[0]).toMatchObject({
      survey: 'x1',
      version: 3,
      conditional: true,
      wording: { sv: 'Plain', en: 'Plain' },
    });
    expect(rows[0]!.values.map((v) => `${v.value}=${v.en}`)).toEqual(['2=Two', '4=4']);
    expect(rows[1]!.wording).toEqual({ sv: 'd', en: 'd' });
    expect(rows[1]!.values.map((v) => `${v.value}=${v.sv}`)).toEqual([
      'a=a',
      'other=Annat (beskriv)',
      'refused=Vill inte svara',
      'dontknow=DK',
    ]);
  });
});

describe('codebookCsv', () => {
  it('starts with a BOM, uses CRLF lines and a header; one line per question', () => {
    const csv = codebookCsv(codebookRows(load('pagaende')), 'comma');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = decode(csv).filter(Boolean);
    expect(lines[0]).toBe(
      'survey,version,variable,type,wording_sv,wording_en,scored,scale_min,scale_max,values_sv,values_en,missing_codes,free_text,required,conditional,numeric,note,wording_review',
    );
    expect(lines).toHaveLength(8);
    expect(lines[1]).toMatch(
      /^pagaende,1,stod_till_hjalp,radiogroup,Stödet från min coach har varit till hjälp för mig\.,/,
    );
    expect(lines[1]).toContain(',1,1,6,1 = Aldrig / inte alls | 2 = ');
    expect(lines[1]).toContain('| none [-991] = Vet inte / vill inte svara,');
    expect(lines[1]).toContain(',none | (empty) = not answered,0,1,0,1,');
  });

  it('semicolon style separates with ";" and quotes cells holding separators, quotes or formulas', () => {
    const meta = definitionMetaSchema.parse({
      key: 'x1',
      version: 1,
      kind: 'survey',
      title: { sv: 'x', en: 'x' },
      occasions: [],
      freeText: ['t'],
    });
    const json = {
      elements: [{ type: 'comment', name: 't', title: { sv: '=HYPERLINK("x"); ja, nej', en: '-1 or "two"' } }],
    };
    const lines = decode(codebookCsv(codebookRows({ meta, json }), 'semicolon'));
    expect(lines[0]).toMatch(/^survey;version;variable;type;wording_sv;/);
    expect(lines[1]).toBe(
      `x1;1;t;comment;"'=HYPERLINK(""x""); ja, nej";"'-1 or ""two""";0;;;;;(empty) = not answered;1;0;0;0;` +
        '"Free text: may identify people, kept out of researcher downloads by default";',
    );
  });
  it('lists several versions of a survey in one file, told apart by the version column', () => {
    const v1 = load('pagaende');
    const v2: CodebookSource = { meta: { ...v1.meta, version: 2 }, json: v1.json };
    const lines = decode(codebookCsv([...codebookRows(v2), ...codebookRows(v1)], 'semicolon')).filter(Boolean);
    expect(lines).toHaveLength(1 + 7 + 7);
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 3).join(';'))).toEqual([
      ...PAGAENDE_ITEMS.map((i) => `pagaende;2;${i}`),
      ...PAGAENDE_ITEMS.map((i) => `pagaende;1;${i}`),
    ]);
  });
});
