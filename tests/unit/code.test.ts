import { describe, expect, it } from 'vitest';
import { ALPHABET, formatCode, generateCode, normaliseCode } from '../../src/domain/pseudonym-code.ts';

describe('pseudonym codes', () => {
  it('generates 8 Crockford characters whose check character validates', () => {
    for (let i = 0; i < 2000; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
      expect(normaliseCode(code)).toBe(code);
    }
  });

  it('formats as XXXX-XXXX and reads back what a person types', () => {
    const code = generateCode();
    expect(formatCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(normaliseCode(` ${formatCode(code).toLowerCase()} `)).toBe(code);
  });

  it('reads I and L as 1 and O as 0', () => {
    const code = generateCode(() => Uint8Array.from([1, 0, 1, 0, 1, 0, 1]));
    expect(code.slice(0, 7)).toBe('1010101');
    expect(normaliseCode(`I0L0${'1o1'}${code[7]}`)).toBe(code);
  });

  it('catches every single-character substitution', () => {
    const code = generateCode();
    for (let pos = 0; pos < 8; pos++) {
      for (const ch of ALPHABET) {
        if (ch === code[pos]) continue;
        const typo = code.slice(0, pos) + ch + code.slice(pos + 1);
        expect(normaliseCode(typo), typo).toBeNull();
      }
    }
  });

  it('catches every swap of two different neighbours', () => {
    for (let n = 0; n < 200; n++) {
      const code = generateCode();
      for (let pos = 0; pos < 7; pos++) {
        if (code[pos] === code[pos + 1]) continue;
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        expect(normaliseCode(swapped), swapped).toBeNull();
      }
    }
  });

  it('rejects wrong lengths and characters outside the alphabet', () => {
    expect(normaliseCode('')).toBeNull();
    expect(normaliseCode('ABCDEFG')).toBeNull();
    expect(normaliseCode('ABCDEFGHJ')).toBeNull();
    expect(normaliseCode('ABCD-EFU1')).toBeNull();
  });
});
