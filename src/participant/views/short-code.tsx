import { Layout } from '../../views/layout.tsx';
import type { ParticipantLocale } from '../../client/i18n/locales.ts';
import { RUNNER_TEXTS } from '../../client/i18n/texts.ts';
import { LanguageLinks, Own, secondLanguage } from './own-language.tsx';

/**
 * Where a participant types a short code. Swedish first, then the participant's own language
 * (links at the top switch it; the choice goes on to the questionnaire).
 */
export function ShortCodeEntryPage(props: {
  locale: ParticipantLocale;
  /** The language was chosen on this page (?lang=): the questionnaire opens in it. */
  chosen: boolean;
  error?: { sv: string; own: string };
  value?: string;
}) {
  const sv = RUNNER_TEXTS.sv.shortCode;
  const second = secondLanguage(props.locale);
  const own = RUNNER_TEXTS[second].shortCode;
  return (
    <Layout title={sv.title}>
      <LanguageLinks current={second} path="/k" />
      <h1>
        {sv.title}{' '}
        <Own locale={second} tag="span" class="own-language-title">
          {own.title}
        </Own>
      </h1>
      <p>{sv.intro}</p>
      <Own locale={second} class="muted">
        {own.intro}
      </Own>
      {props.error ? (
        <div class="notice error" role="alert">
          <p>{props.error.sv}</p>
          <Own locale={second} class="muted">
            {props.error.own}
          </Own>
        </div>
      ) : null}
      <form method="post" action="/k" class="stack short-code-form">
        {props.chosen ? <input type="hidden" name="lang" value={props.locale} /> : null}
        <label>
          {sv.label}{' '}
          <Own locale={second} tag="span">
            {own.label}
          </Own>
          <input
            name="code"
            required
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={12}
            class="code-input"
            dir="ltr"
            value={props.value ?? ''}
          />
        </label>
        <button type="submit" class="primary">
          {sv.open}
          {' / '}
          <Own locale={second} tag="span">
            {own.open}
          </Own>
        </button>
      </form>
    </Layout>
  );
}
