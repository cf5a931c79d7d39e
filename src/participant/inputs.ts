import { z } from 'zod';
import type { LoadedDefinition } from '../surveys/definition-cache.ts';
import { questionsOf } from '../surveys/definition.ts';
import { offeredLanguages, withLanguages } from '../surveys/offered-languages.ts';
import { PARTICIPANT_LOCALES } from '../client/i18n/locales.ts';

/**
 * An object of answers, passed on as parsed: z.record copies entries by assignment, which drops a
 * "__proto__" key without a word, so the answers check never saw (and refused) it.
 */
const answersObject = z.custom<Record<string, unknown>>(
  (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  {
    error: 'Invalid input: expected an object',
  },
);
/** The language the questions were shown in: optional (older runners do not send it), else a participant language. */
const answerLocale = z
  .enum(PARTICIPANT_LOCALES, { error: `locale must be one of ${PARTICIPANT_LOCALES.join(', ')}` })
  .optional();
export const consentInput = z.strictObject({ definition_id: z.uuid(), answers: answersObject, locale: answerLocale });
export const responseInput = z.strictObject({
  id: z.uuid(),
  definition_id: z.uuid(),
  answers: answersObject,
  locale: answerLocale,
});
export const draftInput = z.strictObject({
  definition_id: z.uuid(),
  answers: answersObject,
  page: z.number().int().min(0).max(999),
});

/**
 * What the runner gets of a definition: never its admin metadata, and only the texts of the
 * languages participants are offered (offered-languages.ts), with the list of them.
 */
export function publicDefinition(d: LoadedDefinition) {
  const languages = offeredLanguages(d);
  const keep = new Set(languages);
  return {
    id: d.id,
    key: d.key,
    version: d.version,
    title: withLanguages(d.meta.title, keep),
    json: withLanguages(d.json, keep),
    languages,
  };
}

/**
 * A handwritten signature identifies a person, so only the fact that one was given is stored
 * (true), never the image.
 */
export function withoutSignatureImages(
  def: LoadedDefinition,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  const out = { ...answers };
  for (const { question } of questionsOf(def.json))
    if (question.type === 'signaturepad' && question.name in out) out[question.name] = true;
  return out;
}
