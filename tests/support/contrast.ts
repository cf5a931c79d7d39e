/**
 * WCAG 2.x contrast from CSS colours as getComputedStyle reports them (rgb()/rgba()), for the
 * 360 px checks (tests/e2e/question-screen.test.ts): relative luminance, contrast ratio, and the
 * colour a stack of translucent backgrounds shows.
 */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** `rgb(1, 2, 3)`, `rgba(1, 2, 3, 0.5)`, the space syntax `rgb(1 2 3 / 0.5)` or `transparent`. */
export function parseColor(css: string): Rgba {
  const text = css.trim().toLowerCase();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(text);
  if (!m) throw new Error(`unsupported colour: ${css}`);
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a: alpha };
}

/** `top` painted over an opaque `bottom` (source-over). */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** Backgrounds from the element outwards, ending with the first opaque one (white if none is). */
export function shownBackground(layers: string[]): Rgba {
  let colour: Rgba = { r: 255, g: 255, b: 255, a: 1 };
  const parsed = layers.map(parseColor);
  const opaque = parsed.findIndex((c) => c.a >= 1);
  const stack = opaque === -1 ? parsed : parsed.slice(0, opaque + 1);
  for (const layer of stack.reverse()) colour = over(layer, colour);
  return colour;
}

/** WCAG relative luminance of an opaque sRGB colour. */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** (L1 + 0.05) / (L2 + 0.05), lighter over darker: 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
