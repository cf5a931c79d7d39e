import { describe, expect, it } from 'vitest';
import { checkDraft, checkDraftText, publishVerdict, type Finding } from '../../src/surveys/definition-rules.ts';
import { parseJsonText, tokenizeJson } from '../../src/surveys/json-text.ts';
import { addCommentItem, questionIn, shippedDefinition, SV_EN } from '../support/definitions.ts';

const base = () => {
  const f = shippedDefinition('pagaende', SV_EN);
  return { json: f.survey, meta: f.meta as Record<string, unknown> };
};
const ids = (findings: Finding[], severity?: Finding['severity']) =>
  findings.filter((f) => !severity || f.severity === severity).map((f) => f.id);

describe('definition rules on one version', () => {
  it('the shipped Pågående passes with no findings, also against itself', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    expect(checkDraft(draft).findings).toEqual([]);
    expect(checkDraft(draft, { base: base(), baseVersion: 1, key: 'pagaende' }).findings).toEqual([]);
  });

  it('a consent text must carry {withdrawalAnswers} (what happens to sent answers), in every language', () => {
    const consent = shippedDefinition('samtycke-forskning', SV_EN);
    expect(checkDraft(consent).findings).toEqual([]);
    const text = JSON.stringify(consent);
    const without = JSON.parse(text.replaceAll('{withdrawalAnswers}', ''));
    expect(ids(checkDraft(without).findings, 'error')).toEqual(['rule:withdrawal']);
    const englishOnly = JSON.parse(
      text.replace(/ \{withdrawalAnswers\}<\/p><p><strong>Ansvarig/, '</p><p><strong>Ansvarig'),
    );
    const findings = checkDraft(englishOnly).findings;
    expect(ids(findings, 'error')).toEqual(['rule:withdrawal-lang']);
    expect(findings[0]!.message).toContain('svenska');
    // Surveys need no such sentence.
    expect(checkDraft(shippedDefinition('pagaende', SV_EN)).findings).toEqual([]);
  });

  it('broken JSON is reported with its line and column', () => {
    const text = JSON.stringify(shippedDefinition('pagaende', SV_EN), null, 2).replace(
      '"showQuestionNumbers": "off",',
      '"showQuestionNumbers": "off",,',
    );
    const result = checkDraftText(text);
    expect(result.file).toBeNull();
    const line = text.split('\n').findIndex((l) => l.includes(',,')) + 1;
    expect(result.findings).toEqual([expect.objectContaining({ id: 'json', severity: 'error', line })]);
    expect(result.findings[0]!.message).toMatch(new RegExp(`rad ${line}, kolumn \\d+`));
    const trailing = parseJsonText('{\n  "a": 1,\n}');
    expect(trailing).toMatchObject({ ok: false, line: 3, column: 1 });
    expect(parseJsonText('{"a": "b')).toMatchObject({ ok: false, line: 1 });
  });

  it('an unknown question type is named, with the line of the question', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    questionIn(draft, 'mer_redo').type = 'sliderx';
    const text = JSON.stringify(draft, null, 2);
    const { findings } = checkDraftText(text);
    const f = findings.find((x) => x.kind === 'surveyjs')!;
    expect(f.message).toBe('Okänd frågetyp "sliderx" (frågan "mer_redo").');
    expect(text.split('\n')[f.line! - 1]).toContain('"name": "mer_redo"');
  });

  it('a scored item must keep a scale matching its metadata', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    questionIn(draft, 'paverka_plan').choices.pop();
    const { findings } = checkDraft(draft);
    expect(ids(findings, 'error')).toContain('scale:paverka_plan');
    expect(findings.find((f) => f.id === 'scale:paverka_plan')!.message).toMatch(/1, 2, 3, 4, 5.*1–6/);
  });

  it('metadata is checked with our zod schema, and the key may not change', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    (draft.meta as Record<string, unknown>).colour = 'red';
    expect(checkDraft(draft).findings.map((f) => f.kind)).toContain('meta');
    expect(ids(checkDraft(shippedDefinition('pagaende', SV_EN), { key: 'avslut' }).findings)).toContain('meta:key');
    expect(ids(checkDraft({ survey: {} }).findings)).toEqual(['shape']);
  });
});

