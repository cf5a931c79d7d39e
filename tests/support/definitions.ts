import { readFileSync } from 'node:fs';
import type { Principal, Store } from '../../src/store/store.ts';
import type { DefinitionMeta, SurveyJson } from '../../src/surveys/definition.ts';
import { withLanguages } from '../../src/surveys/offered-languages.ts';

export interface DefinitionFileJson {
  meta: DefinitionMeta & Record<string, unknown>;
  survey: SurveyJson & { pages: { name: string; elements: Record<string, unknown>[] }[] };
}

/**
 * A fresh, mutable copy of a shipped definition file (surveys/<name>.json); with `languages`, only
 * those languages' texts (for tests about the Swedish–English pair, not the shipped translations).
 */
export function shippedDefinition(name: string, languages?: readonly string[]): DefinitionFileJson {
  const file = JSON.parse(
    readFileSync(new URL(`../../surveys/${name}.json`, import.meta.url), 'utf8'),
  ) as DefinitionFileJson;
  if (!languages) return file;
  const keep = new Set(languages);
  const { languages: reviews, ...meta } = withLanguages(file.meta, keep);
  const kept = reviews ? Object.fromEntries(Object.entries(reviews).filter(([l]) => keep.has(l))) : undefined;
  return {
    meta: { ...meta, ...(kept ? { languages: kept } : {}) },
    survey: withLanguages(file.survey, keep),
  } as DefinitionFileJson;
}

/** Swedish and English only: the pair the rule and review tests are written for. */
export const SV_EN = ['sv', 'en'] as const;

/** The question named `name` in a definition file (pages → elements). */
export function questionIn(
  file: DefinitionFileJson,
  name: string,
): Record<string, unknown> & {
  title: Record<string, string>;
  choices: { value: unknown; text: Record<string, string> }[];
} {
  for (const page of file.survey.pages) for (const el of page.elements) if (el.name === name) return el as never;
  throw new Error(`no question ${name}`);
}

/** Adds a free-text page with one comment question (not scored). */
export function addCommentItem(file: DefinitionFileJson, name = 'ovrigt_ny'): DefinitionFileJson {
  file.survey.pages.push({
    name: `sida_${name}`,
    elements: [{ type: 'comment', name, title: { sv: 'Något mer du vill säga?', en: 'Anything else?' } }],
  });
  return file;
}

/**
 * Publishes the next version of an organisation's definition as its admin (draft from `fromId`,
 * optionally changed, then published), as the admin pages do after validating. Returns its id.
 */
export async function publishNextVersion(
  store: Store,
  admin: Principal,
  fromId: string,
  change: (json: SurveyJson) => SurveyJson = (json) => json,
): Promise<string> {
  const draft = await store.createDefinitionDraft(admin, fromId);
  const json = change(draft.json);
  const meta = draft.meta as unknown as Record<string, unknown>;
  if (json !== draft.json) await store.saveDefinitionDraft(admin, { id: draft.id, json, meta });
  return (await store.publishDefinition(admin, { id: draft.id, json, meta, confirmations: [] })).id;
}
