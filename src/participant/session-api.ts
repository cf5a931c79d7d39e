import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { createRateLimiter } from '../http/security.ts';
import { jsonBody } from '../http/validate.ts';
import { draftInput, publicDefinition } from './inputs.ts';

/** Drafts are saved while the participant answers (debounced in the runner): generous, but bounded. */
const DRAFT_LIMIT = { max: 120, windowMs: 60_000 };

/** What the runner needs to start or resume (GET /session), and autosave (PUT /draft). */
export function sessionApi() {
  const app = new Hono<AppEnv>();
  const draftLimiter = createRateLimiter(DRAFT_LIMIT);

  // The definition and its translations (~9 KB of JSON) on a slow phone network: gzip. The body
  // reflects nothing a third party chooses, so its size tells nothing about what it holds.
  app.get('/session', compress({ encoding: 'gzip' }), async function session(c) {
    const { store, definitions } = c.get('services');
    const who = c.get('principal');
    const state = await store.participantSession(who);
    if (!state) throw new AppError('LINK_INVALID');
    const link = c.get('link');
    const submitted = state.submitted.some((s) => s.survey === link.survey && s.occasion === link.occasion);
    // Missing, or consented to an older text in a project that requires the newest: ask for it.
    const consent =
      state.consent === 'missing' || state.consent === 'renew'
        ? publicDefinition(await definitions.latest(store, who, 'samtycke-forskning'))
        : null;
    const survey =
      state.consent !== 'withdrawn' && !submitted
        ? publicDefinition(await definitions.latest(store, who, link.survey))
        : null;
    // The draft is this browser's own (the device claim, see participantApi): a link alone never
    // reads back what was typed. A draft of an older version of the survey is not offered: its
    // questions may differ.
    const draft =
      survey && state.draft?.definition_id === survey.id
        ? { answers: state.draft.answers, page: state.draft.page, updated_at: state.draft.updated_at }
        : null;
    return c.json({
      code: state.code,
      project: state.project,
      consent_status: state.consent,
      occasion: link.occasion,
      submitted,
      consent,
      survey,
      draft,
    });
  });

  app.put('/draft', async function saveDraft(c) {
    const { store, definitions } = c.get('services');
    const link = c.get('link');
    if (!draftLimiter.hit(link.participantId))
      throw new AppError('RATE_LIMITED', { retryAfterSeconds: draftLimiter.windowSeconds });
    const input = await jsonBody(c, draftInput);
    const def = await definitions.byId(store, c.get('principal'), input.definition_id);
    if (def.kind !== 'survey' || def.key !== link.survey) throw new AppError('DEFINITION_NOT_FOUND');
    const result = def.validator.validate(input.answers, c.get('lang'), 'partial');
    if (!result.ok) throw new AppError('ANSWERS_INVALID', { issues: result.issues });
    const saved = await store.saveDraft(c.get('principal'), {
      definition_id: def.id,
      answers: result.answers,
      page: input.page,
    });
    return c.json({ draft: saved });
  });

  return app;
}
