/**
 * Definition admin: the pages (/admin/definitions, the editor, the diff) and the JSON API
 * (definition-api.ts). Who may use them is decided by the database: the admins of an organisation's
 * projects manage that organisation's definitions; everyone else is told the page does not exist.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import { DefinitionDiffPage } from './views/definition-diff.tsx';
import { DefinitionEditorPage } from './views/definition-editor.tsx';
import { DefinitionListPage } from './views/definitions.tsx';
import { DefinitionRetirePage, retireFacts } from './views/definition-retire.tsx';
import { idParam, keyParam } from './definition-api.ts';
import { diffDefinitions, questionMap } from '../surveys/definition-diff.ts';
import { definitionText, importText, loadWithBase } from './definition-service.ts';
import { editorSchema } from '../surveys/property-schema.ts';
import { definitionPublishRoutes } from './definition-publish-routes.tsx';
import { definitionLanguageRoutes } from './definition-language-routes.tsx';
import { errorPage } from './form-error-page.ts';
import { definitionPreviewRoutes, type PreviewPage } from './definition-preview-routes.tsx';
import { translationRoutes } from './translation-routes.tsx';

const NOTICES: Record<string, string> = {
  draft: 'Ett utkast är skapat. Ändra det här och publicera när det är klart.',
  draft_exists: 'Det fanns redan ett utkast för enkäten; det är öppnat här.',
  imported: 'Filen är importerad som ett utkast.',
  adopted: 'Bibliotekets nya version är ett utkast hos er nu. Granska och publicera det när ni vill använda det.',
  unlocked: 'Formuleringarna är upplåsta för det här utkastet.',
  published: 'Versionen är publicerad. Nya svar använder den från och med nu.',
  retired: 'Versionen är tagen ur bruk.',
  translated: 'Översättningen är inläst i utkastet. Granska den här och publicera när det är klart.',
};

const notice = (c: Context<AppEnv>) => NOTICES[c.req.query('klart') ?? ''];

export function definitionRoutes(options: { previewPage: PreviewPage }) {
  const app = new Hono<AppEnv>();
  // Anyone but an admin is told the page does not exist before the request is even read.
  const services = (c: Context<AppEnv>) => c.get('services');

  app.get('/', async function definitionList(c) {
    const entries = await services(c).store.definitionList(c.get('principal'));
    return c.html(<DefinitionListPage staff={c.get('staff')} entries={entries} notice={notice(c)} />);
  });

  app.get('/diff', async function definitionDiff(c) {
    const q = parseWith(z.object({ a: z.uuid(), b: z.uuid() }), c.req.query());
    const [a, b] = await Promise.all([q.a, q.b].map((id) => services(c).store.definitionGet(c.get('principal'), id)));
    if (a!.key !== b!.key) throw new AppError('DEFINITION_NOT_FOUND');
    const diff = diffDefinitions({ json: a!.json, meta: a!.meta }, { json: b!.json, meta: b!.meta });
    const questions = new Map([...questionMap(a!.json), ...questionMap(b!.json)]);
    return c.html(<DefinitionDiffPage staff={c.get('staff')} a={a!} b={b!} diff={diff} questions={questions} />);
  });

  app.post('/import', async function importForm(c) {
    try {
      const form = await readForm(c);
      const file = form.file;
      if (!(file instanceof File)) throw new AppError('VALIDATION_FAILED');
      const def = await importText(services(c).store, c.get('principal'), await file.text());
      return c.redirect(`/admin/definitions/${def.id}?klart=imported`, 303);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  app.post('/library/:key/adopt', async function adoptForm(c) {
    try {
      const def = await services(c).store.adoptLibraryDefinition(c.get('principal'), { key: keyParam(c) });
      return c.redirect(`/admin/definitions/${def.id}?klart=adopted`, 303);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  app.route('/', definitionPublishRoutes());
  app.route('/', definitionLanguageRoutes());
  app.route('/', definitionPreviewRoutes(options.previewPage));
  app.route('/', translationRoutes());

  app.get('/:id', async function definitionEditor(c) {
    const { def, base } = await loadWithBase(services(c).store, c.get('principal'), idParam(c));
    return c.html(
      <DefinitionEditorPage
        staff={c.get('staff')}
        def={def}
        base={base}
        text={definitionText(def)}
        notice={notice(c)}
        editorData={{
          schema: editorSchema(),
          baseNames: base ? [...questionMap(base.json).keys()] : [],
          locked:
            (base?.meta as { lockedWording?: boolean } | undefined)?.lockedWording === true && !def.wording_unlock,
        }}
      />,
    );
  });

  app.post('/:id/draft', async function draftForm(c) {
    try {
      const draft = await services(c).store.createDefinitionDraft(c.get('principal'), idParam(c));
      return c.redirect(`/admin/definitions/${draft.id}?klart=${draft.created ? 'draft' : 'draft_exists'}`, 303);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  // "Ta ur bruk" asks first: what retiring this version changes, then the POST below.
  app.get('/:id/retire', async function retireConfirmation(c) {
    const entries = await services(c).store.definitionList(c.get('principal'));
    return c.html(<DefinitionRetirePage staff={c.get('staff')} facts={retireFacts(entries, idParam(c))} />);
  });

  app.post('/:id/retire', async function retireForm(c) {
    try {
      await services(c).store.retireDefinition(c.get('principal'), idParam(c));
      return c.redirect('/admin/definitions?klart=retired', 303);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  app.post('/:id/unlock', async function unlockForm(c) {
    try {
      const { reason } = parseWith(z.object({ reason: z.string().max(2000) }), await readForm(c));
      const def = await services(c).store.unlockDefinitionWording(c.get('principal'), { id: idParam(c), reason });
      return c.redirect(`/admin/definitions/${def.id}?klart=unlocked`, 303);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  return app;
}
