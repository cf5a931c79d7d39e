/**
 * Translation status: when a text changes in one language since the version a draft builds on, its
 * other languages may no longer say the same thing, so each is "to be reviewed" until an admin
 * edits it or confirms it still matches. A confirmation is kept in the draft's metadata
 * (meta.reviewedTexts) with a fingerprint of all the text's languages as confirmed: change any of
 * them again and the confirmation no longer counts. Publishing with a text still unreviewed needs
 * an explicit choice (a 'confirm' finding); the codebook shows, per version, which language texts
 * were edited, reviewed, or published unreviewed. Pure and Web-API-only: the editor shares it.
 */
import { LOCALE_KEY } from '../client/locales.ts';
import { textsOf } from './texts-of.ts';
import { langName, type Finding } from './findings.ts';

/** One text a participant or researcher reads, in all its languages. */
export interface TextUnit {
  /** Where it is, stable across versions and page moves: "q:<item>.title", "q:<item>.choices[2].text", "survey.title". */
  key: string;
  /** The question it belongs to, if any. */
  item?: string;
  /** The property holding it (title, description, text of a choice …). */
  field: string;
  texts: Record<string, string>;
}

export interface ReviewRecord {
  text: string;
  lang: string;
  /** textFingerprint of the text's languages when the admin confirmed. */
  of: string;
}

export type TextState = 'edited' | 'reviewed' | 'unreviewed';
export interface TextStatus {
  key: string;
  item?: string;
  field: string;
  lang: string;
  state: TextState;
  /** The languages whose text changed since the base version. */
  changed: string[];
}

