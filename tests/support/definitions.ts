import { readFileSync } from 'node:fs';
import type { SqlExecutor } from '../../src/store/executor.ts';
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

/**
 * Test set-up only: the organisation's published versions of `key` keep only `languages`' texts,
 * as if it had published them so. Published versions never change in the product (a trigger
 * refuses it); here the superuser sets the trigger aside for this one statement.
 */
export async function keepOnlyLanguages(
  db: SqlExecutor,
  projectId: string,
  key: string,
  languages: readonly string[],
): Promise<void> {
  const rows = await db.query<{ id: string; json: SurveyJson; meta: DefinitionMeta }>(
    `select d.id, d.json, d.meta from public.survey_definitions d
     join public.projects p on p.organisation_id = d.organisation_id where p.id = $1 and d.key = $2`,
    [projectId, key],
  );
  const keep = new Set(languages);
  await db.query('alter table public.survey_definitions disable trigger survey_definitions_immutable');
  try {
    for (const row of rows) {
      const { languages: reviews, ...meta } = withLanguages(row.meta, keep) as DefinitionMeta & {
        languages?: Record<string, unknown>;
      };
      const kept = reviews ? Object.fromEntries(Object.entries(reviews).filter(([l]) => keep.has(l))) : undefined;
      await db.query('update public.survey_definitions set json = $2::jsonb, meta = $3::jsonb where id = $1', [
        row.id,
        JSON.stringify(withLanguages(row.json, keep)),
        JSON.stringify({ ...meta, ...(kept ? { languages: kept } : {}) }),
      ]);
    }
  } finally {
    await db.query('alter table public.survey_definitions enable trigger survey_definitions_immutable');
  }
}
