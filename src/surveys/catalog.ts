import { Model } from 'survey-core';
import { z } from 'zod';
import { checkDefinition, definitionFileSchema, type DefinitionFile } from './definition.ts';
import { deriveAnswersValidator } from './answers-schema.ts';
import { checkWaiDefinition } from '../scoring/wai.ts';

/**
 * Checks a definition file completely: our zod metadata, survey-core's own jsonErrors (unknown
 * types/properties, missing names), our rules, and that an answers validator can be derived.
 */
export function validateDefinitionFile(
  raw: unknown,
): { ok: true; file: DefinitionFile } | { ok: false; problems: string[] } {
  const parsed = definitionFileSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const file = parsed.data;
  const problems: string[] = [];
  const jsonErrors = new Model(file.survey).jsonErrors ?? [];
  for (const e of jsonErrors) problems.push(`SurveyJS: ${e.message}`);
  problems.push(...checkDefinition(file.meta, file.survey));
  // Pasted licensed WAI wording must keep the names and values the scoring reads.
  if (file.meta.key === 'wai') problems.push(...checkWaiDefinition(file.survey));
  try {
    deriveAnswersValidator(file.survey);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems.length ? { ok: false, problems } : { ok: true, file };
}

export const surveyKeySchema = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/);
