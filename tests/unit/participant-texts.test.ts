// Issue 20: every participant language has every text of its own — the runner's and the pages'
// words, the participant error messages, and every text of the four shipped definitions — or says
// in FALLBACK_TEXTS that one is left in the source language. A missing or copied text fails here.
import { describe, expect, it } from 'vitest';
import { PARTICIPANT_ERROR_CODES } from '../../src/client/i18n/error-codes.ts';
import { LOCALE_INFO, PARTICIPANT_LOCALES, type ParticipantLocale } from '../../src/client/i18n/locales.ts';
import { FALLBACK_TEXTS, RUNNER_TEXTS } from '../../src/client/i18n/texts.ts';
import { participantErrorText } from '../../src/participant/i18n/errors.ts';
import { textUnits } from '../../src/surveys/translation-review.ts';
import { shippedDefinition } from '../support/definitions.ts';

/** Every leaf of a texts object as dotted key → value (functions called with sample arguments). */
function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix + k;
    if (typeof v === 'string') out.set(key, v);
    else if (typeof v === 'function') out.set(key, String((v as (...a: unknown[]) => string)(7, 9)));
    else if (Array.isArray(v)) v.forEach((x, i) => out.set(`${key}.${i}`, String(x)));
    else for (const [kk, vv] of leaves(v, `${key}.`)) out.set(kk, vv);
  }
  return out;
}

const source = leaves(RUNNER_TEXTS.sv);
const english = leaves(RUNNER_TEXTS.en);
const translated = PARTICIPANT_LOCALES.filter((l) => l !== 'sv' && l !== 'en');
const fallbackKeys = (lang: ParticipantLocale) => new Set((FALLBACK_TEXTS[lang] ?? []).map((f) => f.key));
/** Tags and {placeholders} of a text, in order: a translation keeps them all. */
const skeleton = (s: string) => [...s.matchAll(/<\/?[a-z0-9]+|\{[A-Za-z0-9]+\}/g)].map((m) => m[0]).join(' ');

describe('the runner and page texts of every participant language', () => {
  it.each(PARTICIPANT_LOCALES)('%s has every text, none empty, each its own', (lang) => {
    const own = leaves(RUNNER_TEXTS[lang]);
    expect([...own.keys()].sort()).toEqual([...source.keys()].sort());
    const allowed = fallbackKeys(lang);
    for (const [key, text] of own) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(skeleton(text), `${lang} ${key} keeps its placeholders`).toBe(skeleton(source.get(key)!));
      // Functions were called with 7 and 9: both numbers must appear where the source shows them.
      for (const n of ['7', '9']) if (source.get(key)!.includes(n)) expect(text, `${lang} ${key}`).toContain(n);
      // A translation is not the Swedish or English left in place (easy Swedish may keep a plain word).
      if (lang !== 'sv' && lang !== 'en' && lang !== 'sv-x-ll' && !allowed.has(key)) {
        expect(text, `${lang} ${key} is still Swedish`).not.toBe(source.get(key));
        if (!/^[\d\s{}0-9]+$/.test(text)) expect(text, `${lang} ${key} is still English`).not.toBe(english.get(key));
      }
    }
  });

  it('every fallback is a real key and says why', () => {
    for (const [lang, list] of Object.entries(FALLBACK_TEXTS))
      for (const f of list ?? []) {
        expect(source.has(f.key), `${lang} ${f.key}`).toBe(true);
        expect(f.why.length).toBeGreaterThan(10);
      }
  });

  it.each(translated)('%s has its own message for every error a participant can meet', (lang) => {
    for (const code of PARTICIPANT_ERROR_CODES) {
      const text = participantErrorText({ code }, lang);
      expect(text.trim(), `${lang} ${code}`).not.toBe('');
      if (lang !== 'sv-x-ll') {
        expect(text, `${lang} ${code}`).not.toBe(participantErrorText({ code }, 'sv'));
        expect(text, `${lang} ${code}`).not.toBe(participantErrorText({ code }, 'en'));
      }
    }
    expect(participantErrorText({ code: 'RATE_LIMITED', retryAfterSeconds: 180 }, lang)).toContain('3');
  });

  it('every language has a name in itself, a direction and an html language', () => {
    expect(PARTICIPANT_LOCALES.map((l) => LOCALE_INFO[l].name)).toEqual([
      'På svenska',
      'Lättläst svenska',
      'In English',
      'العربية',
      'Soomaali',
      'ትግርኛ',
      'دری',
      'فارسی',
    ]);
    expect(PARTICIPANT_LOCALES.filter((l) => LOCALE_INFO[l].dir === 'rtl')).toEqual(['ar', 'prs', 'fa']);
    expect(LOCALE_INFO['sv-x-ll'].htmlLang).toBe('sv');
  });
});

describe('the shipped definitions in every participant language', () => {
  const names = ['samtycke-forskning', 'pagaende', 'avslut', 'wai'];
  it.each(names)('%s has every text in every language, with its tags and placeholders', (name) => {
    const file = shippedDefinition(name);
    const units = textUnits(file);
    expect(units.size).toBeGreaterThan(5);
    for (const unit of units.values()) {
      const sv = unit.texts.sv!;
      for (const lang of PARTICIPANT_LOCALES) {
        const text = unit.texts[lang];
        expect(text?.trim(), `${name} ${unit.key} ${lang}`).toBeTruthy();
        expect(skeleton(text!), `${name} ${unit.key} ${lang} keeps tags and placeholders`).toBe(skeleton(sv));
      }
    }
    // The metadata's scale labels too (codebooks and charts use them).
    for (const item of file.meta.scored ?? [])
      for (const [value, label] of Object.entries(item.labels ?? {}))
        for (const lang of PARTICIPANT_LOCALES)
          expect((label as Record<string, string>)[lang], `${name} ${item.name}=${value} ${lang}`).toBeTruthy();
  });

  it.each(names)('%s marks every shipped translation as not yet reviewed by a native speaker', (name) => {
    const { languages } = shippedDefinition(name).meta as { languages?: Record<string, { review: string }> };
    expect(languages?.sv?.review).toBe('source');
    for (const lang of translated) expect(languages?.[lang]?.review, `${name} ${lang}`).toBe('unreviewed');
  });
});
