import { questionsOf, type DefinitionMeta, type QuestionJson, type SurveyJson } from '../surveys/definition.ts';
import { csvCell, csvText, type CsvStyle } from '../views/csv.ts';
import { SPECIAL_VALUE_CODES } from './missing-codes.ts';
import type { TextState, TextStatus } from '../surveys/translation-review.ts';

export interface Text2 {
  sv: string;
  en: string;
}

export interface CodebookValue extends Text2 {
  value: string;
  /** Stored as given but counted as missing in figures (meta.scored[].missing). */
  missing: boolean;
  /** The number a text value (e.g. "none") becomes when a syntax file loads the question as numeric. */
  code?: number;
}

/** One answerable question of one definition version, described for researchers. */
export interface CodebookRow {
  survey: string;
  version: number;
  variable: string;
  type: string;
  wording: Text2;
  scored: boolean;
  scale: { min: number; max: number } | null;
  values: CodebookValue[];
  /** Codes counted as missing; "not answered" is always an empty cell and is not listed here. */
  missingCodes: string[];
  /** May identify people: kept out of researcher downloads by default. */
  freeText: boolean;
  required: boolean;
  /** Shown only under a condition (visibleIf/enableIf/requiredIf on it or a parent). */
  conditional: boolean;
  /** Loaded as a number by the syntax files: every value is a number or a special answer with a code. */
  numeric: boolean;
  /**
   * The question's texts changed since the previous version: per language whether it was edited,
   * reviewed after another language changed, or published unreviewed (translation-review.ts).
   */
  review?: WordingReview[];
}

export interface WordingReview {
  lang: string;
  state: TextState;
}

/** Per language of a question, the weakest state of its changed texts: unreviewed, else reviewed, else edited. */
export function wordingReview(statuses: TextStatus[]): Map<string, WordingReview[]> {
  const rank: Record<TextState, number> = { unreviewed: 0, reviewed: 1, edited: 2 };
  const byItem = new Map<string, Map<string, TextState>>();
  for (const s of statuses) {
    if (!s.item) continue;
    const langs = byItem.get(s.item) ?? new Map<string, TextState>();
    const was = langs.get(s.lang);
    if (was === undefined || rank[s.state] < rank[was]) langs.set(s.lang, s.state);
    byItem.set(s.item, langs);
  }
  return new Map(
    [...byItem].map(([item, langs]) => [item, [...langs].sort().map(([lang, state]) => ({ lang, state }))]),
  );
}

/** "sv=edited; en=reviewed" for the CSV (empty when the question's texts did not change). */
export const reviewText = (review: WordingReview[] | undefined) =>
  (review ?? []).map((r) => `${r.lang}=${r.state}`).join('; ');

/** What a codebook needs of a definition: our metadata (key, version, scoring) and the SurveyJS JSON. */
export interface CodebookSource {
  meta: DefinitionMeta;
  json: SurveyJson;
}

export const NOT_ANSWERED: Text2 = { sv: 'Ej besvarad = tom cell', en: 'Not answered = empty cell' };
export const FREE_TEXT_NOTE: Text2 = {
  sv: 'Fritext: kan peka ut personer, ingår inte i forskarnedladdningar som standard',
  en: 'Free text: may identify people, kept out of researcher downloads by default',
};

// Elements with a name that collect no answer from the participant.
const NOT_ANSWERABLE = new Set(['html', 'image', 'expression']);
const MULTIPLE = new Set(['checkbox', 'tagbox', 'ranking']);

// SurveyJS's special items: the value it stores, the property holding its text, and our fallback
// wording for when the definition leaves the text to survey-core's locale.
const SPECIAL_ITEMS = [
  { show: 'showNoneItem', value: 'none', text: 'noneText', fallback: { sv: 'Ingen', en: 'None' } },
  {
    show: 'showOtherItem',
    value: 'other',
    text: 'otherText',
    fallback: { sv: 'Annat (beskriv)', en: 'Other (describe)' },
  },
  {
    show: 'showRefuseItem',
    value: 'refused',
    text: 'refuseText',
    fallback: { sv: 'Vill inte svara', en: 'Refuse to answer' },
  },
  { show: 'showDontKnowItem', value: 'dontknow', text: 'dontKnowText', fallback: { sv: 'Vet inte', en: "Don't know" } },
] as const;

