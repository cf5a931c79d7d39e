/**
 * A readable diff between two versions of a definition: questions added, removed and changed,
 * with wording changes per language, scale and choice changes. Pure; the rules in
 * definition-rules.ts classify the same changes for publishing.
 */
import { choiceValues, ratingValues } from './answers-schema.ts';
import { questionsOf, type QuestionJson, type SurveyJson } from './definition.ts';
import { textsOf } from './texts-of.ts';

export { textsOf };

/** One side of a comparison. meta is read defensively: a draft's metadata may still be invalid. */
export interface DefinitionSide {
  json: SurveyJson;
  meta: Record<string, unknown>;
}

/** Texts a participant reads, compared per language. */
export const TEXT_FIELDS = [
  'title',
  'description',
  'noneText',
  'otherText',
  'labelTrue',
  'labelFalse',
  'minRateDescription',
  'maxRateDescription',
  'html',
] as const;

export type ChangeField =
  | (typeof TEXT_FIELDS)[number]
  | 'choiceText'
  | 'type'
  | 'values'
  | 'scale'
  | 'scored'
  | 'required'
  | 'occasions'
  | 'freeText'
  | 'lockedWording';
export interface FieldChange {
  field: ChangeField;
  /** For wording: the language ("sv", "en", or "default" for a text without languages). */
  lang?: string;
  before: string;
  after: string;
}
export interface ItemDiff {
  name: string;
  status: 'added' | 'removed' | 'changed';
  /** Scored in either version. */
  scored: boolean;
  changes: FieldChange[];
}
export interface DefinitionDiff {
  items: ItemDiff[];
  /** Metadata changes: title per language, occasions, locked wording, free text. */
  meta: FieldChange[];
  unchanged: number;
}

interface ScoredMeta {
  name: string;
  min: number;
  max: number;
}
function scoredOf(meta: Record<string, unknown>): Map<string, ScoredMeta> {
  const list = Array.isArray(meta.scored) ? (meta.scored as ScoredMeta[]) : [];
  return new Map(list.filter((s) => s && typeof s.name === 'string').map((s) => [s.name, s]));
}

/** The answer values a question offers, as text ("1, 2, 3, none"). */
export function valuesOf(q: QuestionJson): string {
  try {
    const values = q.type === 'rating' ? ratingValues(q) : Array.isArray(q.choices) ? choiceValues(q, 'choices') : [];
    return values.map(String).join(', ');
  } catch {
    return '';
  }
}

function choiceTexts(q: QuestionJson): Map<string, Record<string, string>> {
  const list = Array.isArray(q.choices)
    ? (q.choices as unknown[])
    : Array.isArray(q.rateValues)
      ? (q.rateValues as unknown[])
      : [];
  const out = new Map<string, Record<string, string>>();
  for (const c of list) {
    if (c !== null && typeof c === 'object')
      out.set(String((c as { value: unknown }).value), textsOf((c as { text?: unknown }).text));
    else out.set(String(c), {});
  }
  return out;
}

/** Wording changes of one text field, per language. */
function textChanges(field: ChangeField, a: unknown, b: unknown): FieldChange[] {
  const ta = textsOf(a);
  const tb = textsOf(b);
  const langs = [...new Set([...Object.keys(ta), ...Object.keys(tb)])].sort();
  return langs
    .filter((l) => ta[l] !== tb[l])
    .map((lang) => ({ field, lang, before: ta[lang] ?? '', after: tb[lang] ?? '' }));
}