interface FileLike {
  meta?: unknown;
  survey?: unknown;
  json?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const LOCALE = LOCALE_KEY;

/** A localised string: an object of language → string with Swedish or a default text. */
function isLocalised(v: unknown): v is Record<string, string> {
  if (!isObject(v) || !(typeof v.sv === 'string' || typeof v.default === 'string')) return false;
  return Object.entries(v).every(([k, t]) => LOCALE.test(k) && typeof t === 'string');
}

/**
 * Visits every localised text of a definition file ({meta, survey}) or stored version ({meta, json})
 * with its stable key; `value` is the live object (language → text), so a caller may change it.
 */
export function visitTexts(
  file: FileLike,
  visit: (key: string, field: string, value: Record<string, string>, item?: string) => void,
): void {
  const add = (key: string, field: string, value: unknown, item?: string) => {
    if (isLocalised(value)) visit(key, field, value, item);
  };
  const walk = (node: Record<string, unknown>, path: string, item: string | undefined) => {
    for (const [field, value] of Object.entries(node)) {
      if (isLocalised(value)) add(`${path}.${field}`, field, value, item);
      else if (Array.isArray(value)) value.forEach((el, i) => walkElement(el, `${path}.${field}`, i, item));
      else if (isObject(value)) walk(value, `${path}.${field}`, item);
    }
  };
  const walkElement = (el: unknown, path: string, i: number, item: string | undefined) => {
    if (!isObject(el)) return;
    // A question is keyed by its name wherever it sits; a choice by its value; a page by its name.
    if (typeof el.type === 'string' && typeof el.name === 'string' && el.type !== 'panel')
      walk(el, `q:${el.name}`, el.name);
    else if (typeof el.name === 'string' && !('value' in el))
      walk(el, `${el.type === 'panel' ? 'panel' : 'page'}:${el.name}`, item);
    else if ('value' in el) walk(el, `${path}[${String(el.value)}]`, item);
    else walk(el, `${path}[${i}]`, item);
  };
  const survey = file.survey ?? file.json;
  if (isObject(survey)) walk(survey, 'survey', undefined);
  const meta = isObject(file.meta) ? file.meta : {};
  add('meta.title', 'title', meta.title);
  if (Array.isArray(meta.scored))
    for (const s of meta.scored)
      if (isObject(s) && typeof s.name === 'string' && isObject(s.labels))
        for (const [v, label] of Object.entries(s.labels))
          add(`meta.scored.${s.name}.labels[${v}]`, 'label', label, s.name);
}

/** Every localised text of a definition file ({meta, survey}) or stored version ({meta, json}). */
export function textUnits(file: FileLike): Map<string, TextUnit> {
  const units = new Map<string, TextUnit>();
  visitTexts(file, (key, field, value, item) => {
    units.set(key, { key, field, texts: textsOf(value), ...(item ? { item } : {}) });
  });
  return units;
}

/** A short fingerprint of a text in all its languages (cyrb53: not a secret, only a change detector). */
export function textFingerprint(texts: Record<string, string>): string {
  const input = JSON.stringify(
    Object.keys(texts)
      .sort()
      .map((k) => [k, texts[k]]),
  );
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The admin's confirmations in a draft's metadata (malformed entries are ignored; zod reports them). */
export function reviewRecords(meta: unknown): ReviewRecord[] {
  const list = isObject(meta) && Array.isArray(meta.reviewedTexts) ? meta.reviewedTexts : [];
  return list.filter(
    (r): r is ReviewRecord =>
      isObject(r) && typeof r.text === 'string' && typeof r.lang === 'string' && typeof r.of === 'string',
  );
}

/**
 * The status of every language of every text changed since the base version: 'edited' where the
 * text itself changed; for the other languages the base had, 'reviewed' when a confirmation with
 * the current fingerprint exists, else 'unreviewed'. A language added in this version is new, not
 * stale, and is not listed.
 */
export function translationStatus(base: FileLike, draft: FileLike): TextStatus[] {
  const before = textUnits(base);
  const reviews = new Set(reviewRecords(draft.meta).map((r) => `${r.text}\n${r.lang}\n${r.of}`));
  const out: TextStatus[] = [];
  for (const unit of textUnits(draft).values()) {
    const old = before.get(unit.key)?.texts;
    if (!old) continue;
    const changed = Object.keys(old).filter((l) => old[l] !== unit.texts[l]);
    if (changed.length === 0) continue;
    const fingerprint = textFingerprint(unit.texts);
    for (const lang of Object.keys(unit.texts).sort()) {
      if (!(lang in old)) continue;
      const state: TextState = changed.includes(lang)
        ? 'edited'
        : reviews.has(`${unit.key}\n${lang}\n${fingerprint}`)
          ? 'reviewed'
          : 'unreviewed';
      out.push({ key: unit.key, field: unit.field, lang, state, changed, ...(unit.item ? { item: unit.item } : {}) });
    }
  }
  return out;
}

const FIELD_NAME: Record<string, string> = {
  title: 'rubriken',
  description: 'beskrivningen',
  text: 'svarsalternativet',
  label: 'skalstegets etikett',
  html: 'texten',
  minRateDescription: 'texten vid skalans lägsta värde',
  maxRateDescription: 'texten vid skalans högsta värde',
};

/** Where a text is, in the admin's words ("rubriken till frågan stod_1"). */
export function textPlace(s: Pick<TextStatus, 'key' | 'item' | 'field'>): string {
  const choice = /\[([^\]]+)\]\.text$/.exec(s.key);
  const what = choice ? `svarsalternativ ${choice[1]}` : (FIELD_NAME[s.field] ?? `texten "${s.field}"`);
  if (s.item) return `${what} till frågan "${s.item}"`;
  if (s.key === 'meta.title') return 'enkätens namn i listor och rapporter';
  if (s.key.startsWith('survey.')) return `${what} för hela enkäten`;
  const page = /^(page|panel):([^.]+)/.exec(s.key);
  return page ? `${what} på sidan "${page[2]}"` : what;
}

const capital = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
const listText = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} och ${xs.at(-1)}`);

/** Unreviewed texts as findings: publishing needs an explicit choice for each. */
export function translationFindings(base: FileLike, draft: FileLike, since: string): Finding[] {
  return translationStatus(base, draft)
    .filter((s) => s.state === 'unreviewed')
    .map((s) => ({
      id: `translation:${s.key}:${s.lang}`,
      kind: 'translation' as const,
      severity: 'confirm' as const,
      message: `${capital(langName(s.lang))}: ${textPlace(s)} behöver granskas, eftersom ${listText(s.changed.map(langName))} har ändrats${since}.`,
      ...(s.item ? { item: s.item } : {}),
      property: s.field,
      text: s.key,
      lang: s.lang,
    }));
}

/** The draft's metadata with the admin's confirmation that a language of a text still matches. */
export function withReview(meta: Record<string, unknown>, unit: TextUnit, lang: string): Record<string, unknown> {
  const others = reviewRecords(meta).filter((r) => !(r.text === unit.key && r.lang === lang));
  return { ...meta, reviewedTexts: [...others, { text: unit.key, lang, of: textFingerprint(unit.texts) }] };
}

/**
 * Texts that have words in some language of the definition but none in another: participants
 * reading that language see another language's text there. Warnings (publishing is not blocked:
 * a language may be added text by text), drawn at the empty field. meta.scored labels are left
 * out: the metadata schema keeps them in Swedish and English only.
 */
export function missingTranslations(file: FileLike): Finding[] {
  const units = [...textUnits(file).values()].filter((u) => !u.key.startsWith('meta.scored.'));
  const langs = new Set<string>();
  for (const u of units) for (const l of Object.keys(u.texts)) if (l !== 'default') langs.add(l);
  const out: Finding[] = [];
  for (const u of units) {
    if (!Object.values(u.texts).some((t) => t.trim() !== '') || 'default' in u.texts) continue;
    for (const lang of [...langs].sort()) {
      if ((u.texts[lang] ?? '').trim() !== '') continue;
      out.push({
        id: `untranslated:${u.key}:${lang}`,
        kind: 'untranslated',
        severity: 'warning',
        message: `${capital(langName(lang))} saknas för ${textPlace(u)}.`,
        ...(u.item ? { item: u.item } : {}),
        property: u.field,
        text: u.key,
        lang,
      });
    }
  }
  return out;
}
