import { describe, expect, it } from 'vitest';
import { parseTranslationCsv, writeTranslationCsv } from '../../src/surveys/translation-csv.ts';
import {
  applyTranslation,
  previewTranslation,
  translationFileName,
  translationRows,
  TranslationFileError,
  type TranslationRow,
} from '../../src/surveys/translation-files.ts';
import { textUnits } from '../../src/surveys/translation-review.ts';
import { parseTranslationXliff, writeTranslationXliff } from '../../src/surveys/translation-xliff.ts';
import { questionIn, shippedDefinition } from '../support/definitions.ts';

const def = { key: 'pagaende', version: 3 };
/** Texts that break naive writers: quotes, commas, semicolons, newlines, markup, formulas, RTL. */
const hard: TranslationRow[] = [
  {
    key: 'q:a.title',
    context: 'rubriken till frågan "a"',
    sv: 'Hur "bra", tycker du?',
    en: 'How good?',
    target: 'كيف "جيد"، برأيك؟',
  },
  {
    key: 'q:a.choices[1].text',
    context: 'svarsalternativ 1',
    sv: 'Rad ett\nrad två; tre',
    en: '',
    target: 'سطر\r\nثاني',
  },
  { key: 'q:b.title', context: 'x', sv: '=HYPERLINK("http://evil")', en: '+1', target: '-2 & <b>fet</b>' },
  { key: 'q:c.title', context: 'x', sv: "'=already quoted", en: '@SUM(A1)', target: '\tleading tab' },
  { key: 'q:d.title', context: 'x', sv: ' kant ', en: 'plain', target: '' },
  { key: 'q:e.choices[x,y].text', context: 'x', sv: 'ثابت 123 K7F3-9QX2', en: 'e', target: 'نص عربي 12' },
];
const back = (rows: TranslationRow[]) => rows.map(({ key, sv, target }) => ({ key, sv, target }));
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof TranslationFileError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('translation files: CSV', () => {
  it('round-trips quotes, commas, semicolons, newlines, RTL text and formula-looking texts', () => {
    const csv = writeTranslationCsv(hard, 'ar');
    expect(csv.startsWith('\uFEFFkey,context,sv,en,ar\r\n')).toBe(true);
    // CR LF inside a cell reads back as LF (as XML does); everything else exactly.
    const expected = back(hard).map((r) => ({ ...r, target: r.target.replace(/\r\n/g, '\n') }));
    expect(parseTranslationCsv(csv, 'ar')).toEqual({ lang: 'ar', rows: expected });
  });

  it('neutralises formulas: no cell starts with = + - @ or a tab', () => {
    const csv = writeTranslationCsv(hard, 'ar');
    const cells = csv.split(/\r\n/).flatMap((l) => l.split(','));
    for (const c of cells) expect(c.replace(/^"/, '')).not.toMatch(/^[=+\-@\t]/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(`''=already quoted`);
  });

  it('reads a spreadsheet saved with semicolons, and a guard apostrophe the spreadsheet dropped', () => {
    const csv = '\uFEFFkey;context;sv;en;so\r\nq:a.title;x;Hej;Hi;=Salaan\r\nq:b.title;x;"a;b";;\'-x\r\n';
    expect(parseTranslationCsv(csv, 'so').rows).toEqual([
      { key: 'q:a.title', sv: 'Hej', target: '=Salaan' },
      { key: 'q:b.title', sv: 'a;b', target: '-x' },
    ]);
  });

  it('writes English as the target column when English is the language', () => {
    const csv = writeTranslationCsv(hard.slice(0, 1), 'en');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFkey,context,sv,en');
    expect(parseTranslationCsv(csv, 'en').rows[0]!.target).toBe(hard[0]!.target);
  });

  it('refuses other columns, another language, ragged rows, stray quotes and duplicate keys', () => {
    expect(errorOf(() => parseTranslationCsv('key,sv,ar\r\n', 'ar')).sv).toMatch(
      /första raden ska vara key,context,sv,en,ar/,
    );
    expect(errorOf(() => parseTranslationCsv('key,context,sv,en,so\r\n', 'ar')).sv).toMatch(/gäller språket "so"/);
    expect(errorOf(() => parseTranslationCsv('key,context,sv,en,ar\r\nq:a.title,x,y\r\n', 'ar')).en).toBe(
      'Line 2: 3 columns, expected 5.',
    );
    expect(errorOf(() => parseTranslationCsv('key,context,sv,en,ar\nq:a,x,y,z,"open\n', 'ar')).sv).toMatch(
      /stängs aldrig/,
    );
    expect(errorOf(() => parseTranslationCsv('key,context,sv,en,ar\nq:a,x,y"z,w,v\n', 'ar')).sv).toMatch(/citattecken/);
    expect(errorOf(() => parseTranslationCsv('key,context,sv,en,ar\nq:a,x,y,z,w\nq:a,x,y,z,w\n', 'ar')).sv).toBe(
      'Rad 3: nyckeln q:a finns redan på rad 2.',
    );
  });
});

describe('translation files: XLIFF', () => {
  it('writes XLIFF 1.2 with the Swedish source, the target and its state, and notes, and reads it back', () => {
    const xlf = writeTranslationXliff(def, hard, 'ar');
    expect(xlf).toContain('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">');
    expect(xlf).toContain('original="pagaende-v3" source-language="sv" target-language="ar"');
    expect(xlf).toContain('<trans-unit id="q:e.choices[x,y].text" xml:space="preserve">');
    expect(xlf).toContain('<target state="needs-translation"></target>');
    expect(xlf).toContain('<target state="translated">-2 &amp; &lt;b&gt;fet&lt;/b&gt;</target>');
    expect(xlf).toContain('<note from="english">How good?</note>');
    expect(parseTranslationXliff(xlf, 'ar')).toEqual({ lang: 'ar', source: def, rows: back(hard) });
  });

  it('refuses a DOCTYPE and entities before expanding anything (billion laughs, external files)', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>' +
      '<xliff version="1.2"><file source-language="sv" target-language="ar"><body>' +
      '<trans-unit id="q:a.title"><source>&lol2;</source></trans-unit></body></file></xliff>';
    expect(errorOf(() => parseTranslationXliff(laughs, 'ar')).sv).toMatch(/DOCTYPE- eller ENTITY/);
    const external = laughs.replace(/<!DOCTYPE[^\]]*\]>/, '<!DOCTYPE x SYSTEM "file:///etc/passwd">');
    expect(errorOf(() => parseTranslationXliff(external, 'ar')).en).toMatch(/DOCTYPE or ENTITY/);
    const undeclared = writeTranslationXliff(def, hard.slice(0, 1), 'ar').replace('Hur', '&nbsp;Hur');
    expect(errorOf(() => parseTranslationXliff(undeclared, 'ar')).sv).toMatch(/entiteten &nbsp; är inte tillåten/);
    const cdata = writeTranslationXliff(def, hard.slice(0, 1), 'ar').replace('Hur', '<![CDATA[x]]>');
    expect(errorOf(() => parseTranslationXliff(cdata, 'ar')).en).toMatch(/no CDATA/);
  });

  it('refuses elements we do not write, inline markup, another language and broken XML', () => {
    const ok = writeTranslationXliff(def, hard.slice(0, 1), 'ar');
    const cases: [string, RegExp][] = [
      [ok.replace('<body>', '<header/><body>'), /elementet <header> hör inte hit/],
      [ok.replace('كيف', '<g id="1">x</g>'), /<target> får bara innehålla text/],
      [ok.replace('</source>', '</source><source>y</source>'), /ska ha ett <source>/],
      [ok.replace('</trans-unit>', ''), /stänger inget öppet element|stängs aldrig/],
      [ok.replace('<xliff version="1.2"', '<xliff version="2.0"'), /inte XLIFF 1.2/],
      [ok.replace('Hur', 'a & b'), /"&" som inte är &amp;/],
      [ok.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'), /UTF-8/],
    ];
    for (const [text, message] of cases) expect(errorOf(() => parseTranslationXliff(text, 'ar')).sv).toMatch(message);
    expect(errorOf(() => parseTranslationXliff(ok, 'so')).sv).toMatch(/gäller språket "ar", inte "so"/);
  });
});

