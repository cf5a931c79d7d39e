import type { Child } from 'hono/jsx';
import { LOCALE_INFO, PARTICIPANT_LOCALES, type ParticipantLocale } from '../../client/i18n/locales.ts';

/**
 * The server-drawn participant pages without a questionnaire (the short-code page, a short link
 * that does not work): Swedish first, then the same in the participant's own language — the one
 * asked for (?lang=), else their browser's, else English as before.
 */
export function secondLanguage(locale: ParticipantLocale): ParticipantLocale {
  return locale === 'sv' ? 'en' : locale;
}

/** Links to the same page in each language, every name in itself. */
export function LanguageLinks(props: { current: ParticipantLocale; path: string }) {
  return (
    <nav class="lang-switch" aria-label="Språk / Language">
      {PARTICIPANT_LOCALES.filter((l) => l !== 'sv' && l !== props.current).map((l) => (
        <a href={`${props.path}?lang=${l}`} lang={LOCALE_INFO[l].htmlLang} hreflang={LOCALE_INFO[l].htmlLang}>
          {LOCALE_INFO[l].name}
        </a>
      ))}
    </nav>
  );
}

/** Text in the participant's own language, marked with its language and direction. */
export function Own(props: { locale: ParticipantLocale; children: Child; class?: string; tag?: 'p' | 'span' | 'h2' }) {
  const { htmlLang, dir } = LOCALE_INFO[props.locale];
  const Tag = props.tag ?? 'p';
  return (
    <Tag class={props.class ?? 'own-language'} lang={htmlLang} dir={dir}>
      {props.children}
    </Tag>
  );
}
