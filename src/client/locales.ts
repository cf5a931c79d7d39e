/** A language tag as definitions and addresses use it: sv, ar, ar-SE, prs, sv-x-ll (BCP 47, short). */
export const LOCALE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}$/;
/** A key of a text per language in a definition: a language tag, or SurveyJS's "default". */
export const LOCALE_KEY = /^(default|[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2})$/;

/** The languages a definition has texts in (keys of its localised strings). */
export function localesOf(json: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(json)) for (const v of json) localesOf(v, found);
  else if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    if (typeof o.sv === 'string' || typeof o.default === 'string') {
      for (const [k, v] of Object.entries(o)) if (typeof v === 'string' && LOCALE_TAG.test(k)) found.add(k);
    } else for (const v of Object.values(o)) localesOf(v, found);
  }
  return found;
}
