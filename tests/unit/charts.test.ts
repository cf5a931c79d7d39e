import { describe, expect, it } from 'vitest';
import { LikertChart, OutcomeChart, WaiCategoryChart } from '../../src/research/charts/items.tsx';
import { wrapText } from '../../src/research/charts/parts.tsx';
import type { ItemAggregate, WaiAggregate } from '../../src/store/store.ts';

const html = (node: unknown) => String(node);
const scale = { min: 1, max: 6 };

/** Attributes of the <rect> elements that carry data-value (the bar segments), in order. */
function segments(svg: string) {
  return [
    ...svg.matchAll(/<rect x="([\d.-]+)" y="[\d.]+" width="([\d.-]+)"[^>]*data-value="(\d+)" data-pct="([\d.]+)"/g),
  ].map((m) => ({ x: Number(m[1]), width: Number(m[2]), value: Number(m[3]), pct: Number(m[4]) }));
}

describe('LikertChart', () => {
  // n = 10: 1×1, 2×1, 3×2, 4×1, 5×3, 6×2 -> 10, 10, 20, 10, 30, 20 % (two "vet inte" are not in n).
  const item: ItemAggregate = {
    item: 'mer_redo',
    scale,
    suppressed: false,
    n: 10,
    missing: 2,
    mean: 4,
    sd: 1.6,
    median: 4.5,
    counts: { 1: 1, 2: 1, 3: 2, 4: 1, 5: 3, 6: 2 },
  };
  const svg = html(
    LikertChart({
      id: 'c1',
      title: 'Svarsfördelning',
      rows: [
        { item, label: 'Jag känner mig mer redo' },
        { item: { item: 'plan', scale, suppressed: true }, label: 'Planen' },
      ],
    }),
  );

  it('draws each value as its share of n, 100 % = 200 units on either side of the centre (x = 220)', () => {
    const s = segments(svg);
    expect(s.map((x) => x.value)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.map((x) => x.pct)).toEqual([10, 10, 20, 10, 30, 20]);
    expect(s.map((x) => x.width)).toEqual([20, 20, 40, 20, 60, 40]);
  });

  it('centres the bar on the boundary between 3 and 4', () => {
    const s = segments(svg);
    // Centre at 220: 3 ends there, 4 starts there; 1 starts 40 % (80 units) to the left.
    expect(s[2]!.x + s[2]!.width).toBe(220);
    expect(s[3]!.x).toBe(220);
    expect(s[0]!.x).toBe(140);
    expect(s[5]!.x + s[5]!.width).toBe(220 + 120);
    expect(svg).toMatch(/<line x1="220" x2="220"[^>]*data-testid="likert-centre"/);
  });

  it('shows a suppressed item as a grey row without numbers', () => {
    const row = svg.slice(svg.indexOf('data-item="plan"'), svg.indexOf('data-testid="likert-legend"'));
    expect(row).toContain('data-suppressed="true"');
    expect(row).toContain('För få svar');
    expect(row).not.toMatch(/\d+ %|n = /);
    expect(row).not.toContain('data-value');
  });

  it('is an image with a title and a description, labelled by both', () => {
    expect(svg).toMatch(/^<svg[^>]* role="img" aria-labelledby="c1-title c1-desc"/);
    expect(svg).toContain('<title id="c1-title">Svarsfördelning</title>');
    expect(svg).toMatch(
      /<desc id="c1-desc">[^<]*Jag känner mig mer redo: 1–3 40 %, 4–6 60 % \(1: 10 %, 2: 10 %, 3: 20 %, 4: 10 %, 5: 30 %, 6: 20 %; n = 10\)\.[^<]*Planen: för få svar\.<\/desc>/,
    );
  });

  it('has a legend with the default scale labels, or the ones passed', () => {
    expect(svg).toContain('1 = Aldrig / inte alls');
    expect(svg).toContain('6 = Alltid / helt och hållet');
    const custom = html(
      LikertChart({ id: 'c2', title: 't', rows: [{ item, label: 'x' }], scaleLabels: { 1: 'Instämmer inte alls' } }),
    );
    expect(custom).toContain('1 = Instämmer inte alls');
    expect(custom).toContain('2 = Sällan / i liten grad');
  });

  it('never produces NaN: n = 0, missing counts, no rows', () => {
    const empty: ItemAggregate = { item: 'e', scale, suppressed: false, n: 0, counts: {} };
    const noCounts: ItemAggregate = { item: 'f', scale, suppressed: false, n: 3 };
    const out = html(
      LikertChart({
        id: 'c3',
        title: 't',
        rows: [
          { item: empty, label: 'E' },
          { item: noCounts, label: 'F' },
        ],
      }),
    );
    expect(out).not.toMatch(/NaN|Infinity|undefined/);
    expect(segments(out).every((s) => s.width === 0 && s.pct === 0)).toBe(true);
    expect(html(LikertChart({ id: 'c4', title: 't', rows: [] }))).not.toMatch(/NaN|Infinity/);
  });

  it('wraps long labels so they stay inside the viewBox', () => {
    const long = 'Jag har fått det stöd jag behöver för att kunna hantera min situation och ta nästa steg mot arbete';
    const lines = wrapText(long, 52);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 52)).toBe(true);
    expect(lines.join(' ')).toBe(long);
  });
});

