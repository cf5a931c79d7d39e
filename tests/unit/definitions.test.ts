import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinitionFile } from '../../src/surveys/catalog.ts';

const dir = new URL('../../surveys/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('every definition in surveys/', () => {
  it('there are definitions to check', () => expect(files.length).toBeGreaterThanOrEqual(2));

  it.each(files)('%s passes zod metadata, SurveyJS jsonErrors and our rules', (name) => {
    const result = validateDefinitionFile(JSON.parse(readFileSync(new URL(name, dir), 'utf8')));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('reports survey-core jsonErrors and broken metadata', () => {
    const bad = validateDefinitionFile({
      meta: {
        key: 'x1',
        version: 1,
        kind: 'survey',
        title: { sv: 'a', en: 'a' },
        occasions: [],
        scored: [{ name: 'q', min: 1, max: 6 }],
      },
      survey: { elements: [{ type: 'nosuchtype', name: 'q' }] },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.join(' ')).toMatch(/SurveyJS|not a question/);
    expect(validateDefinitionFile({ meta: { key: 'X' }, survey: {} }).ok).toBe(false);
  });

  it('refuses a survey with a "__proto__" key instead of dropping it unseen', () => {
    const file = JSON.parse(
      readFileSync(
        new URL(
          files.find((f) => f.startsWith('pagaende'))!,
          dir,
        ),
        'utf8',
      ),
    );
    expect(validateDefinitionFile(file).ok).toBe(true);
    const text = JSON.stringify(file).replace('"survey":{', '"survey":{"__proto__":{"x":1},');
    const bad = validateDefinitionFile(JSON.parse(text));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.join(' ')).toContain('__proto__');
  });
});

describe('the WAI definition stays in step with its scoring', () => {
  it('refuses a WAI version whose question names or values the scoring cannot read', () => {
    const wai = JSON.parse(readFileSync(new URL('wai.json', dir), 'utf8'));
    const page = wai.survey.pages.find(
      (p: { elements: { name: string }[] }) => p.elements[0]!.name === 'wai_6_prognos',
    );
    page.elements[0].name = 'wai_6_prognos_ny';
    const result = validateDefinitionFile(wai);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join(' ')).toMatch(/wai_6_prognos/);
  });
});
