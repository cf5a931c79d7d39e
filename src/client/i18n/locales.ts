/**
 * The languages participants can answer in: Swedish first, easy Swedish, English, then the most
 * interpreted languages among people in Swedish labour-market programmes. Each is named in itself
 * on the language switch. Pure data: the runner (browser) and the server's pages share it.
 *
 * Tags: `sv-x-ll` is easy Swedish (lättläst; "LL" as in Centrum för lättläst), a private-use variant
 * of Swedish: its pages are Swedish to a screen reader (html lang="sv"), and a text a definition lacks
 * in easy Swedish falls back to the Swedish source (SurveyJS reads the tag's root). Dari is `prs`
 * (ISO 639-3), not `fa-AF`: a regional tag of Persian would let a missing Dari text fall back to
 * Iranian Persian without anyone deciding so, and the two are translated and reviewed apart.
 */
export const PARTICIPANT_LOCALES = ['sv', 'sv-x-ll', 'en', 'ar', 'so', 'ti', 'prs', 'fa'] as const;
export type ParticipantLocale = (typeof PARTICIPANT_LOCALES)[number];

export interface LocaleInfo {
  /** The language's name in itself, as the switch shows it. */
  name: string;
  /** The name in Swedish, for staff pages. */
  swedish: string;
  /** The name in English, for staff pages in English. */
  english: string;
  /** What <html lang> says: easy Swedish is Swedish to a screen reader. */
  htmlLang: string;
  dir: 'ltr' | 'rtl';
}

export const LOCALE_INFO: Record<ParticipantLocale, LocaleInfo> = {
  sv: { name: 'På svenska', swedish: 'svenska', english: 'Swedish', htmlLang: 'sv', dir: 'ltr' },
  'sv-x-ll': {
    name: 'Lättläst svenska',
    swedish: 'lättläst svenska',
    english: 'Easy Swedish',
    htmlLang: 'sv',
    dir: 'ltr',
  },
  en: { name: 'In English', swedish: 'engelska', english: 'English', htmlLang: 'en', dir: 'ltr' },
  ar: { name: 'العربية', swedish: 'arabiska', english: 'Arabic', htmlLang: 'ar', dir: 'rtl' },
  so: { name: 'Soomaali', swedish: 'somaliska', english: 'Somali', htmlLang: 'so', dir: 'ltr' },
  ti: { name: 'ትግርኛ', swedish: 'tigrinska', english: 'Tigrinya', htmlLang: 'ti', dir: 'ltr' },
  prs: { name: 'دری', swedish: 'dari', english: 'Dari', htmlLang: 'prs', dir: 'rtl' },
  fa: { name: 'فارسی', swedish: 'persiska', english: 'Persian', htmlLang: 'fa', dir: 'rtl' },
};

export function isParticipantLocale(value: unknown): value is ParticipantLocale {
  return typeof value === 'string' && (PARTICIPANT_LOCALES as readonly string[]).includes(value);
}

/**
 * The participant language a tag names, or null: exact, else by its language (`ar-SE` → ar,
 * `sv-SE` → sv); `fa-AF` is Dari as Afghan browsers name it.
 */
export function participantLocaleOf(tag: string | null | undefined): ParticipantLocale | null {
  if (!tag) return null;
  const t = tag.trim();
  if (isParticipantLocale(t)) return t;
  const lower = t.toLowerCase();
  if (lower === 'sv-x-ll') return 'sv-x-ll';
  if (lower === 'fa-af') return 'prs';
  const base = lower.split('-')[0]!;
  return isParticipantLocale(base) ? base : null;
}

/** The first language of an Accept-Language header that participants can answer in, or null. */
export function fromAcceptLanguage(header: string | null | undefined): ParticipantLocale | null {
  for (const part of (header ?? '').split(',')) {
    const found = participantLocaleOf(part.split(';')[0]);
    if (found) return found;
  }
  return null;
}
