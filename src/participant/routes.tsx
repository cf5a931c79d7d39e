import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { HANDOVER_COOKIE, requireParticipant } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import { errorMessage } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { createRateLimiter } from '../http/security.ts';
import { jsonBody } from '../http/validate.ts';
import { derivedScores } from '../scoring/derived.ts';
import type { LoadedDefinition } from '../surveys/definition-cache.ts';
import { questionsOf } from '../surveys/definition.ts';
import { ParticipantShell } from './views/shell.tsx';

/**
 * An object of answers, passed on as parsed: z.record copies entries by assignment, which drops a
 * "__proto__" key without a word, so the answers check never saw (and refused) it.
 */
const answersObject = z.custom<Record<string, unknown>>((v) => v !== null && typeof v === 'object' && !Array.isArray(v), { error: 'Invalid input: expected an object' });
const consentInput = z.strictObject({ definition_id: z.uuid(), answers: answersObject });
const responseInput = z.strictObject({ id: z.uuid(), definition_id: z.uuid(), answers: answersObject });
const draftInput = z.strictObject({ definition_id: z.uuid(), answers: answersObject, page: z.number().int().min(0).max(999) });
/** Drafts are saved while the participant answers (debounced in the runner): generous, but bounded. */
const DRAFT_LIMIT = { max: 120, windowMs: 60_000 };

const publicDefinition = (d: LoadedDefinition) => ({ id: d.id, key: d.key, version: d.version, title: d.meta.title, json: d.json });

/**
 * A handwritten signature identifies a person, so only the fact that one was given is stored
 * (true), never the image.
 */
function withoutSignatureImages(def: LoadedDefinition, answers: Record<string, unknown>): Record<string, unknown> {
  const out = { ...answers };
  for (const { question } of questionsOf(def.json)) if (question.type === 'signaturepad' && question.name in out) out[question.name] = true;
  return out;
}

/** The participant flow: the page a link opens, and the API its runner calls. */
export function participantRoutes() {
  const app = new Hono<AppEnv>();
  const draftLimiter = createRateLimiter(DRAFT_LIMIT);

  app.get('/d/:token', async function participantPage(c) {
    const link = await c.get('services').tokens.verifyParticipantLink(c.req.param('token'));
    if (!link) {
      // The participant page itself, so the message has the language switch like every other.
      const lang = c.get('lang');
      const notice = { title: lang === 'en' ? 'The link does not work' : 'Länken fungerar inte', message: errorMessage('LINK_INVALID', lang) };
      return c.html(<ParticipantShell lang={lang} notice={notice} />, 401, { 'Cache-Control': 'no-store' });
    }
    // The address carries the person's link token: never keep this page in any cache.
    const handover = getCookie(c, HANDOVER_COOKIE) !== undefined;
    return c.html(<ParticipantShell lang={c.get('lang')} handover={handover} />, 200, { 'Cache-Control': 'no-store' });
  });

  app.use('/api/p/*', requireParticipant());

  app.get('/api/p/session', async function session(c) {
    const { store, definitions } = c.get('services');
    const who = c.get('principal');
    const state = await store.participantSession(who);
    if (!state) throw new AppError('LINK_INVALID');
    const link = c.get('link');
    const submitted = state.submitted.some((s) => s.survey === link.survey && s.occasion === link.occasion);
    // Missing, or consented to an older text in a project that requires the newest: ask for it.
    const consent = state.consent === 'missing' || state.consent === 'renew' ? publicDefinition(await definitions.latest(store, who, 'samtycke-forskning')) : null;
    const survey = state.consent !== 'withdrawn' && !submitted ? publicDefinition(await definitions.latest(store, who, link.survey)) : null;
    // A draft of an older version of the survey is not offered: its questions may differ.
    const draft = survey && state.draft?.definition_id === survey.id ? { answers: state.draft.answers, page: state.draft.page, updated_at: state.draft.updated_at } : null;
    return c.json({ code: state.code, project: state.project, consent_status: state.consent, occasion: link.occasion, submitted, consent, survey, draft });
  });

  app.put('/api/p/draft', async function saveDraft(c) {
    const { store, definitions } = c.get('services');
    const link = c.get('link');
    if (!draftLimiter.hit(link.participantId)) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 60 });
    const input = await jsonBody(c, draftInput);
    const def = await definitions.byId(store, c.get('principal'), input.definition_id);
    if (def.kind !== 'survey' || def.key !== link.survey) throw new AppError('DEFINITION_NOT_FOUND');
    const result = def.validator.validate(input.answers, c.get('lang'), 'partial');
    if (!result.ok) throw new AppError('ANSWERS_INVALID', { issues: result.issues });
    const saved = await store.saveDraft(c.get('principal'), { definition_id: def.id, answers: result.answers, page: input.page });
    return c.json({ draft: saved });
  });

  app.post('/api/p/consent', async function giveConsent(c) {
    const { store, definitions } = c.get('services');
    const input = await jsonBody(c, consentInput);
    const def = await definitions.byId(store, c.get('principal'), input.definition_id);
    if (def.kind !== 'consent') throw new AppError('DEFINITION_NOT_FOUND');
    const result = def.validator.validate(input.answers, c.get('lang'));
    if (!result.ok) throw new AppError('ANSWERS_INVALID', { issues: result.issues });
    if (result.answers[def.meta.consentQuestion!] !== true) throw new AppError('CONSENT_NOT_GIVEN');
    const method = def.meta.helpQuestion && result.answers[def.meta.helpQuestion] === 'with_coach' ? 'with_coach' : 'self';
    const stored = await store.giveConsent(c.get('principal'), { definition_id: def.id, answers: withoutSignatureImages(def, result.answers), method });
    return c.json({ consent: stored }, stored.created ? 201 : 200);
  });

  app.post('/api/p/responses', async function submit(c) {
    const { store, definitions, submitLimiter } = c.get('services');
    const link = c.get('link');
    if (!submitLimiter.hit(link.participantId)) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 60 });
    const input = await jsonBody(c, responseInput);
    const def = await definitions.byId(store, c.get('principal'), input.definition_id);
    if (def.kind !== 'survey' || def.key !== link.survey) throw new AppError('DEFINITION_NOT_FOUND');
    const result = def.validator.validate(input.answers, c.get('lang'));
    if (!result.ok) throw new AppError('ANSWERS_INVALID', { issues: result.issues });
    const derived = derivedScores(def.key, result.answers);
    const stored = await store.submitResponse(c.get('principal'), { id: input.id, definition_id: def.id, answers: result.answers, derived });
    return c.json({ response: stored }, stored.created ? 201 : 200);
  });

  app.post('/api/p/withdraw', async function withdraw(c) {
    const result = await c.get('services').store.withdrawConsent(c.get('principal'));
    return c.json({ withdrawn: true, policy: result.policy, erased: result.erased });
  });

  return app;
}
