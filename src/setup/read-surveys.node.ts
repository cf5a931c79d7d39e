import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export const surveysDir = new URL('../../surveys/', import.meta.url).pathname;

/** Reads every surveys/*.json file (Node only); parsing and checks happen in validateDefinitionFile. */
export async function readSurveyFiles(dir = surveysDir): Promise<{ name: string; raw: unknown }[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => ({ name, raw: JSON.parse(await readFile(join(dir, name), 'utf8')) as unknown })),
  );
}