describe('translation files: preview and apply', () => {
  const file = shippedDefinition('pagaende');
  const rows = translationRows(file, 'so');

  it('lists every participant text once with its Swedish, English and current translation, not the codebook labels', () => {
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.some((r) => r.key.startsWith('meta.scored.'))).toBe(false);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    const title = rows.find((r) => r.key === 'meta.title')!;
    expect(title.sv).toBe(file.meta.title.sv);
    expect(translationFileName(def, 'ar', 'xliff')).toBe('pagaende-v3-ar.xlf');
  });

  it('counts changed, unchanged, empty, missing and unknown texts and flags a changed Swedish source', () => {
    const [a, b, c, d] = rows;
    const parsed = {
      lang: 'so',
      rows: [
        { key: a!.key, sv: a!.sv, target: 'Cusub' },
        { key: b!.key, sv: 'gammal svenska', target: 'Ku cusub' },
        { key: c!.key, sv: c!.sv, target: c!.target },
        { key: d!.key, sv: d!.sv, target: '  ' },
        { key: 'q:finns_inte.title', sv: 'x', target: 'y' },
      ],
    };
    const p = previewTranslation(file, parsed);
    expect(p.changes.map((ch) => [ch.key, ch.old, ch.new, ch.sourceChanged])).toEqual([
      [a!.key, a!.target, 'Cusub', false],
      [b!.key, b!.target, 'Ku cusub', true],
    ]);
    expect({ unchanged: p.unchanged, empty: p.empty, unknown: p.unknown, missing: p.missing }).toEqual({
      unchanged: 1,
      empty: 1,
      unknown: ['q:finns_inte.title'],
      missing: rows.length - 4,
    });
  });

  it('writes the changes in the language only, leaves the input alone, and refuses unknown keys', () => {
    const q = questionIn(file, 'paverka_plan');
    const key = [...textUnits(file).keys()].find((k) => k === 'q:paverka_plan.title')!;
    const out = applyTranslation(file, 'ti', new Map([[key, 'ሓድሽ']]));
    expect(questionIn(out, 'paverka_plan').title).toEqual({ ...q.title, ti: 'ሓድሽ' });
    expect(questionIn(file, 'paverka_plan').title.ti).toBe(q.title.ti);
    expect(() => applyTranslation(file, 'ti', new Map([['meta.scored.x.labels[1]', 'y']]))).toThrow(
      TranslationFileError,
    );
    expect(() => applyTranslation(file, 'sv', new Map([[key, 'y']]))).toThrow(TranslationFileError);
  });
});
