import { describe, expect, it } from 'vitest';
import { dirOf } from '../../src/client/texts.ts';

describe('text direction of a locale', () => {
  it('is right to left for Arabic, Persian and Dari (also with a region), left to right otherwise', () => {
    for (const rtl of ['ar', 'fa', 'prs', 'fa-AF', 'ar-SY']) expect(dirOf(rtl), rtl).toBe('rtl');
    for (const ltr of ['sv', 'en', 'so', 'ti', 'uk', 'sv-x-lattlast']) expect(dirOf(ltr), ltr).toBe('ltr');
  });
});
