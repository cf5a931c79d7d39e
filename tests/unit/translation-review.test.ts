import { describe, expect, it } from 'vitest';
import { checkDraft, publishVerdict } from '../../src/surveys/definition-rules.ts';
import { textFingerprint, textUnits, translationStatus, withReview } from '../../src/surveys/translation-review.ts';
import { questionIn, shippedDefinition, SV_EN } from '../support/definitions.ts';

const base = () => {
  const f = shippedDefinition('pagaende', SV_EN);
  return { json: f.survey, meta: f.meta as Record<string, unknown> };
};
const translationIds = (draft: ReturnType<typeof shippedDefinition>) =>
  checkDraft(draft, { base: base(), baseVersion: 1 })
    .findings.filter((f) => f.kind === 'translation')
    .map((f) => f.id);

describe('translation status', () => {
  it('a text changed in Swedish leaves its English to be reviewed, with a message naming both', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    questionIn(draft, 'paverka_plan').title.sv = 'Jag har fått bestämma över min plan.';
    const findings = checkDraft(draft, { base: base(), baseVersion: 1 }).findings;
    const f = findings.find((x) => x.kind === 'translation')!;
    expect(f).toMatchObject({
      id: 'translation:q:paverka_plan.title:en',
      severity: 'confirm',
      item: 'paverka_plan',
      text: 'q:paverka_plan.title',
      lang: 'en',
    });
    expect(f.message).toBe(
      'Engelska: rubriken till frågan "paverka_plan" behöver granskas, eftersom svenska har ändrats jämfört med version 1.',
    );
    // Publishing needs an explicit choice for it.
    expect(publishVerdict(findings, ['reworded:paverka_plan:sv'])).toMatchObject({
      ok: false,
      code: 'CONFIRMATION_REQUIRED',
    });
    expect(publishVerdict(findings, ['reworded:paverka_plan:sv', f.id])).toMatchObject({ ok: true });
  });

  it('editing the other language too, or confirming it, clears the mark; changing the Swedish again brings it back', () => {
    const edited = shippedDefinition('pagaende', SV_EN);
    questionIn(edited, 'paverka_plan').title.sv = 'Jag har fått bestämma över min plan.';
    questionIn(edited, 'paverka_plan').title.en = 'I have decided on my plan.';
    expect(translationIds(edited)).toEqual([]);
    expect(translationStatus({ json: base().json, meta: base().meta }, edited).map((s) => [s.lang, s.state])).toEqual([
      ['en', 'edited'],
      ['sv', 'edited'],
    ]);

    const draft = shippedDefinition('pagaende', SV_EN);
    questionIn(draft, 'paverka_plan').title.sv = 'Jag har fått bestämma över min plan.';
    const unit = textUnits(draft).get('q:paverka_plan.title')!;
    draft.meta = withReview(draft.meta as Record<string, unknown>, unit, 'en') as typeof draft.meta;
    expect(translationIds(draft)).toEqual([]);
    expect(translationStatus(base(), draft).find((s) => s.lang === 'en')?.state).toBe('reviewed');
    // The metadata is still valid (zod) with the record in it.
    expect(checkDraft(draft, { base: base() }).findings.filter((f) => f.severity === 'error')).toEqual([]);

    questionIn(draft, 'paverka_plan').title.sv = 'Jag har bestämt över min plan.';
    expect(translationIds(draft)).toEqual(['translation:q:paverka_plan.title:en']);
  });

  it('choices are keyed by value, questions by name wherever they sit; a new language is not stale', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    questionIn(draft, 'mer_redo').choices[0]!.text.sv = '1 – Inte alls (ändrad)';
    // Moving a question to another page changes no text.
    const pages = draft.survey.pages;
    pages[1]!.elements.push(pages[0]!.elements.shift()!);
    // An Arabic title added in this draft is new, not a translation left behind.
    (questionIn(draft, 'paverka_plan').title as Record<string, string>).ar = 'لقد شاركت في تقرير خطتي.';
    expect(translationIds(draft)).toEqual(['translation:q:mer_redo.choices[1].text:en']);
  });

  it("a text without words in one of the definition's languages is a warning at that language", () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    expect(checkDraft(draft).findings).toEqual([]);
    (draft.survey as unknown as { title: Record<string, string> }).title.ar = 'كيف الحال؟';
    delete (questionIn(draft, 'mer_redo').choices[0]!.text as Record<string, string>).en;
    const missing = checkDraft(draft).findings.filter((f) => f.kind === 'untranslated');
    expect(missing.every((f) => f.severity === 'warning')).toBe(true);
    expect(missing.find((f) => f.id === 'untranslated:q:mer_redo.choices[1].text:en')).toMatchObject({
      message: 'Engelska saknas för svarsalternativ 1 till frågan "mer_redo".',
      item: 'mer_redo',
      lang: 'en',
    });
    // Arabic is now a language of the definition: every other text lacks it, the title does not.
    expect(missing.some((f) => f.id === 'untranslated:q:mer_redo.title:ar')).toBe(true);
    expect(missing.some((f) => f.id === 'untranslated:survey.title:ar')).toBe(false);
    // Warnings do not block publishing.
    expect(publishVerdict(checkDraft(draft).findings, [])).toMatchObject({ ok: true });
  });

  it('a malformed review record is refused by the metadata schema', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    (draft.meta as Record<string, unknown>).reviewedTexts = [{ text: 'q:x.title', lang: 'en', of: 'NOT A HASH' }];
    const errors = checkDraft(draft).findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.kind)).toEqual(['meta']);
  });

  it('the fingerprint depends on every language and not on key order', () => {
    expect(textFingerprint({ sv: 'a', en: 'b' })).toBe(textFingerprint({ en: 'b', sv: 'a' }));
    expect(textFingerprint({ sv: 'a', en: 'b' })).not.toBe(textFingerprint({ sv: 'a', en: 'c' }));
    expect(textFingerprint({ sv: 'a', en: 'b' })).toMatch(/^[0-9a-z]{1,16}$/);
  });
});
