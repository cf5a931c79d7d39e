/**
 * A language's texts for a translator, and the translator's file back (issue 20): which texts go
 * out (every participant-facing text with Swedish words; the codebook's scale labels stay with
 * researchers), what an imported file changes, and the definition with the changes written in.
 * The file formats are translation-xliff.ts and translation-csv.ts. Pure and Web-API-only.
 */
import { LOCALE_TAG } from '../client/locales.ts';
import { textPlace, textUnits, visitTexts } from './translation-review.ts';

export type TranslationFormat = 'xliff' | 'csv';
export const TRANSLATION_FORMATS: readonly TranslationFormat[] = ['xliff', 'csv'];

/** One text as it goes to the translator. */
export interface TranslationRow {
  key: string;
  /** Where the text is, in the admin's words ("rubriken till frågan \"stod_1\""). */
  context: string;
  sv: string;
  /** The English text, a crib for the translator ('' when there is none). */
  en: string;
  /** The current translation ('' when there is none). */
  target: string;
}

/** What a translator's file says: its language, the version it came from (XLIFF), and per text the Swedish it was made from. */
export interface ParsedTranslation {
  lang: string;
  /** From the XLIFF file's `original` ("pagaende-v3"); CSV files do not say. */
  source?: { key: string; version: number };
  rows: { key: string; sv: string; target: string }[];
}

/** A file refused, with the reason in Swedish and English (the staff pages' two languages). */
export class TranslationFileError extends Error {
  constructor(
    readonly sv: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'TranslationFileError';
  }
}

/** Most texts a file may carry (the largest shipped definition has a few hundred). */
export const MAX_TRANSLATION_ROWS = 5000;
/** Longest key: translation-review.ts keys, as meta.reviewedTexts allows them. */
export const MAX_KEY_LENGTH = 400;

/** A language a definition can be translated into: a language tag other than Swedish. */
export const isTargetLang = (lang: string): boolean => LOCALE_TAG.test(lang) && lang !== 'sv' && lang.length <= 20;

interface FileLike {
  meta?: unknown;
  survey?: unknown;
  json?: unknown;
}

const sourceText = (t: Record<string, string>) => t.sv ?? t.default ?? '';

/** The texts a translator gets for `lang`, in the definition's order. */
export function translationRows(file: FileLike, lang: string): TranslationRow[] {
  return [...textUnits(file).values()]
    .filter((u) => !u.key.startsWith('meta.scored.') && sourceText(u.texts).trim() !== '')
    .map((u) => ({
      key: u.key,
      context: textPlace(u),
      sv: sourceText(u.texts),
      en: u.texts.en ?? '',
      target: u.texts[lang] ?? '',
    }));
}

/** "pagaende-v3-ar.xlf" */
export function translationFileName(def: { key: string; version: number }, lang: string, format: TranslationFormat) {
  return `${def.key}-v${def.version}-${lang}.${format === 'xliff' ? 'xlf' : 'csv'}`;
}

export interface TextChange {
  key: string;
  context: string;
  sv: string;
  old: string;
  new: string;
  /** The Swedish in the file is not today's Swedish: the translation may be of an older text. */
  sourceChanged: boolean;
}

export interface TranslationPreview {
  lang: string;
  changes: TextChange[];
  unchanged: number;
  /** Keys in the file that the definition does not have (left out). */
  unknown: string[];
  /** Texts the file leaves empty (left as they are). */
  empty: number;
  /** Texts of the definition the file does not mention (left as they are). */
  missing: number;
}

/** What importing `parsed` into `file` would change; nothing is changed here. */
export function previewTranslation(file: FileLike, parsed: ParsedTranslation): TranslationPreview {
  const current = new Map(translationRows(file, parsed.lang).map((r) => [r.key, r]));
  const out: TranslationPreview = { lang: parsed.lang, changes: [], unchanged: 0, unknown: [], empty: 0, missing: 0 };
  const seen = new Set<string>();
  for (const row of parsed.rows) {
    const now = current.get(row.key);
    if (!now) {
      out.unknown.push(row.key);
      continue;
    }
    seen.add(row.key);
    if (row.target.trim() === '') out.empty++;
    else if (row.target === now.target) out.unchanged++;
    else
      out.changes.push({
        key: row.key,
        context: now.context,
        sv: now.sv,
        old: now.target,
        new: row.target,
        sourceChanged: row.sv !== now.sv,
      });
  }
  out.missing = current.size - seen.size;
  return out;
}

/**
 * The definition with `changes` (key → new text) written in `lang`; the input is not touched.
 * Every key must be a text a translator gets (translationRows), and every text non-empty.
 */
export function applyTranslation<F extends { meta: Record<string, unknown>; survey: Record<string, unknown> }>(
  file: F,
  lang: string,
  changes: ReadonlyMap<string, string>,
): F {
  if (!isTargetLang(lang)) throw new TranslationFileError(`Okänt språk: ${lang}.`, `Unknown language: ${lang}.`);
  const allowed = new Set(translationRows(file, lang).map((r) => r.key));
  for (const [key, text] of changes) {
    if (!allowed.has(key)) throw new TranslationFileError(`Okänd text: ${key}.`, `Unknown text: ${key}.`);
    if (text.trim() === '') throw new TranslationFileError(`Tom text: ${key}.`, `Empty text: ${key}.`);
  }
  const copy = structuredClone(file);
  visitTexts(copy, (key, _field, value) => {
    const text = changes.get(key);
    if (text !== undefined && allowed.has(key)) value[lang] = text;
  });
  return copy;
}
