import { describe, expect, it } from 'vitest';
import { smsParts, smsText, stockholmDay } from '../../src/coach/handout-text.ts';
import { ALPHABET } from '../../src/domain/pseudonym-code.ts';
import { generateShortId, readShortId, SHORT_ID_LENGTH } from '../../src/domain/short-link-id.ts';

describe('short link ids', () => {
  it('are 13 lower-case characters with no I, L, O or U, and read back as themselves', () => {
    for (let i = 0; i < 200; i++) {
      const id = generateShortId();
      expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{13}$/);
      expect(readShortId(id)).toEqual({ ok: id.toUpperCase() });
    }
  });

  it('carry 60 random bits: 12 characters drawn from 32, each byte used uniformly', () => {
    const counts = new Map<string, number>();
    const bytes = Uint8Array.from({ length: 12 }, (_, i) => i * 21);
    const id = generateShortId(() => bytes);
    expect(id.slice(0, 12)).toBe(Array.from(bytes, (b) => ALPHABET[b % 32]!.toLowerCase()).join(''));
    for (let b = 0; b < 256; b++) counts.set(ALPHABET[b % 32]!, (counts.get(ALPHABET[b % 32]!) ?? 0) + 1);
    expect(new Set(counts.values())).toEqual(new Set([8]));
    expect(Math.log2(32) * (SHORT_ID_LENGTH - 1)).toBe(60);
  });

  it('every single changed character, every swap of neighbours and every cut is caught', () => {
    const id = generateShortId().toUpperCase();
    for (let i = 0; i < id.length; i++) {
      for (const c of ALPHABET) {
        if (c === id[i]) continue;
        expect(readShortId(id.slice(0, i) + c + id.slice(i + 1)), `${i}:${c}`).toEqual({ incomplete: true });
      }
      if (i < id.length - 1 && id[i] !== id[i + 1]) {
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(readShortId(swapped)).toEqual({ incomplete: true });
      }
      expect(readShortId(id.slice(0, i))).toEqual({ incomplete: true });
    }
    expect(readShortId(`${id}0`)).toEqual({ incomplete: true });
  });

  it('forgives case, O/I/L read as 0/1, hyphens and punctuation glued to the end of a link', () => {
    const id = generateShortId();
    for (const typed of [id.toUpperCase(), `${id}.`, `${id})`, `${id.slice(0, 4)}-${id.slice(4)}`]) {
      expect(readShortId(typed)).toEqual({ ok: id.toUpperCase() });
    }
    const withZero = '0000000000000';
    expect(readShortId('oooooOOOOOOOO')).toEqual({ ok: withZero });
  });
});

describe('hand-out words', () => {
  it('the SMS names the day in Swedish local time, with the year only when it is another', () => {
    expect(stockholmDay(new Date('2026-12-21T23:30:00Z'), new Date('2026-12-07T12:00:00Z'))).toBe('22 december');
    expect(stockholmDay(new Date('2027-01-04T10:00:00Z'), new Date('2026-12-24T12:00:00Z'))).toBe('4 januari 2027');
  });

  it('the SMS names the project and ends with the link; parts are counted as a phone sends them', () => {
    const url = 'https://enkat.example.se/l/7k3f9qx2m4abz';
    const text = smsText({
      project: 'Demo IPS-insats',
      url,
      expiresAt: new Date('2026-12-21T12:00:00Z'),
      now: new Date('2026-12-07T12:00:00Z'),
    });
    expect(text).toBe(
      `Hej! Här är enkäten från Demo IPS-insats. Du får den av din coach. Länken gäller till 21 december.\n${url}`,
    );
    expect(smsParts(text)).toEqual({ encoding: 'GSM-7', units: text.length, parts: 1 });
    expect(smsParts('x'.repeat(160)).parts).toBe(1);
    expect(smsParts('x'.repeat(161)).parts).toBe(2);
    expect(smsParts('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, parts: 1 });
    expect(smsParts(`${'x'.repeat(70)}`).encoding).toBe('GSM-7');
    expect(smsParts(`Enkät – ${'x'.repeat(62)}`)).toEqual({ encoding: 'UCS-2', units: 70, parts: 1 });
    expect(smsParts(`Enkät – ${'x'.repeat(63)}`)).toEqual({ encoding: 'UCS-2', units: 71, parts: 2 });
  });
});
