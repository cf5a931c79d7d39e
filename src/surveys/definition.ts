import { z } from 'zod';
import { LOCALE_KEY } from '../client/locales.ts';
import { OCCASION } from '../domain/vocabulary.ts';

/** A SurveyJS definition as stored: plain JSON, typed loosely; answers-schema derivation reads it. */
export type SurveyJson = Record<string, unknown>;

const occasion = z.enum(OCCASION.values);
/** A text of our metadata: Swedish and English always, any other language beside them. */
const text2 = z
  .object({ sv: z.string().min(1), en: z.string().min(1) })
  .catchall(z.string().min(1))
  .refine((t) => Object.keys(t).every((k) => LOCALE_KEY.test(k)), { message: 'a text key must be a language tag' });

/**
 * A language's review status in this version: the source (Swedish), reviewed by a person who
 * has the language (native speaker, authorised translator, easy-Swedish editor), or not reviewed
 * (shipped translations until someone has). Whether participants are offered it is the
 * organisation's approval (definition_languages), not this.
 */
export const languageReviewSchema = z.strictObject({
  review: z.enum(['source', 'reviewed', 'unreviewed']),
  note: z.string().max(500).optional(),
});

export const scoredItemSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/),
    min: z.number().int(),
    max: z.number().int(),
    /** Answer values that are stored as given but count as missing in figures ("vet inte"). */
    missing: z.array(z.union([z.string(), z.number()])).default([]),
    /** Label of each scale step, keyed by value ("1".."6"), for codebooks and charts. */
    labels: z.record(z.string().regex(/^-?\d+$/), text2).optional(),
  })
  .refine((s) => s.max > s.min && s.max - s.min <= 20, { message: 'max must exceed min (at most 20 steps)' });

/** Our metadata beside the SurveyJS JSON. */
export const definitionMetaSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  version: z.number().int().min(1),
  kind: z.enum(['consent', 'survey']),
  title: text2,
  occasions: z.array(occasion),
  scored: z.array(scoredItemSchema).default([]),
  /** Free-text questions: may identify people, kept out of researcher downloads by default. */
  freeText: z.array(z.string()).default([]),
  /** For consent definitions: the boolean question that must be true. */
  consentQuestion: z.string().optional(),
  /** For consent definitions: the question telling whether a coach helped. */
  helpQuestion: z.string().optional(),
  licence: z.string().optional(),
  /** Licensed wording (e.g. NNS instruments): texts may change only in a draft an admin unlocked. */
  lockedWording: z.boolean().optional(),
  /** Each language's review status (see languageReviewSchema); a language not listed is unreviewed. */
  languages: z
    .record(z.string().regex(LOCALE_KEY), languageReviewSchema)
    .refine((l) => Object.keys(l).length <= 40, { message: 'at most 40 languages' })
    .optional(),
  /** Texts whose other-language change an admin reviewed (translation-review.ts). */
  reviewedTexts: z
    .array(
      z.strictObject({
        text: z.string().min(1).max(400),
        lang: z.string().regex(LOCALE_KEY),
        of: z.string().regex(/^[0-9a-z]{1,16}$/),
      }),
    )
    .max(5000)
    .optional(),
});
export type DefinitionMeta = z.infer<typeof definitionMetaSchema>;

/** A definition file in surveys/: our metadata plus the SurveyJS JSON. */
export const definitionFileSchema = z.strictObject({
  meta: definitionMetaSchema,
  // Not z.record: it copies by assignment and would drop a "__proto__" key unseen; such a key is refused.
  survey: z.custom<Record<string, unknown>>(
    (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !Object.hasOwn(v, '__proto__'),
    { error: 'survey must be a JSON object (without a "__proto__" key)' },
  ),
});
export type DefinitionFile = z.infer<typeof definitionFileSchema>;

export interface QuestionJson {
  type: string;
  name: string;
  title?: unknown;
  isRequired?: boolean;
  [key: string]: unknown;
}

/** Every question in the definition (pages, panels and nested panels), in order. */
export function questionsOf(json: SurveyJson): { question: QuestionJson; conditional: boolean }[] {
  const out: { question: QuestionJson; conditional: boolean }[] = [];
  const walk = (elements: unknown, conditional: boolean) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements as (Record<string, unknown> | null)[]) {
      if (el === null || typeof el !== 'object') continue; // not an element: survey-core reports it
      const cond =
        conditional ||
        typeof el.visibleIf === 'string' ||
        typeof el.enableIf === 'string' ||
        typeof el.requiredIf === 'string';
      if (el.type === 'panel') walk(el.elements, cond);
      else if (typeof el.name === 'string' && typeof el.type === 'string')
        out.push({ question: el as QuestionJson, conditional: cond });
    }
  };
  const pages = Array.isArray(json.pages) ? (json.pages as Record<string, unknown>[]) : [{ elements: json.elements }];
  for (const page of pages)
    if (page !== null && typeof page === 'object') walk(page.elements, typeof page.visibleIf === 'string');
  return out;
}

/** Our own checks on a definition, beyond zod and survey-core's jsonErrors. Returns problems found. */
export function checkDefinition(meta: DefinitionMeta, json: SurveyJson): string[] {
  const problems: string[] = [];
  const questions = new Map(questionsOf(json).map(({ question }) => [question.name, question]));
  for (const item of meta.scored) {
    const q = questions.get(item.name);
    if (!q) problems.push(`scored item "${item.name}" is not a question in the survey`);
    else if (!['radiogroup', 'rating', 'dropdown'].includes(q.type))
      problems.push(`scored item "${item.name}" must be radiogroup, rating or dropdown`);
  }
  for (const name of meta.freeText) {
    const q = questions.get(name);
    if (!q || !['text', 'comment'].includes(q.type))
      problems.push(`free-text "${name}" must be a text or comment question`);
  }
  if (meta.kind === 'consent') {
    const q = meta.consentQuestion ? questions.get(meta.consentQuestion) : undefined;
    if (!q || q.type !== 'boolean' || q.isRequired !== true)
      problems.push('a consent definition needs consentQuestion naming a required boolean question');
  }
  return problems;
}