describe('definition rules across versions', () => {
  it('adding an unscored item needs no confirmation', () => {
    const { findings } = checkDraft(addCommentItem(shippedDefinition('pagaende', SV_EN)), { base: base() });
    expect(findings).toEqual([]);
  });

  it('re-scaling a scored item (metadata and choices) needs a confirmation', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    questionIn(draft, 'mer_redo').choices.pop();
    draft.meta.scored.find((s) => s.name === 'mer_redo')!.max = 5;
    const { findings } = checkDraft(draft, { base: base(), baseVersion: 1 });
    expect(ids(findings)).toEqual(['rescaled:mer_redo']);
    expect(findings[0]!.message).toContain('1–6 → 1–5');
    expect(publishVerdict(findings, [])).toMatchObject({ ok: false, code: 'CONFIRMATION_REQUIRED' });
    expect(publishVerdict(findings, ['rescaled:mer_redo'])).toEqual({ ok: true, confirmed: ['rescaled:mer_redo'] });
  });

  it('removing, renaming and rewording scored items each need a confirmation, per language', () => {
    const draft = shippedDefinition('pagaende', SV_EN);
    draft.survey.pages = draft.survey.pages.filter((p) => p.elements[0]!.name !== 'stod_kontakter');
    draft.meta.scored = draft.meta.scored.filter((s) => s.name !== 'stod_kontakter');
    questionIn(draft, 'paverka_plan').title.sv = 'Jag har fått vara med och bestämma över min plan.';
    questionIn(draft, 'tid_som_behovs').name = 'tid_behovs';
    draft.meta.scored.find((s) => s.name === 'tid_som_behovs')!.name = 'tid_behovs';
    const { findings } = checkDraft(draft, { base: base() });
    expect(ids(findings, 'confirm').sort()).toEqual([
      'removed:stod_kontakter',
      'renamed:tid_som_behovs',
      'reworded:paverka_plan:sv',
      // The English title was not touched when the Swedish changed: to be reviewed.
      'translation:q:paverka_plan.title:en',
    ]);
    expect(ids(findings, 'error')).toEqual([]);
    // Lines point at the question in the survey, not at its entry in meta.scored.
    const text = JSON.stringify(draft, null, 2);
    const reworded = checkDraftText(text, { base: base() }).findings.find((f) => f.id === 'reworded:paverka_plan:sv')!;
    expect(text.split('\n')[reworded.line! - 1]).toContain('"name": "paverka_plan"');
    expect(reworded.line).toBeGreaterThan(text.split('\n').findIndex((l) => l.includes('"survey"')));
  });

  it('locked wording: a text edit is an error until unlocked; then it needs a confirmation', () => {
    const locked = base();
    locked.meta.lockedWording = true;
    const draft = shippedDefinition('pagaende', SV_EN);
    draft.meta.lockedWording = true;
    questionIn(draft, 'mer_redo').choices[0]!.text.en = '1 – Not at all';
    const refused = checkDraft(draft, { base: locked }).findings;
    expect(ids(refused)).toEqual(['locked:mer_redo:en', 'translation:q:mer_redo.choices[1].text:sv']);
    expect(publishVerdict(refused, ['locked:mer_redo:en'])).toMatchObject({ ok: false, code: 'WORDING_LOCKED' });
    expect(ids(checkDraft(draft, { base: locked, unlocked: true }).findings)).toEqual([
      'reworded:mer_redo:en',
      'translation:q:mer_redo.choices[1].text:sv',
    ]);
    // Dropping the lock flag itself is a text-protection change too.
    const unflagged = shippedDefinition('pagaende', SV_EN);
    expect(ids(checkDraft(unflagged, { base: locked }).findings)).toEqual(['locked:flag']);
  });
});

describe('JSON tokenizer for highlighting', () => {
  it('gives back the text exactly, with keys told from strings', () => {
    const text = '{\n  "a": [1, -2.5e3, true, null, "x\\"y"],\n  "b": oops\n}';
    const tokens = tokenizeJson(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    expect(tokens.filter((t) => t.kind === 'key').map((t) => t.text)).toEqual(['"a"', '"b"']);
    expect(tokens.find((t) => t.kind === 'other')?.text).toBe('oops');
  });
});
