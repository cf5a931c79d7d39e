import { isParticipantLocale, LOCALE_INFO } from '../../client/i18n/locales.ts';
import { localesOf } from '../../client/locales.ts';
import { UI_LANGS } from '../../client/texts.ts';
import type { AdminDefinition, StaffContext } from '../../store/store.ts';
import { langName } from '../../surveys/findings.ts';
import { isTargetLang } from '../../surveys/translation-files.ts';
import { Layout } from '../../views/layout.tsx';
import { useLang, useTexts } from '../../views/lang.tsx';
import { translationTexts } from './translation-texts.ts';

/** The languages offered: the participant languages, then any other the definition has. */
export function targetLanguages(def: Pick<AdminDefinition, 'json'>): string[] {
  const ours = UI_LANGS.map((l) => l.lang as string).filter(isTargetLang);
  const more = [...localesOf(def.json)].filter((l) => isTargetLang(l) && !ours.includes(l)).sort();
  return [...ours, ...more];
}

/** A language as the staff reads it: its own name, and its name in the staff's language beside it. */
export function LanguageName({ lang }: { lang: string }) {
  const own = UI_LANGS.find((l) => l.lang === lang)?.name;
  const staffLang = useLang();
  const beside = isParticipantLocale(lang)
    ? LOCALE_INFO[lang][staffLang === 'en' ? 'english' : 'swedish']
    : staffLang === 'sv'
      ? langName(lang)
      : lang;
  // "Lättläst svenska", "På svenska" and "In English" say it already.
  if (own && (own.toLowerCase() === beside.toLowerCase() || /^(In|På) |^Lättläst/.test(own)))
    return staffLang === 'sv' || lang !== 'sv-x-ll' ? own : `${own} (${beside})`;
  return own ? `${own} (${beside})` : beside;
}

function LanguageSelect(props: { id: string; langs: string[] }) {
  const t = useTexts(translationTexts);
  return (
    <label for={props.id}>
      {t.language}
      <select id={props.id} name="lang" required>
        {props.langs.map((l) => (
          <option value={l}>
            <LanguageName lang={l} />
          </option>
        ))}
      </select>
    </label>
  );
}

export interface TranslationPageProps {
  staff: StaffContext;
  def: AdminDefinition;
  /** The key's draft the import writes into, or null: confirming creates one from `def`. */
  draft: AdminDefinition | null;
}

export const titleOf = (def: Pick<AdminDefinition, 'meta' | 'key'>) =>
  (def.meta as { title?: { sv?: string } }).title?.sv ?? def.key;

/** /admin/definitions/:id/translations: download a language's texts, upload a translation. */
export function TranslationPage({ staff, def, draft }: TranslationPageProps) {
  const t = useTexts(translationTexts);
  const langs = targetLanguages(def);
  const heading = t.heading(titleOf(def), def.version);
  return (
    <Layout title={heading} staff={staff}>
      <p>
        <a href={`/admin/definitions/${def.id}`}>{t.back(def.version)}</a>
      </p>
      <h1>{heading}</h1>
      <p class="muted">{t.intro}</p>
      <section class="card translation-form" aria-labelledby="export-heading">
        <h2 id="export-heading">{t.exportHeading}</h2>
        <form method="get" action={`/admin/definitions/${def.id}/translation`}>
          <LanguageSelect id="export-lang" langs={langs} />
          <fieldset>
            <legend>{t.format}</legend>
            <label class="check">
              <input type="radio" name="format" value="xliff" checked /> {t.xliff}
            </label>
            <label class="check">
              <input type="radio" name="format" value="csv" /> {t.csv}
            </label>
          </fieldset>
          <button type="submit">{t.download}</button>
        </form>
      </section>
      <section class="card translation-form" aria-labelledby="import-heading">
        <h2 id="import-heading">{t.importHeading}</h2>
        <p>{draft ? t.intoDraft(draft.version) : t.newDraft(def.version)}</p>
        <form method="post" action={`/admin/definitions/${def.id}/translations`} enctype="multipart/form-data">
          <LanguageSelect id="import-lang" langs={langs} />
          <label for="import-file">
            {t.file}
            <input
              id="import-file"
              type="file"
              name="file"
              accept=".xlf,.xliff,.csv,application/xliff+xml,text/csv"
              required
            />
          </label>
          <button type="submit" class="primary">
            {t.preview}
          </button>
        </form>
      </section>
    </Layout>
  );
}
