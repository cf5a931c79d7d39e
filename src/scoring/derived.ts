import { scoreWai } from './wai.ts';

type Scorer = (answers: Record<string, unknown>) => Record<string, unknown>;

/** Scores computed on submit per survey key, stored with the response (recomputable from answers). */
const scorers: Record<string, Scorer> = {
  wai: (answers) => ({ wai: scoreWai(answers) }),
};

export function derivedScores(surveyKey: string, answers: Record<string, unknown>): Record<string, unknown> {
  return scorers[surveyKey]?.(answers) ?? {};
}
