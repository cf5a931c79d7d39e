/**
 * Which languages of a questionnaire version a participant is offered (issue 20): Swedish, the
 * source, always; any other language only when an admin of the organisation approved it for the
 * version (definition_languages) and the version has texts in it. The participant's copy of the
 * definition carries only those languages' texts, so an unapproved translation never reaches a
 * phone: not on the first screen, not in the runner, not by asking for ?lang= directly.
 */
import { LOCALE_TAG, localesOf } from '../client/locales.ts';
import type { StoredDefinition } from '../store/types.ts';

/** Swedish first, then the approved languages the version has, in the order of the approvals. */
export function offeredLanguages(def: Pick<StoredDefinition, 'json' | 'approved_languages'>): string[] {
  const has = localesOf(def.json);
  return ['sv', ...(def.approved_languages ?? []).filter((l) => l !== 'sv' && has.has(l))];
}

/** A copy of a definition's JSON (or metadata text) with only the texts of `keep` (and SurveyJS's "default"). */
export function withLanguages<T>(json: T, keep: ReadonlySet<string>): T {
  if (Array.isArray(json)) return json.map((v) => withLanguages(v, keep)) as T;
  if (!json || typeof json !== 'object') return json;
  const o = json as Record<string, unknown>;
  const localisable = typeof o.sv === 'string' || typeof o.default === 'string';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (localisable && typeof v === 'string' && k !== 'default' && LOCALE_TAG.test(k) && !keep.has(k)) continue;
    out[k] = localisable ? v : withLanguages(v, keep);
  }
  return out as T;
}
