import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/validate.ts';
import { consentInput, withoutSignatureImages } from './inputs.ts';

/**
 * Giving consent (POST /consent), withdrawing it (POST /withdraw, with the project's policy) and,
 * before consent, saying "Jag vill inte delta" (POST /decline) so the coach does not ask again.
 */
export function consentApi() {
  const app = new Hono<AppEnv>();

  app.post('/consent', async function giveConsent(c) {
    const { store, definitions } = c.get('services');
    const input = await jsonBody(c, consentInput);
    const def = await definitions.byId(store, c.get('principal'), input.definition_id);
    if (def.kind !== 'consent') throw new AppError('DEFINITION_NOT_FOUND');
    const result = def.validator.validate(input.answers, c.get('lang'));
    if (!result.ok) throw new AppError('ANSWERS_INVALID', { issues: result.issues });
    if (result.answers[def.meta.consentQuestion!] !== true) throw new AppError('CONSENT_NOT_GIVEN');
    const method =
      def.meta.helpQuestion && result.answers[def.meta.helpQuestion] === 'with_coach' ? 'with_coach' : 'self';
    const stored = await store.giveConsent(c.get('principal'), {
      definition_id: def.id,
      answers: withoutSignatureImages(def, result.answers),
      method,
      ...(input.locale ? { locale: input.locale } : {}),
    });
    return c.json({ consent: stored }, stored.created ? 201 : 200);
  });

  app.post('/withdraw', async function withdraw(c) {
    const result = await c.get('services').store.withdrawConsent(c.get('principal'));
    return c.json({ withdrawn: true, policy: result.policy, erased: result.erased });
  });

  app.post('/decline', async function decline(c) {
    const result = await c.get('services').store.declineConsent(c.get('principal'));
    return c.json(result, result.created ? 201 : 200);
  });

  return app;
}
