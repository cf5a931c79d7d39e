import { describe, expect, it } from 'vitest';
import type { WaiChange, WaiChangeSummary } from '../../src/store/store.ts';
import { WaiChangeSection } from '../../src/research/views/wai-change-section.tsx';

const html = (node: unknown) => String(node);
const hidden: WaiChangeSummary = {
  n: null,
  suppressed: true,
  mean_change: null,
  median_change: null,
  direction: { n: null, suppressed: true, categories: [] },
};

function change(overrides: Partial<WaiChange> = {}): WaiChange {
  return {
    project_id: 'p',
    project_name: 'Projekt',
    min_group_size: 3,
    pairs: 10,
    suppressed: false,
    total: {
      n: 10,
      suppressed: false,
      mean_change: 0.7,
      median_change: -0.25,
      direction: {
        n: 10,
        suppressed: false,
        categories: [
          { category: 'improved', n: 4, suppressed: false },
          { category: 'unchanged', n: null, suppressed: true },
          { category: 'worse', n: null, suppressed: true },
        ],
      },
    },
    work_ability_score: hidden,
    category_movement: {
      n: 10,
      suppressed: false,
      categories: [
        { category: 'up', n: 3, suppressed: false },
        { category: 'same', n: 5, suppressed: false },
        { category: 'down', n: 2, suppressed: false },
      ],
    },
    ...overrides,
  };
}

describe('WaiChangeSection', () => {
  it('shows the headings, signed Swedish decimals and "För få" in suppressed cells', () => {
    const out = html(WaiChangeSection({ change: change(), minGroup: 3 }));
    expect(out).toContain('Förändring start → avslut (parade svar)');
    expect(out).toContain('Förbättrad / Oförändrad / Försämrad');
    expect(out).toContain('<td>+0,7</td>');
    expect(out).toContain('<td>−0,25</td>');
    expect(out).toMatch(
      /<td>4 \/ <span class="suppressed">För få<\/span> \/ <span class="suppressed">För få<\/span><\/td>/,
    );
    // The Work Ability Score row is suppressed as a whole.
    expect(out).toContain('För få parade svar för att visas');
    expect(out).toContain('Förflyttning mellan WAI-kategorier: 10 par');
    expect(out).toMatch(/Lägre kategori<\/th><td>2<\/td>/);
  });

  it('shows no figures when everything is suppressed', () => {
    const out = html(
      WaiChangeSection({
        change: change({
          pairs: null,
          suppressed: true,
          total: hidden,
          category_movement: { n: null, suppressed: true, categories: [] },
        }),
        minGroup: 5,
      }),
    );
    expect(out).toContain('Grupper under 5 visas inte');
    expect(out).toContain('Kategoriförflyttning: för få parade svar för att visas.');
    expect(out).not.toMatch(/<td>[+−]?\d/);
  });
});