/** A SurveyJS localisable string ("text" or {default, sv, en}) as Swedish and English. */
function localised(raw: unknown, fallback: Text2): Text2 {
  if (typeof raw === 'string') return { sv: raw, en: raw };
  if (raw && typeof raw === 'object') {
    const t = raw as Record<string, unknown>;
    const pick = (k: string) => (typeof t[k] === 'string' && t[k] !== '' ? (t[k] as string) : undefined);
    const sv = pick('sv') ?? pick('default');
    const en = pick('en') ?? pick('default');
    if (sv || en) return { sv: sv ?? en!, en: en ?? sv! };
  }
  return fallback;
}

function same(text: string): Text2 {
  return { sv: text, en: text };
}

/** Choice-like items ([1, 2] or [{ value, text }]) as value and texts, in order. */
function items(list: unknown): { value: string; text: Text2 }[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    if (item && typeof item === 'object' && 'value' in item) {
      const value = String((item as { value: unknown }).value);
      return { value, text: localised((item as { text?: unknown }).text, same(value)) };
    }
    return { value: String(item), text: same(String(item)) };
  });
}

function ratingItems(q: QuestionJson): { value: string; text: Text2 }[] {
  if (Array.isArray(q.rateValues) && q.rateValues.length > 0) return items(q.rateValues);
  const min = typeof q.rateMin === 'number' ? q.rateMin : 1;
  const max = typeof q.rateMax === 'number' ? q.rateMax : 5;
  const step = typeof q.rateStep === 'number' && q.rateStep > 0 ? q.rateStep : 1;
  const out: { value: string; text: Text2 }[] = [];
  for (let v = min; v <= max; v += step) out.push({ value: String(v), text: same(String(v)) });
  // The end descriptions are the only words a participant sees on a plain numeric scale.
  const first = out[0];
  const last = out[out.length - 1];
  if (first && q.minRateDescription) first.text = labelled(first.value, localised(q.minRateDescription, first.text));
  if (last && q.maxRateDescription) last.text = labelled(last.value, localised(q.maxRateDescription, last.text));
  return out;
}

function labelled(value: string, text: Text2): Text2 {
  return { sv: `${value} – ${text.sv}`, en: `${value} – ${text.en}` };
}

// A plain boolean is stored as JSON true/false and written as 1/0 in every CSV.
function booleanItems(q: QuestionJson): { value: string; text: Text2 }[] {
  const yes = q.valueTrue === undefined ? '1' : String(q.valueTrue);
  const no = q.valueFalse === undefined ? '0' : String(q.valueFalse);
  return [
    { value: yes, text: localised(q.labelTrue, { sv: 'Ja', en: 'Yes' }) },
    { value: no, text: localised(q.labelFalse, { sv: 'Nej', en: 'No' }) },
  ];
}

/** The answer values a question can store, with the texts the participant saw. */
function answerItems(q: QuestionJson): { value: string; text: Text2 }[] {
  if (q.type === 'rating') return ratingItems(q);
  if (q.type === 'boolean') return booleanItems(q);
  const out = items(q.choices);
  for (const s of SPECIAL_ITEMS) {
    if (q[s.show] === true) out.push({ value: s.value, text: localised(q[s.text], s.fallback) });
  }
  return out;
}

const isNumber = (value: string) => /^-?\d+(\.\d+)?$/.test(value);