describe('WaiCategoryChart', () => {
  const wai: WaiAggregate = {
    suppressed: false,
    n: 12,
    categories: [
      { category: 'poor', n: 0 },
      { category: 'moderate', n: 3 },
      { category: 'good', n: 8 },
      { category: 'excellent', n: 1 },
    ],
  };
  const svg = html(WaiCategoryChart({ id: 'w', title: 'WAI-kategorier', wai }));

  it('draws every category with its count, scaled to the largest', () => {
    expect(svg).toMatch(/data-category="good">.*?<rect x="150" y="[\d.]+" width="250"/);
    expect(svg).toMatch(/data-category="poor">.*?<rect x="150" y="[\d.]+" width="0"/);
    expect(svg).toMatch(/data-category="excellent">.*?<rect x="150" y="[\d.]+" width="31.3"/);
    const moderate = svg.slice(svg.indexOf('data-category="moderate"'), svg.indexOf('data-category="good"'));
    expect(moderate).toContain('>3<');
    expect(svg).not.toContain('hatch');
  });

  it('has title and description and no NaN when every count is 0', () => {
    expect(svg).toContain('<title id="w-title">WAI-kategorier</title>');
    expect(svg).toContain('God (37–43): 8 svar; Utmärkt (44–49): 1 svar');
    const none = html(
      WaiCategoryChart({
        id: 'w2',
        title: 't',
        wai: { suppressed: false, categories: wai.categories!.map((c) => ({ ...c, n: 0 })) },
      }),
    );
    expect(none).not.toMatch(/NaN|Infinity/);
  });
});

describe('OutcomeChart', () => {
  it('scales bars to max and draws the target line at the target', () => {
    const svg = html(
      OutcomeChart({
        id: 'o',
        title: 'Till arbete eller studier',
        unit: '%',
        max: 100,
        target: { value: 40, label: 'Mål' },
        bars: [
          { label: 'EHA Ockelbo', value: 25 },
          { label: 'EHA Gävle', value: 50 },
          { label: 'Liten grupp', value: null, suppressed: true },
        ],
      }),
    );
    // Plot is 356 units wide from x = 4: 25 % -> 89, 50 % -> 178, target 40 % at 4 + 142.4.
    expect(
      [...svg.matchAll(/width="([\d.]+)" height="22" fill="#0b5cad" data-value="([\d.]+)"/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['89', '25'],
      ['178', '50'],
    ]);
    expect(svg).toContain('data-testid="target-line" data-x="146.4"');
    expect(svg).toContain('Mål 40 %');
    expect(svg).toMatch(/data-label="Liten grupp"><text[^]*?data-suppressed="true"/);
    expect(svg).toContain(
      '<desc id="o-desc">EHA Ockelbo: 25 %; EHA Gävle: 50 %; Liten grupp: för få svar. Mål: 40 %.</desc>',
    );
  });

  it('defaults max to the largest of values and target (enrolled against target), with no NaN at zero', () => {
    const svg = html(
      OutcomeChart({
        id: 'e',
        title: 'Inskrivna',
        bars: [{ label: 'Inskrivna', value: 30 }],
        target: { value: 60, label: 'Mål' },
      }),
    );
    expect(svg).toContain('data-value="30"');
    expect(svg).toMatch(/width="178" height="22"/);
    expect(svg).toContain('data-x="360"');
    const zero = html(
      OutcomeChart({
        id: 'z',
        title: 'Tomt',
        bars: [
          { label: 'A', value: 0 },
          { label: 'B', value: Number.NaN },
        ],
      }),
    );
    expect(zero).not.toMatch(/NaN|Infinity/);
  });
});
