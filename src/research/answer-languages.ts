/**
 * The answer-language table of the codebook and the Rapportunderlag: how many responses were given
 * in each participant language (public.answer_languages, suppressed there as register counts are).
 * A language is not an item series of its own: the item figures count every language together.
 */
// Pure data shared with the runner: the participant languages and their names.
import { LOCALE_INFO, PARTICIPANT_LOCALES, isParticipantLocale } from '../client/i18n/locales.ts';
import type { Lang } from '../domain/vocabulary.ts';
import type { AnswerLanguages } from '../store/store.ts';
import { csvCell } from '../views/csv.ts';
import { missingCell } from './missing-codes.ts';

/** The key public.answer_languages gives responses stored without a language (before it was recorded). */
export const UNKNOWN_LANGUAGE = 'unknown';

const UNKNOWN_NAME: Record<Lang, string> = { sv: 'okänt (inte registrerat)', en: 'not recorded' };

/** A language's name for staff pages: Swedish or English. */
export function languageName(key: string, lang: Lang): string {
  if (isParticipantLocale(key)) return lang === 'sv' ? LOCALE_INFO[key].swedish : LOCALE_INFO[key].english;
  return key === UNKNOWN_LANGUAGE ? UNKNOWN_NAME[lang] : key;
}

const rank = (key: string) => {
  const i = (PARTICIPANT_LOCALES as readonly string[]).indexOf(key);
  return i === -1 ? PARTICIPANT_LOCALES.length + (key === UNKNOWN_LANGUAGE ? 1 : 0) : i;
};

/** In the order the language switch lists them, "not recorded" last. */
export function orderLanguages<T extends { language: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => rank(a.language) - rank(b.language) || a.language.localeCompare(b.language));
}

const CSV_HEADER = ['answer_language', 'language_sv', 'language_en', 'responses'];

/**
 * The table as CSV lines after the codebook's rows (a blank line between): one line per language
 * with its responses, -997 where suppressed, then the total. Nothing when there is nothing to show.
 */
export function answerLanguageCsvLines(result: AnswerLanguages | null): string[][] {
  if (!result || result.responses === null) return [];
  const count = (n: number | null, suppressed: boolean) =>
    suppressed || n === null ? missingCell('suppressed') : String(n);
  return [
    [],
    CSV_HEADER,
    ...orderLanguages(result.languages).map((l) =>
      [l.language, languageName(l.language, 'sv'), languageName(l.language, 'en')]
        .map(csvCell)
        .concat(count(l.n, l.suppressed)),
    ),
    ['total', 'totalt', 'total', String(result.responses)],
  ];
}
