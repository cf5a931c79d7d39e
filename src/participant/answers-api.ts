import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/validate.ts';
import { derivedScores } from '../scoring/derived.ts';
import { responseInput } from './inputs.ts';

/** Submitting a questionnaire (POST /responses): checked against its definition, stored once by its client uuid. */
export function answersApi() {
  const app = new Hono<AppEnv>();

  app.post('/responses', async function submit(c) {
    const { store, definitions, submitLimiter } = c.get('services');
    const link = c.get('link');
    if (!submitLimiter.hit(link.participantId))
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: submitLimiter.windowSeconds });
    const input = await jsonBody(c, responseInput);
    const def = await definitions.byId(store, c.get('principal'), input.definition_id);
    if (def.kind !== 'survey' || def.key !== link.survey) throw new AppError('DEFINITION_NOT_FOUND');
    const result = def.validator.validate(input.answers, c.get('lang'));
    if (!result.ok) throw new AppError('ANSWERS_INVALID', { issues: result.issues });
    const derived = derivedScores(def.key, result.answers);
    const stored = await store.submitResponse(c.get('principal'), {
      id: input.id,
      definition_id: def.id,
      answers: result.answers,
      derived,
      ...(input.locale ? { locale: input.locale } : {}),
    });
    return c.json({ response: stored }, stored.created ? 201 : 200);
  });

  return app;
}
