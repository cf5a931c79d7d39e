/**
 * The participant pages' own words (the questionnaires carry theirs in the definition; the words
 * of every language are in src/participant/i18n), the languages offered, and writing direction.
 * A locale without our own texts falls back to Swedish.
 */
import { LOCALE_INFO, PARTICIPANT_LOCALES, participantLocaleOf, type ParticipantLocale } from './i18n/locales.ts';
import { RUNNER_TEXTS, type RunnerTexts } from './i18n/texts.ts';
import { LOCALE_TAG } from './locales.ts';

/**
 * A hand-over: the coach's phone shows the survey, and the page carries the link token itself
 * (participant/routes.tsx, /d). Read once; false outside a browser (tests import these texts).
 */
export const handover = typeof document !== 'undefined' && document.querySelector('meta[name="enkat-link"]') !== null;

/** A language of our own texts: every participant language (src/client/i18n/locales.ts). */
export type UiLang = ParticipantLocale;
/** The languages the switch offers, each named in itself, in the order of the list. */
export const UI_LANGS: { lang: UiLang; name: string }[] = PARTICIPANT_LOCALES.map((lang) => ({
  lang,
  name: LOCALE_INFO[lang].name,
}));

/** Written right to left: Arabic, Persian, Dari, Hebrew, Urdu, Pashto, Yiddish, Sorani Kurdish, Dhivehi. */
export const RTL_LOCALES: readonly string[] = ['ar', 'fa', 'prs', 'he', 'ur', 'ps', 'yi', 'ckb', 'dv'];

export function dirOf(locale: string): 'rtl' | 'ltr' {
  return RTL_LOCALES.includes(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/** A locale as asked for in ?lang=: a short BCP 47 language tag (sv, ar-SE, sv-x-ll), or null. */
export function parseLocale(value: string | null): string | null {
  return value && LOCALE_TAG.test(value) ? value : null;
}

/** What <html lang> says for a locale: easy Swedish is Swedish to a screen reader. */
export function htmlLangOf(locale: string): string {
  const known = participantLocaleOf(locale);
  return known ? LOCALE_INFO[known].htmlLang : locale;
}

/**
 * The languages the switch offers on a page showing `contentLocale`: those `available` (the
 * questionnaire's languages, as the server sent them: approved ones only) and always Swedish; all
 * of ours on a page without a questionnaire.
 */
export function switchLanguages(contentLocale: string, available: ReadonlySet<string> | null): typeof UI_LANGS {
  return UI_LANGS.filter(
    ({ lang }) => lang !== contentLocale && (available === null || lang === 'sv' || available.has(lang)),
  );
}

export type Texts = RunnerTexts;

/** The language our own texts are shown in for a locale: itself when we have it, else Swedish. */
export function uiLangOf(locale: string): UiLang {
  return participantLocaleOf(locale) ?? 'sv';
}

/**
 * Our words in a locale. On the coach's phone (a hand-over) the last words ask for the phone to be
 * given back, never "you can close the page": the coach takes it back with the password.
 */
export function textsFor(locale: string): Texts {
  const texts = RUNNER_TEXTS[uiLangOf(locale)];
  return handover ? { ...texts, ...texts.coachPhone } : texts;
}
