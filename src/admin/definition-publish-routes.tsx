/**
 * Publishing a draft through a confirmation page: GET shows what follows, what changed, which
 * items continue their series and what must be confirmed (views/definition-publish.tsx); POST
 * publishes only the draft as it was shown (its fingerprint) and only with every confirmation.
 * Mounted inside definitionRoutes (admins of the organisation; the database decides, others 404).
 * The JSON API's POST /api/admin/definitions/:id/publish is unchanged.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { errorMessage, errorStatus } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { Finding } from '../surveys/definition-rules.ts';
import { idParam } from './definition-api.ts';
import { reviewDraft } from './definition-publish.ts';
import { publishDraft } from './definition-service.ts';
import { PublishPage } from './views/definition-publish.tsx';

const publishForm = z.object({
  fingerprint: z.string().max(100).default(''),
  confirmations: z.array(z.string().max(20_000)).max(5000),
});
const STALE = 'Utkastet har ändrats sedan du öppnade sidan. Läs igenom ändringarna igen.';

/** The form's fields, with confirmations always a list (one box ticked arrives as a string). */
async function readPublishForm(c: Context<AppEnv>) {
  const form = await readForm(c, { all: true });
  const list = form.confirmations;
  const confirmations = list === undefined ? [] : Array.isArray(list) ? list : [list];
  return parseWith(publishForm, { fingerprint: form.fingerprint, confirmations });
}

export function definitionPublishRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/:id/publish', async function publishPage(c) {
    const review = await reviewDraft(c.get('services').store, c.get('principal'), idParam(c));
    return c.html(<PublishPage staff={c.get('staff')} review={review} />);
  });

  app.post('/:id/publish', async function publishForm(c) {
    const { store } = c.get('services');
    const who = c.get('principal');
    const id = idParam(c);
    const review = await reviewDraft(store, who, id);
    const page = (status: 409 | 422, problem: { message: string; missing?: Finding[] }, ticked?: string[]) =>
      c.html(<PublishPage staff={c.get('staff')} review={review} problem={problem} ticked={ticked} />, status);
    let form;
    try {
      form = await readPublishForm(c);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return page(422, { message: 'Formuläret gick inte att läsa. Ladda om sidan och försök igen.' });
    }
    if (review.loaded.def.status !== 'draft')
      return page(409, { message: 'Versionen är inte publicerad nu: den är inte ett utkast.' });
    if (form.fingerprint !== review.fingerprint) return page(409, { message: STALE });
    try {
      await publishDraft(store, who, review.loaded, form.confirmations);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === 'DRAFT_CHANGED') return page(409, { message: STALE });
      if (
        error.code !== 'CONFIRMATION_REQUIRED' &&
        error.code !== 'DEFINITION_INVALID' &&
        error.code !== 'WORDING_LOCKED'
      )
        throw error;
      const open = review.findings.filter((f) => error.issues?.some((i) => i.path === f.id));
      const message =
        error.code === 'CONFIRMATION_REQUIRED'
          ? 'Versionen är inte publicerad. Kryssa i de här bekräftelserna först:'
          : `Versionen är inte publicerad. ${errorMessage(error.code, c.get('lang'))}`;
      return page(errorStatus(error.code) as 422, { message, missing: open }, form.confirmations);
    }
    return c.redirect(`/admin/definitions/${id}?klart=published`, 303);
  });

  return app;
}