/** Whether an item's single answer is a number, or a special answer ("none") that gets a code. */
function loadsAsNumber(question: QuestionJson, values: { value: string }[], freeText: boolean): boolean {
  if (freeText || MULTIPLE.has(question.type) || !values.some((v) => isNumber(v.value))) return false;
  return values.every((v) => isNumber(v.value) || v.value in SPECIAL_VALUE_CODES);
}

function rowFor(meta: DefinitionMeta, question: QuestionJson, conditional: boolean): CodebookRow {
  const scoring = meta.scored.find((s) => s.name === question.name);
  const missingCodes = (scoring?.missing ?? []).map(String);
  const freeText = meta.freeText.includes(question.name);
  const items = answerItems(question);
  const numeric = loadsAsNumber(question, items, freeText);
  const values = items.map(({ value, text }) => ({
    value,
    // The metadata's scale labels are written for codebooks and charts; prefer them.
    ...(scoring?.labels?.[value] ?? text),
    missing: missingCodes.includes(value),
    ...(numeric && !isNumber(value) ? { code: SPECIAL_VALUE_CODES[value] } : {}),
  }));
  return {
    survey: meta.key,
    version: meta.version,
    variable: question.name,
    type: question.type,
    wording: localised(question.title ?? question.label, same(question.name)),
    scored: scoring !== undefined,
    scale: scoring ? { min: scoring.min, max: scoring.max } : null,
    values,
    missingCodes,
    freeText,
    required: question.isRequired === true,
    conditional,
    numeric,
  };
}

/** One row per answerable question of a definition version, in the order participants meet them. */
export function codebookRows(definition: CodebookSource): CodebookRow[] {
  return questionsOf(definition.json)
    .filter(({ question }) => !NOT_ANSWERABLE.has(question.type))
    .map(({ question, conditional }) => rowFor(definition.meta, question, conditional));
}

const CSV_HEADER = [
  'survey',
  'version',
  'variable',
  'type',
  'wording_sv',
  'wording_en',
  'scored',
  'scale_min',
  'scale_max',
  'values_sv',
  'values_en',
  'missing_codes',
  'free_text',
  'required',
  'conditional',
  'numeric',
  'note',
  'wording_review',
];

// 1/0, the boolean format of every CSV download.
const flag = (b: boolean) => (b ? '1' : '0');
/** "code = label" joined with " | "; a text value loaded as a number shows it: "none [-991] = Vet inte". */
export const valueList = (values: CodebookValue[], lang: 'sv' | 'en') =>
  values.map((v) => `${v.value}${v.code === undefined ? '' : ` [${v.code}]`} = ${v[lang]}`).join(' | ');

function notes(r: CodebookRow): string {
  const out: string[] = [];
  if (MULTIPLE.has(r.type)) out.push('several values may be chosen: the answer is a list joined with |');
  if (r.freeText) out.push(FREE_TEXT_NOTE.en);
  return out.join(' | ');
}

function csvRow(r: CodebookRow): string[] {
  const missing = [...r.missingCodes, '(empty) = not answered'].join(' | ');
  return [
    r.survey,
    String(r.version),
    r.variable,
    r.type,
    r.wording.sv,
    r.wording.en,
    flag(r.scored),
    r.scale ? String(r.scale.min) : '',
    r.scale ? String(r.scale.max) : '',
    valueList(r.values, 'sv'),
    valueList(r.values, 'en'),
    missing,
    flag(r.freeText),
    flag(r.required),
    flag(r.conditional),
    flag(r.numeric),
    notes(r),
    reviewText(r.review),
  ].map(csvCell);
}

/**
 * The codebook as CSV, UTF-8 with BOM, one line per question: values as "code = label" joined
 * with " | ". "comma" or "semicolon" picks the separator (the codebook has no decimals). `after`:
 * lines of a table that follows the questions (the answer languages), ready-made cells.
 */
export function codebookCsv(rows: CodebookRow[], style: CsvStyle, after: string[][] = []): string {
  return csvText([CSV_HEADER, ...rows.map(csvRow), ...after], style);
}
