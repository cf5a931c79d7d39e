import { describe, expect, it } from 'vitest';
import { contrastRatio, over, parseColor, relativeLuminance, shownBackground } from '../support/contrast.ts';

const white = parseColor('rgb(255, 255, 255)');
const black = parseColor('rgb(0, 0, 0)');

describe('WCAG contrast from computed CSS colours', () => {
  it('parses the forms getComputedStyle reports and refuses others', () => {
    expect(parseColor('rgba(11, 92, 173, 0.1)')).toEqual({ r: 11, g: 92, b: 173, a: 0.1 });
    expect(parseColor('rgb(1 2 3 / 50%)')).toEqual({ r: 1, g: 2, b: 3, a: 0.5 });
    expect(parseColor('transparent').a).toBe(0);
    expect(() => parseColor('oklch(0.5 0.1 200)')).toThrow(/unsupported colour/);
  });

  it('gives the WCAG figures: 21:1 black on white, 1:1 for equal colours, known pairs', () => {
    expect(relativeLuminance(white)).toBeCloseTo(1, 6);
    expect(relativeLuminance(black)).toBe(0);
    expect(contrastRatio(black, white)).toBeCloseTo(21, 6);
    expect(contrastRatio(white, black)).toBeCloseTo(21, 6);
    expect(contrastRatio(white, white)).toBe(1);
    // The finding: SurveyJS's #f9f9f9 control on white, about 1.05:1.
    expect(contrastRatio(parseColor('rgb(249, 249, 249)'), white)).toBeCloseTo(1.05, 2);
    // #767676 is the lightest grey with 4.5:1 on white; #6b6b76 (our control border) 5.3:1.
    expect(contrastRatio(parseColor('rgb(118, 118, 118)'), white)).toBeCloseTo(4.54, 2);
    expect(contrastRatio(parseColor('rgb(107, 107, 118)'), white)).toBeCloseTo(5.3, 1);
  });

  it('composites translucent layers over the first opaque one', () => {
    expect(over(parseColor('rgba(0, 0, 0, 0.5)'), white)).toEqual({ r: 127.5, g: 127.5, b: 127.5, a: 1 });
    // Layers from the element outwards: a transparent card over a translucent tint over grey.
    const shown = shownBackground(['rgba(0, 0, 0, 0)', 'rgba(255, 0, 0, 0.5)', 'rgb(0, 0, 255)', 'rgb(0, 255, 0)']);
    expect(shown).toEqual({ r: 127.5, g: 0, b: 127.5, a: 1 });
    expect(shownBackground([])).toEqual({ r: 255, g: 255, b: 255, a: 1 });
  });
});
