import { readFileSync } from 'node:fs';
import type { DefinitionMeta, SurveyJson } from '../../src/surveys/definition.ts';

export interface DefinitionFileJson {
  meta: DefinitionMeta & Record<string, unknown>;
  survey: SurveyJson & { pages: { name: string; elements: Record<string, unknown>[] }[] };
}

/** A fresh, mutable copy of a shipped definition file (surveys/<name>.json). */
export function shippedDefinition(name: string): DefinitionFileJson {
  return JSON.parse(readFileSync(new URL(`../../surveys/${name}.json`, import.meta.url), 'utf8')) as DefinitionFileJson;
}

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
