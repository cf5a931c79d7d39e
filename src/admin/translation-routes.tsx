/**
 * A language's texts for a translator and back (issue 20), on the definition admin pages:
 * GET /admin/definitions/:id/translation?lang=&format= downloads the file (audited, any version);
 * /:id/translations is the page; POST /:id/translations reads an uploaded file strictly and shows
 * what it changes; POST /:id/translations/confirm writes the changes into the key's draft (made
 * from the version when there is none) through the editor's save path and its checks. A published
 * version is never changed. Admins of the organisation only: the database answers 404 to others.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { errorMessage, errorStatus } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { AdminDefinition, Principal, Store } from '../store/store.ts';
import { parseTranslationCsv, writeTranslationCsv } from '../surveys/translation-csv.ts';
import {
  applyTranslation,
  isTargetLang,
  MAX_KEY_LENGTH,
  MAX_TRANSLATION_ROWS,
  previewTranslation,
  TranslationFileError,
  translationFileName,
  translationRows,
  type ParsedTranslation,
  type TranslationFormat,
} from '../surveys/translation-files.ts';
import { parseTranslationXliff, writeTranslationXliff } from '../surveys/translation-xliff.ts';
import { errorPageIn } from '../views/layout.tsx';
import { inLang } from '../views/lang.tsx';
import { idParam } from './definition-api.ts';
import { definitionText, loadWithBase, saveDraftText } from './definition-service.ts';
import { TranslationPage } from './views/definition-translation.tsx';
import { TranslationPreviewPage } from './views/translation-preview.tsx';

const lang = z.string().max(20).refine(isTargetLang);
const format = z.enum(['xliff', 'csv']);
const changesSchema = z
  .array(z.strictObject({ key: z.string().min(1).max(MAX_KEY_LENGTH), text: z.string().min(1).max(100_000) }))
  .max(MAX_TRANSLATION_ROWS);
const confirmSchema = z.object({ lang, format, of: z.string().max(200), changes: z.string().max(600_000) });

/** The texts an import is compared with and written into: the key's draft, else the version itself. */
async function importTarget(store: Store, who: Principal, id: string) {
  const def = await store.definitionGet(who, id);
  let draft: AdminDefinition | null = def.status === 'draft' ? def : null;
  if (!draft) {
    const entry = (await store.definitionList(who)).find((e) => e.key === def.key);
    const found = entry?.versions.find((v) => v.status === 'draft');
    draft = found ? await store.definitionGet(who, found.id) : null;
  }
  const on = draft ?? def;
  // What the preview was made against: confirming is refused when this no longer holds.
  const of = draft ? `${draft.id}@${draft.updated_at}` : `new@${def.id}`;
  return { def, draft, of, file: { meta: on.meta as Record<string, unknown>, survey: on.json } };
}

/** The uploaded file as text: UTF-8 (a BOM allowed), not empty. */
async function fileText(file: unknown): Promise<string> {
  if (!(file instanceof File) || file.size === 0)
    throw new TranslationFileError('Välj en fil att läsa in.', 'Choose a file to upload.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new TranslationFileError(
      'Filen är inte sparad som UTF-8. Spara den som "CSV UTF-8" eller XLIFF i UTF-8 och försök igen.',
      'The file is not saved as UTF-8. Save it as "CSV UTF-8" or as XLIFF in UTF-8 and try again.',
    );
  }
}

function parseFile(text: string, target: string): { parsed: ParsedTranslation; format: TranslationFormat } {
  const xml = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<');
  return xml
    ? { parsed: parseTranslationXliff(text, target), format: 'xliff' }
    : { parsed: parseTranslationCsv(text, target), format: 'csv' };
}

/** A refused form post as a page in the staff language, with the reason found. */
function refused(c: Context<AppEnv>, error: unknown) {
  const staffLang = c.get('lang');
  const e =
    error instanceof TranslationFileError
      ? new AppError('TRANSLATION_FILE_INVALID', {
          issues: [{ path: 'file', message: staffLang === 'en' ? error.en : error.sv }],
        })
      : error;
  if (!(e instanceof AppError)) throw error;
  const status = errorStatus(e.code);
  const details = e.issues?.map((i) => i.message).join(' ');
  const message = `${errorMessage(e.code, staffLang)}${details ? ` ${details}` : ''}`;
  return c.html(errorPageIn(staffLang, { message, status, requestId: c.get('requestId') }), status);
}

