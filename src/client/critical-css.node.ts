/**
 * The part of survey-core's stylesheet that the server-drawn first screen needs
 * (participant/views/first-screen*.tsx), so the page can paint from a few KB of CSS while the
 * whole stylesheet (~300 KB decoded) loads without blocking that paint. A rule is kept when one of
 * its selectors names only classes the first screen uses (classes inside :not() do not count: they
 * exclude, so such a rule may apply), or is :root, :host or body (the variables). At-rules other
 * than @media and @supports (keyframes, font faces, vendor blocks) are left out. The full
 * stylesheet repeats every kept rule, so nothing changes when it arrives.
 */
import { readFile } from 'node:fs/promises';

/** The classes in the first screen's views; `${kind}` stands for radio and checkbox. */
export async function firstScreenClasses(files: string[]): Promise<Set<string>> {
  const classes = new Set<string>();
  for (const file of files) {
    const source = (await readFile(file, 'utf8'))
      .replace(/\$\{kind\}/g, 'radio checkbox sd-radio sd-checkbox')
      .replace(/sd-progress--\$\{[^}]*\}/g, 'sd-progress--pages sd-progress--questions');
    for (const m of source.matchAll(/\b(?:sd|sv|sjs)[-_][A-Za-z0-9_-]*[A-Za-z0-9_]/g)) classes.add(m[0]);
    // `sd-${kind}__control` and the like, after the substitution above split them:
    for (const m of source.matchAll(/radio checkbox sd-radio sd-checkbox([A-Za-z0-9_-]+)/g))
      for (const kind of ['radio', 'checkbox']) classes.add(`sd-${kind}${m[1]}`);
  }
  return classes;
}

/** Splits "a,b:is(c,d)" at top-level commas. */
function splitSelectors(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(list.slice(from, i));
      from = i + 1;
    }
  }
  out.push(list.slice(from));
  return out.map((s) => s.trim());
}

function selectorApplies(selector: string, classes: Set<string>): boolean {
  if (/^(:root|:host|body)$/.test(selector)) return true;
  const positive = selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '');
  const used = [...positive.matchAll(/\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
  return used.length > 0 && used.every((c) => classes.has(c));
}

/** The end of the block that opens at `open` (a "{"), skipping strings. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const ch = css[i];
    if (ch === '"' || ch === "'") i = css.indexOf(ch, i + 1);
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return css.length;
}

/** The rules of a (minified) stylesheet the first screen needs. */
export function criticalCss(css: string, classes: Set<string>): string {
  let out = '';
  let i = 0;
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open === -1) break;
    const prelude = text.slice(i, open).trim();
    const end = blockEnd(text, open);
    const body = text.slice(open + 1, end);
    if (prelude.startsWith('@media') || prelude.startsWith('@supports')) {
      const inner = criticalCss(body, classes);
      if (inner) out += `${prelude}{${inner}}`;
    } else if (!prelude.startsWith('@') && splitSelectors(prelude).some((s) => selectorApplies(s, classes))) {
      out += `${prelude}{${body}}`;
    }
    i = end + 1;
  }
  return out;
}
