/**
 * The staff pages' text catalogues (issue 19): TypeScript makes English name every Swedish key;
 * this checks at run time that no English text is empty or a leftover Swedish one.
 */
import { describe, expect, it } from 'vitest';
import { loginTexts } from '../../src/auth/texts.ts';
import { handoutTexts } from '../../src/coach/handout-texts.ts';
import { coachTexts } from '../../src/coach/texts.ts';
import { labelTexts } from '../../src/coach/vocabulary-texts.ts';
import { researchTexts } from '../../src/research/texts.ts';
import type { Catalogue } from '../../src/views/lang.tsx';
import { frameTexts } from '../../src/views/staff-texts.ts';

const catalogues: Record<string, Catalogue<object>> = {
  frame: frameTexts,
  login: loginTexts,
  coach: coachTexts,
  vocabulary: labelTexts,
  handout: handoutTexts,
  research: researchTexts,
};

/** Every text of a catalogue half as [key path, text]; a function is called with sample arguments. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (typeof value === 'function') return [[path, value(...Array.from({ length: value.length }, () => 7))]];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  }
  return [[path, value]];
}

// Texts the same in both languages; any other English text equal to the Swedish one is a leftover.
const SAME_IN_BOTH = new Set([
  'admin',
  'entry.wai:start',
  'version',
  'versionLabel',
  'gender.man',
  'ageBand.16_29',
  'ageBand.30_49',
  'ageBand.50_64',
]);

// Swedish names that stay in English text (agencies named as the participant meets them).
const PROPER_NAMES = /Arbetsförmedlingen|Försäkringskassan/g;

describe.each(Object.entries(catalogues))('staff texts: %s', (_name, catalogue) => {
  const sv = leaves(catalogue.sv);
  const en = leaves(catalogue.en);

  it('English has exactly the Swedish keys', () => {
    expect(en.map(([k]) => k)).toEqual(sv.map(([k]) => k));
    expect(en.length).toBeGreaterThan(0);
  });

  it('every English text is a non-empty string without Swedish letters', () => {
    for (const [key, text] of en) {
      expect(typeof text, key).toBe('string');
      expect((text as string).trim(), key).not.toBe('');
      // The switch's own label names Swedish in Swedish, for those who read it.
      if (key === 'switchLabel') continue;
      expect((text as string).replace(PROPER_NAMES, ''), key).not.toMatch(/[åäöÅÄÖ]/);
    }
  });

  it('no English text is a copy of the Swedish one, except names and numbers', () => {
    const swedish = new Map(sv);
    const copies = en.filter(([key, text]) => text === swedish.get(key)).map(([key]) => key);
    expect(copies.filter((key) => !SAME_IN_BOTH.has(key))).toEqual([]);
  });
});
