import { describe, expect, it } from 'vitest';
import {
  elementsOf,
  languagesOf,
  move,
  newQuestion,
  pagesOf,
  rename,
  retype,
  setFreeText,
  setText,
  syncMeta,
  type DefinitionFile,
} from '../../src/client/form-model.ts';
import { editorSchema } from '../../src/surveys/property-schema.ts';
import { checkDraft } from '../../src/surveys/definition-rules.ts';
import { shippedDefinition, SV_EN } from '../support/definitions.ts';

const pagaende = () => shippedDefinition('pagaende', SV_EN) as unknown as DefinitionFile;

describe('form editor operations', () => {
  it('a survey written as a bare element list becomes one page', () => {
    const file: DefinitionFile = { meta: {}, survey: { elements: [{ type: 'text', name: 'a' }] } };
    expect(pagesOf(file)).toEqual([{ name: 'sida1', elements: [{ type: 'text', name: 'a' }] }]);
    expect(file.survey.elements).toBeUndefined();
  });

  it('new questions get unique names and starter texts; the result is still a valid definition', () => {
    const file = pagaende();
    const page = pagesOf(file)[0]!;
    const a = newQuestion(file, 'radiogroup');
    elementsOf(page).push(a);
    const b = newQuestion(file, 'comment');
    elementsOf(page).push(b);
    expect([a.name, b.name]).toEqual(['fraga1', 'fraga2']);
    expect((a.choices as unknown[]).length).toBe(3);
    setFreeText(file, 'fraga2', true);
    const errors = checkDraft(file).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('texts are set per language; an emptied text disappears, and with it an empty text object', () => {
    const q: Record<string, unknown> = { title: { sv: 'Hej', en: 'Hi' } };
    setText(q, 'title', 'en', '');
    expect(q.title).toEqual({ sv: 'Hej' });
    setText(q, 'title', 'sv', '');
    expect('title' in q).toBe(false);
    setText(q, 'description', 'ar', 'مرحبا');
    expect(q.description).toEqual({ ar: 'مرحبا' });
  });

  it('moves stay inside the list and report whether anything moved', () => {
    const list = ['a', 'b', 'c'];
    expect(move(list, 0, -1)).toBe(false);
    expect(move(list, 0, 1)).toBe(true);
    expect(list).toEqual(['b', 'a', 'c']);
    expect(move(list, 2, 3)).toBe(false);
  });

  it('retyping keeps what the new type allows and drops metadata that no longer fits', () => {
    const file = pagaende();
    const q = elementsOf(pagesOf(file)[0]!)[0]!;
    retype(file, q, 'comment', editorSchema());
    expect(q.choices).toBeUndefined();
    expect(q.title).toBeDefined();
    expect((file.meta.scored as { name: string }[]).some((s) => s.name === q.name)).toBe(false);
  });

  it('removing a question drops its metadata entries; renaming carries them along', () => {
    const file = pagaende();
    const pages = pagesOf(file);
    const [first] = elementsOf(pages[0]!).splice(0, 1);
    syncMeta(file);
    expect((file.meta.scored as { name: string }[]).map((s) => s.name)).not.toContain(first!.name);
    const q = elementsOf(pages[1]!)[0]!;
    const old = String(q.name);
    rename(file, q, 'nytt_namn');
    const names = (file.meta.scored as { name: string }[]).map((s) => s.name);
    expect(names).toContain('nytt_namn');
    expect(names).not.toContain(old);
  });

  it('languages: Swedish first, English next, then the others alphabetically', () => {
    const file = pagaende();
    (file.survey.title as Record<string, string>).so = 'Sidee tahay?';
    (file.survey.title as Record<string, string>).ar = 'كيف الحال؟';
    expect(languagesOf(file)).toEqual(['sv', 'en', 'ar', 'so']);
  });
});