/** Choice texts changed, per language: only the choices whose text differs. */
function choiceTextChanges(a: QuestionJson, b: QuestionJson): FieldChange[] {
  const ca = choiceTexts(a);
  const cb = choiceTexts(b);
  const perLang = new Map<string, { before: string[]; after: string[] }>();
  for (const value of [...new Set([...ca.keys(), ...cb.keys()])]) {
    if (!ca.has(value) || !cb.has(value)) continue; // added or removed values show as a values change
    for (const c of textChanges('choiceText', ca.get(value), cb.get(value))) {
      const entry = perLang.get(c.lang!) ?? { before: [], after: [] };
      entry.before.push(`${value}: ${c.before}`);
      entry.after.push(`${value}: ${c.after}`);
      perLang.set(c.lang!, entry);
    }
  }
  return [...perLang].map(([lang, e]) => ({
    field: 'choiceText',
    lang,
    before: e.before.join('; '),
    after: e.after.join('; '),
  }));
}

const scaleText = (s: ScoredMeta | undefined) => (s ? `${s.min}–${s.max}` : '');

function compareItem(
  a: QuestionJson,
  b: QuestionJson,
  sa: ScoredMeta | undefined,
  sb: ScoredMeta | undefined,
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (a.type !== b.type) changes.push({ field: 'type', before: a.type, after: b.type });
  if (Boolean(sa) !== Boolean(sb))
    changes.push({
      field: 'scored',
      before: sa ? 'poängsatt' : 'inte poängsatt',
      after: sb ? 'poängsatt' : 'inte poängsatt',
    });
  else if (sa && sb && (sa.min !== sb.min || sa.max !== sb.max))
    changes.push({ field: 'scale', before: scaleText(sa), after: scaleText(sb) });
  const [va, vb] = [valuesOf(a), valuesOf(b)];
  if (va !== vb) changes.push({ field: 'values', before: va, after: vb });
  if (Boolean(a.isRequired) !== Boolean(b.isRequired))
    changes.push({ field: 'required', before: a.isRequired ? 'ja' : 'nej', after: b.isRequired ? 'ja' : 'nej' });
  for (const f of TEXT_FIELDS) changes.push(...textChanges(f, a[f], b[f]));
  changes.push(...choiceTextChanges(a, b));
  return changes;
}

function metaChanges(a: Record<string, unknown>, b: Record<string, unknown>): FieldChange[] {
  const changes = textChanges('title', a.title, b.title);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : '');
  for (const field of ['occasions', 'freeText'] as const) {
    if (list(a[field]) !== list(b[field])) changes.push({ field, before: list(a[field]), after: list(b[field]) });
  }
  if (Boolean(a.lockedWording) !== Boolean(b.lockedWording)) {
    changes.push({
      field: 'lockedWording',
      before: a.lockedWording ? 'låst' : 'olåst',
      after: b.lockedWording ? 'låst' : 'olåst',
    });
  }
  return changes;
}

/** Compares version a (older) with version b (newer). Items keep b's order; removed ones come last. */
export function diffDefinitions(a: DefinitionSide, b: DefinitionSide): DefinitionDiff {
  const qa = new Map(questionsOf(a.json).map(({ question }) => [question.name, question]));
  const qb = new Map(questionsOf(b.json).map(({ question }) => [question.name, question]));
  const [sa, sb] = [scoredOf(a.meta), scoredOf(b.meta)];
  const items: ItemDiff[] = [];
  let unchanged = 0;
  for (const [name, q] of qb) {
    const old = qa.get(name);
    const scored = sa.has(name) || sb.has(name);
    if (!old) {
      items.push({ name, status: 'added', scored, changes: [] });
      continue;
    }
    const changes = compareItem(old, q, sa.get(name), sb.get(name));
    if (changes.length) items.push({ name, status: 'changed', scored, changes });
    else unchanged++;
  }
  for (const name of qa.keys())
    if (!qb.has(name)) items.push({ name, status: 'removed', scored: sa.has(name), changes: [] });
  return { items, meta: metaChanges(a.meta, b.meta), unchanged };
}

/** The questions of a definition by name (for titles in the rules' messages). */
export function questionMap(json: SurveyJson): Map<string, QuestionJson> {
  return new Map(questionsOf(json).map(({ question }) => [question.name, question]));
}
