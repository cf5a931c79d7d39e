/**
 * Per-language approval of a version (issue 20): the page that lists a version's languages with
 * their review status and approval, and the form post that approves or withdraws one. The
 * database decides who may (an admin of the organisation, published versions only) and audits.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith, readForm } from '../http/validate.ts';
import type { AdminDefinition, LanguageApproval } from '../store/store.ts';
import { languageReviewSchema } from '../surveys/definition.ts';
import { textUnits } from '../surveys/translation-review.ts';
import { idParam } from './definition-api.ts';
import { errorPage } from './form-error-page.ts';
import { DefinitionLanguagesPage, type LanguageRow } from './views/definition-languages.tsx';

const NOTICES: Record<string, string> = {
  approved: 'Språket är godkänt. Deltagarna kan välja det från och med nu.',
  withdrawn: 'Godkännandet är borttaget. Deltagarna kan inte längre välja språket.',
};

/** Every language of a version besides Swedish, with how many of its texts have words in it. */
export function languageRows(def: AdminDefinition, approvals: LanguageApproval[]): LanguageRow[] {
  const units = [...textUnits({ meta: def.meta, survey: def.json }).values()];
  const langs = new Set(units.flatMap((u) => Object.keys(u.texts)));
  const reviews = (def.meta as { languages?: Record<string, z.infer<typeof languageReviewSchema>> }).languages ?? {};
  return [...langs]
    .filter((l) => l !== 'sv' && l !== 'default')
    .sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)))
    .map((lang) => ({
      lang,
      have: units.filter((u) => (u.texts[lang] ?? '').trim() !== '').length,
      of: units.length,
      review: reviews[lang]?.review ?? 'unreviewed',
      note: reviews[lang]?.note,
      approval: approvals.find((a) => a.lang === lang) ?? null,
    }));
}

const approveForm = z.object({
  lang: z.string().max(20),
  approved: z.enum(['true', 'false']),
  consent_warning: z.literal('understood').optional(),
});

export function definitionLanguageRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/:id/languages', async function languagesPage(c) {
    const { store } = c.get('services');
    const def = await store.definitionGet(c.get('principal'), idParam(c));
    const approvals = await store.definitionLanguages(c.get('principal'), def.id);
    const notice = NOTICES[c.req.query('klart') ?? ''];
    return c.html(
      <DefinitionLanguagesPage staff={c.get('staff')} def={def} rows={languageRows(def, approvals)} notice={notice} />,
    );
  });

  app.post('/:id/languages', async function approveLanguage(c) {
    try {
      return await approve(c);
    } catch (error) {
      return errorPage(c, error);
    }
  });

  return app;
}

async function approve(c: Context<AppEnv>) {
  const { store } = c.get('services');
  const input = parseWith(approveForm, await readForm(c));
  const approved = input.approved === 'true';
  const def = await store.definitionGet(c.get('principal'), idParam(c));
  if (approved) {
    const row = languageRows(def, []).find((r) => r.lang === input.lang);
    // Only a language the version has every text in; a consent form only with the warning read.
    if (!row || row.have !== row.of)
      throw new AppError('VALIDATION_FAILED', {
        issues: [{ path: 'lang', message: 'Versionen har inte alla texter på det språket.' }],
      });
    if (def.kind === 'consent' && input.consent_warning !== 'understood')
      throw new AppError('VALIDATION_FAILED', {
        issues: [
          {
            path: 'consent_warning',
            message: 'Kryssa i att du har läst varningen om samtyckesformuläret. Inget är ändrat.',
          },
        ],
      });
  }
  await store.setDefinitionLanguage(c.get('principal'), { id: def.id, lang: input.lang, approved });
  return c.redirect(`/admin/definitions/${def.id}/languages?klart=${approved ? 'approved' : 'withdrawn'}`, 303);
}
