/**
 * JSON API of the definition admin under /api/admin/definitions (admins manage their own
 * organisation's definitions; the database answers NOT_FOUND to everyone else and for every
 * definition of another organisation or of the library). Bodies of validate, save and import are the
 * definition file as text, so a syntax error can be reported with its line. CSRF: the app-wide
 * csrfGuard checks every state-changing request.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { jsonBody } from '../http/validate.ts';
import { checkDraftText } from '../surveys/definition-rules.ts';
import {
  definitionText,
  importText,
  loadWithBase,
  publishDraft,
  ruleContext,
  saveDraftText,
} from './definition-service.ts';

const MAX_TEXT_BYTES = 512 * 1024;
// One confirmation per finding: a changed Swedish text asks one per other language (8 shipped), so a
// reworded WAI alone can ask for about 900; ids carry question names and choice values (any length;
// the request's body limit bounds the whole).
const publishInput = z.object({ confirmations: z.array(z.string().max(20_000)).max(5000).default([]) });
const unlockInput = z.object({ reason: z.string().max(2000) });

/** The id in the path; anything that is not a uuid does not exist. */
export function idParam(c: Context<AppEnv>): string {
  const id = z.uuid().safeParse(c.req.param('id'));
  if (!id.success) throw new AppError('DEFINITION_NOT_FOUND');
  return id.data;
}

/** The library key in the path; anything that cannot be a key does not exist. */
export function keyParam(c: Context<AppEnv>): string {
  const key = z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,40}$/)
    .safeParse(c.req.param('key'));
  if (!key.success) throw new AppError('DEFINITION_NOT_FOUND');
  return key.data;
}

/** A definition file sent as text (application/json or text/plain). */
async function textBody(c: Context<AppEnv>): Promise<string> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/json|text\/plain)\s*(;|$)/i.test(type)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const text = await c.req.text();
  if (text.length * 3 > MAX_TEXT_BYTES && new TextEncoder().encode(text).length > MAX_TEXT_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE');
  return text;
}

export function definitionApi() {
  const app = new Hono<AppEnv>();
  // Authorisation before validation: a non-admin learns nothing about what a valid request is.
  const store = (c: Context<AppEnv>) => c.get('services').store;

  app.get('/', async function listDefinitions(c) {
    return c.json({ definitions: await store(c).definitionList(c.get('principal')) });
  });
  app.post('/import', async function importDefinition(c) {
    const definition = await importText(store(c), c.get('principal'), await textBody(c));
    return c.json({ definition }, 201);
  });
  // Adopts the newest library version of a key as a draft of the organisation's own series.
  app.post('/library/:key/adopt', async function adoptLibraryVersion(c) {
    const definition = await store(c).adoptLibraryDefinition(c.get('principal'), { key: keyParam(c) });
    return c.json({ definition }, 201);
  });
  app.get('/:id', async function getDefinition(c) {
    return c.json({ definition: await store(c).definitionGet(c.get('principal'), idParam(c)) });
  });
  app.get('/:id/export', async function exportDefinition(c) {
    const def = await store(c).definitionGet(c.get('principal'), idParam(c));
    return c.body(definitionText(def), 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${def.key}-v${def.version}.json"`,
      'Cache-Control': 'no-store',
    });
  });
  app.post('/:id/draft', async function createDraft(c) {
    const definition = await store(c).createDefinitionDraft(c.get('principal'), idParam(c));
    return c.json({ definition }, definition.created ? 201 : 200);
  });
  app.post('/:id/validate', async function validateDraft(c) {
    const loaded = await loadWithBase(store(c), c.get('principal'), idParam(c));
    const { findings, file } = checkDraftText(await textBody(c), ruleContext(loaded));
    return c.json({ ok: file !== null && !findings.some((f) => f.severity === 'error'), findings });
  });
  app.put('/:id', async function saveDraft(c) {
    const loaded = await loadWithBase(store(c), c.get('principal'), idParam(c));
    return c.json(await saveDraftText(store(c), c.get('principal'), loaded, await textBody(c)));
  });
  app.post('/:id/publish', async function publish(c) {
    const { confirmations } = await jsonBody(c, publishInput);
    const loaded = await loadWithBase(store(c), c.get('principal'), idParam(c));
    return c.json({ definition: await publishDraft(store(c), c.get('principal'), loaded, confirmations) });
  });
  app.post('/:id/retire', async function retire(c) {
    return c.json({ definition: await store(c).retireDefinition(c.get('principal'), idParam(c)) });
  });
  app.post('/:id/unlock', async function unlock(c) {
    const { reason } = await jsonBody(c, unlockInput);
    return c.json({
      definition: await store(c).unlockDefinitionWording(c.get('principal'), { id: idParam(c), reason }),
    });
  });
  return app;
}
