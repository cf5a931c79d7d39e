import { Model } from 'survey-core';
import { z } from 'zod';
import { checkDefinition, definitionFileSchema, type DefinitionFile } from './definition.ts';
import { deriveAnswersValidator } from './answers-schema.ts';
import { checkWaiDefinition } from '../scoring/wai.ts';
import { consentQuestionProblems, contentProblems } from './definition-content.ts';

/**
 * Checks a definition file completely: our zod metadata, survey-core's own jsonErrors (unknown
 * types, missing names), the allow-list, our rules, and that an answers validator can be derived.
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
  for (const e of jsonErrors) if (e.type !== 'unknownproperty') problems.push(`SurveyJS: ${e.message}`);
  // What a definition may contain (allow-list.ts); names every property survey-core does not know.
  problems.push(...contentProblems(file.survey).map((p) => p.message));
  if (file.meta.kind === 'consent' && file.meta.consentQuestion)
    problems.push(...consentQuestionProblems(file.survey, file.meta.consentQuestion).map((p) => p.message));
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