type Target = Awaited<ReturnType<typeof importTarget>>;

/**
 * Writes confirmed changes into the key's draft, creating it from the version when there is none.
 * Everything that can refuse the changes is checked before anything is stored.
 */
async function writeImport(
  store: Store,
  who: Principal,
  t: Target,
  input: { lang: string; format: TranslationFormat; changes: Map<string, string> },
): Promise<AdminDefinition> {
  applyTranslation(t.file, input.lang, input.changes); // throws on an unknown key or an empty text
  let draft = t.draft;
  if (!draft) {
    const made = await store.createDefinitionDraft(who, t.def.id);
    if (!made.created) throw new AppError('TRANSLATION_OUTDATED');
    draft = made;
  }
  const loaded = await loadWithBase(store, who, draft.id);
  const on = { meta: loaded.def.meta as Record<string, unknown>, survey: loaded.def.json };
  const file = applyTranslation(on, input.lang, input.changes);
  const text = definitionText({ json: file.survey, meta: file.meta as AdminDefinition['meta'] });
  const audit = { lang: input.lang, format: input.format, changed: input.changes.size };
  await saveDraftText(store, who, loaded, text, audit);
  return draft;
}

export function translationRoutes() {
  const app = new Hono<AppEnv>();
  const store = (c: Context<AppEnv>) => c.get('services').store;

  app.get('/:id/translation', async function exportTranslation(c) {
    const id = idParam(c);
    const q = parseWith(z.object({ lang, format }), c.req.query());
    const def = await store(c).definitionTranslationExport(c.get('principal'), { id, ...q });
    const rows = translationRows(def, q.lang);
    const xliff = q.format === 'xliff';
    const body = xliff ? writeTranslationXliff(def, rows, q.lang) : writeTranslationCsv(rows, q.lang);
    return c.body(body, 200, {
      'Content-Type': xliff ? 'application/xliff+xml; charset=utf-8' : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${translationFileName(def, q.lang, q.format)}"`,
      'Cache-Control': 'no-store',
    });
  });

  app.get('/:id/translations', async function translationPage(c) {
    const { def, draft } = await importTarget(store(c), c.get('principal'), idParam(c));
    return c.html(inLang(c.get('lang'), <TranslationPage staff={c.get('staff')} def={def} draft={draft} />));
  });

  app.post('/:id/translations', async function previewImport(c) {
    try {
      const id = idParam(c);
      const form = await readForm(c);
      const target = parseWith(lang, form.lang);
      const text = await fileText(form.file);
      const t = await importTarget(store(c), c.get('principal'), id);
      const { parsed, format: fileFormat } = parseFile(text, target);
      if (parsed.source && parsed.source.key !== t.def.key)
        throw new TranslationFileError(
          `Filen gäller enkäten "${parsed.source.key}", inte "${t.def.key}".`,
          `The file is for the questionnaire "${parsed.source.key}", not "${t.def.key}".`,
        );
      const preview = previewTranslation(t.file, parsed);
      const page = (
        <TranslationPreviewPage
          staff={c.get('staff')}
          def={t.def}
          preview={preview}
          format={fileFormat}
          of={t.of}
          locked={(t.file.meta as { lockedWording?: boolean }).lockedWording === true && !t.draft?.wording_unlock}
          {...(parsed.source ? { source: parsed.source } : {})}
        />
      );
      return c.html(inLang(c.get('lang'), page));
    } catch (error) {
      return refused(c, error);
    }
  });

  app.post('/:id/translations/confirm', async function confirmImport(c) {
    try {
      const id = idParam(c);
      const form = parseWith(confirmSchema, await readForm(c));
      const who = c.get('principal');
      const t = await importTarget(store(c), who, id);
      if (t.of !== form.of) throw new AppError('TRANSLATION_OUTDATED');
      let list: z.infer<typeof changesSchema>;
      try {
        list = parseWith(changesSchema, JSON.parse(form.changes));
      } catch {
        throw new AppError('VALIDATION_FAILED');
      }
      const changes = new Map(list.map((ch) => [ch.key, ch.text]));
      if (changes.size !== list.length) throw new AppError('VALIDATION_FAILED');
      const draft = await writeImport(store(c), who, t, { ...form, changes });
      return c.redirect(`/admin/definitions/${draft.id}?klart=translated`, 303);
    } catch (error) {
      return refused(c, error);
    }
  });

  return app;
}
