/**
 * The form editor's operations on a definition file ({meta, survey}), without the page: pages and
 * questions added, removed, moved and retyped, texts set per language, names kept unique and the
 * metadata (scored items, free text) kept in step with the questions. Pure: tests run it in Node.
 */
import { localesOf } from './locales.ts';
import type { EditorSchema } from '../surveys/property-schema.ts';

export type Json = Record<string, unknown>;
export interface DefinitionFile {
  meta: Json;
  survey: Json;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The survey's pages; a survey written as a bare element list becomes one page first. */
export function pagesOf(file: DefinitionFile): Json[] {
  if (!Array.isArray(file.survey.pages)) {
    const elements = Array.isArray(file.survey.elements) ? file.survey.elements : [];
    delete file.survey.elements;
    file.survey.pages = [{ name: 'sida1', elements }];
  }
  return (file.survey.pages as unknown[]).filter(isObject);
}

export function elementsOf(container: Json): Json[] {
  if (!Array.isArray(container.elements)) container.elements = [];
  return container.elements as Json[];
}

/** Every element name in the file (questions, panels, pages), for unique new names. */
function namesIn(file: DefinitionFile): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      if (typeof v.name === 'string') names.add(v.name);
      walk(v.elements);
      walk(v.pages);
    }
  };
  walk(file.survey);
  return names;
}

export function uniqueName(file: DefinitionFile, stem: string): string {
  const names = namesIn(file);
  for (let n = 1; ; n++) if (!names.has(`${stem}${n}`)) return `${stem}${n}`;
}

/** The definition's languages: Swedish first, English next, then the others alphabetically. */
export function languagesOf(file: DefinitionFile): string[] {
  const found = localesOf(file.survey, localesOf(file.meta.title));
  found.delete('default');
  const rest = [...found].filter((l) => l !== 'sv' && l !== 'en').sort();
  return ['sv', ...(found.has('en') ? ['en'] : []), ...rest];
}

/** A text in one language; an empty text is removed, and an empty text object with it. */
export function setText(owner: Json, prop: string, lang: string, value: string): void {
  const current = owner[prop];
  const texts: Record<string, string> = isObject(current)
    ? ({ ...current } as Record<string, string>)
    : typeof current === 'string'
      ? { sv: current }
      : {};
  if (value === '') delete texts[lang];
  else texts[lang] = value;
  if (Object.keys(texts).length === 0) delete owner[prop];
  else owner[prop] = texts;
}

export function textIn(owner: Json, prop: string, lang: string): string {
  const v = owner[prop];
  if (typeof v === 'string') return lang === 'sv' ? v : '';
  return isObject(v) && typeof v[lang] === 'string' ? (v[lang] as string) : '';
}

export function move<T>(list: T[], from: number, to: number): boolean {
  if (to < 0 || to >= list.length || from === to) return false;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item!);
  return true;
}

const CHOICE_TYPES = new Set(['radiogroup', 'checkbox', 'dropdown', 'tagbox']);
export const hasChoices = (type: string) => CHOICE_TYPES.has(type);

function starterChoices(langs: string[]): Json[] {
  return [1, 2, 3].map((value) => ({
    value,
    text: Object.fromEntries(langs.map((l) => [l, l === 'sv' ? `Alternativ ${value}` : `Option ${value}`])),
  }));
}

/** A new question of a type, with a unique name and empty texts to fill in. */
export function newQuestion(file: DefinitionFile, type: string): Json {
  const langs = languagesOf(file);
  const q: Json = { type, name: uniqueName(file, type === 'html' ? 'info' : 'fraga') };
  if (type === 'html') q.html = { sv: 'Skriv texten här.' };
  else q.title = { sv: 'Skriv frågan här.' };
  if (hasChoices(type)) q.choices = starterChoices(langs);
  if (type === 'rating') Object.assign(q, { rateMin: 1, rateMax: 6 });
  return q;
}

/** Changes a question's type, keeping what the new type also allows and giving it what it needs. */
export function retype(file: DefinitionFile, q: Json, type: string, schema: EditorSchema): void {
  const allowed = new Set((schema.types[type] ?? []).map((p) => p.name));
  for (const key of Object.keys(q)) if (!allowed.has(key)) delete q[key];
  q.type = type;
  if (hasChoices(type) && !Array.isArray(q.choices)) q.choices = starterChoices(languagesOf(file));
  if (type === 'html' && q.html === undefined) q.html = { sv: 'Skriv texten här.' };
  syncMeta(file);
}

/** Metadata lists follow the questions: an entry for a question no longer there, or of a type that cannot have it, goes. */
export function syncMeta(file: DefinitionFile): void {
  const types = new Map<string, string>();
  const walk = (els: unknown) => {
    if (!Array.isArray(els)) return;
    for (const el of els) {
      if (!isObject(el)) continue;
      if (el.type === 'panel') walk(el.elements);
      else if (typeof el.name === 'string' && typeof el.type === 'string') types.set(el.name, el.type);
    }
  };
  for (const page of pagesOf(file)) walk(page.elements);
  const { meta } = file;
  if (Array.isArray(meta.scored))
    meta.scored = meta.scored.filter(
      (s) => isObject(s) && ['radiogroup', 'rating', 'dropdown'].includes(types.get(String(s.name)) ?? ''),
    );
  if (Array.isArray(meta.freeText))
    meta.freeText = meta.freeText.filter((n) => ['text', 'comment'].includes(types.get(String(n)) ?? ''));
}

/** Renames a question (only one not yet published) and its metadata entries. */
export function rename(file: DefinitionFile, q: Json, name: string): void {
  const old = q.name;
  q.name = name;
  const { meta } = file;
  if (Array.isArray(meta.scored)) for (const s of meta.scored) if (isObject(s) && s.name === old) s.name = name;
  if (Array.isArray(meta.freeText)) meta.freeText = meta.freeText.map((n) => (n === old ? name : n));
  if (meta.consentQuestion === old) meta.consentQuestion = name;
  if (meta.helpQuestion === old) meta.helpQuestion = name;
}

export function isFreeText(file: DefinitionFile, name: string): boolean {
  return Array.isArray(file.meta.freeText) && file.meta.freeText.includes(name);
}

export function setFreeText(file: DefinitionFile, name: string, on: boolean): void {
  const list = Array.isArray(file.meta.freeText) ? (file.meta.freeText as string[]).filter((n) => n !== name) : [];
  file.meta.freeText = on ? [...list, name] : list;
}

export function scoredEntry(file: DefinitionFile, name: string): Json | undefined {
  return Array.isArray(file.meta.scored)
    ? (file.meta.scored as unknown[]).filter(isObject).find((s) => s.name === name)
    : undefined;
}
