/**
 * What a participant page must be at 360 px, measured in the browser (issue 18): no sideways
 * scrolling, no text cut off with "…" or hidden overflow, every visible form control's boundary
 * at least 3:1 against what is behind it (WCAG 1.4.11, computed with tests/support/contrast.ts
 * from getComputedStyle), and touch targets of at least 44 × 44 px. axe does not check these.
 */
import type { Page } from 'playwright-core';
import { contrastRatio, over, parseColor, shownBackground } from '../support/contrast.ts';

/** Drawn controls: native ones, and SurveyJS's (its radios and checkboxes are drawn decorators). */
const CONTROLS = [
  'input:not([type=hidden])',
  'select',
  'textarea',
  '.sd-item__decorator',
  '.sd-rating__item',
  '.sd-input',
  '.sd-dropdown',
].join(',');
/** What a finger taps: choice rows, rating buttons, buttons, fields. */
const TARGETS = ['.sd-selectbase__label', '.sd-rating__item', 'button', 'input:not([type=hidden])', 'select'].join(',');

interface RawControl {
  what: string;
  borders: string[];
  fill: string;
  behind: string[];
}
interface Raw {
  scrollWidth: number;
  clipped: string[];
  controls: RawControl[];
  smallTargets: string[];
}

function collect(args: { controls: string; targets: string }): Raw {
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    // 1 px SurveyJS inputs are visually hidden: their decorator is what is seen.
    return r.width >= 4 && r.height >= 4 && cs.visibility === 'visible' && cs.display !== 'none' && cs.opacity !== '0';
  };
  const clipped: string[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!(el instanceof HTMLElement) || !visible(el)) continue;
    const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    const cs = getComputedStyle(el);
    const over = el.scrollWidth > el.clientWidth + 1;
    if (cs.textOverflow === 'ellipsis' && over) clipped.push(`ellipsis: ${describe(el)}`);
    else if (hasText && over && /hidden|clip/.test(cs.overflowX)) clipped.push(`hidden overflow: ${describe(el)}`);
  }
  const controls: RawControl[] = [];
  const seen = new Set<Element>();
  for (const el of document.querySelectorAll(args.controls)) {
    if (seen.has(el) || !visible(el)) continue;
    seen.add(el);
    const cs = getComputedStyle(el);
    const borders = (['top', 'right', 'bottom', 'left'] as const)
      .filter((side) => {
        const width = parseFloat(cs.getPropertyValue(`border-${side}-width`));
        const style = cs.getPropertyValue(`border-${side}-style`);
        return width >= 1 && style !== 'none' && style !== 'hidden';
      })
      .map((side) => cs.getPropertyValue(`border-${side}-color`));
    const behind: string[] = [];
    for (let p = el.parentElement; p; p = p.parentElement) {
      const bg = getComputedStyle(p).backgroundColor;
      behind.push(bg);
      if (/^rgb\(/.test(bg)) break; // opaque: nothing further shows through
    }
    controls.push({ what: describe(el), borders, fill: cs.backgroundColor, behind });
  }
  const smallTargets: string[] = [];
  for (const el of document.querySelectorAll(args.targets)) {
    if (!visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 44 || r.height < 44)
      smallTargets.push(`${describe(el)} ${Math.round(r.width)}×${Math.round(r.height)}`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, clipped, controls, smallTargets };
}

export interface ScreenReport {
  scrollWidth: number;
  clipped: string[];
  /** Controls whose best boundary (border or fill) is under 3:1 against the background behind them. */
  lowContrast: string[];
  /** The lowest boundary contrast among the page's controls (Infinity with no controls). */
  lowest: number;
  controls: number;
  smallTargets: string[];
}

/** The boundary contrast of one control: its border, or its fill where that marks it out. */
export function boundaryContrast(c: RawControl): number {
  const bg = shownBackground(c.behind);
  const candidates = [...c.borders, c.fill].map((css) => over(parseColor(css), bg));
  return Math.max(...candidates.map((colour) => contrastRatio(colour, bg)));
}

export async function measureScreen(page: Page): Promise<ScreenReport> {
  const raw = await page.evaluate(collect, { controls: CONTROLS, targets: TARGETS });
  const ratios = raw.controls.map((c) => ({ what: c.what, ratio: boundaryContrast(c) }));
  return {
    scrollWidth: raw.scrollWidth,
    clipped: raw.clipped,
    lowContrast: ratios.filter((r) => r.ratio < 3).map((r) => `${r.what} ${r.ratio.toFixed(2)}:1`),
    lowest: Math.min(...ratios.map((r) => r.ratio)),
    controls: ratios.length,
    smallTargets: raw.smallTargets,
  };
}
