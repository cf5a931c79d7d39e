import { describe, expect, it } from 'vitest';
import { buildReportBasis } from '../../src/research/report-basis/build.ts';
import type { Outcomes } from '../../src/research/report-basis/funder-tables.ts';
import {
  distributionText,
  type Aggregates,
  type Item,
  type SurveyFigures,
} from '../../src/research/report-basis/item-tables.ts';
import type { BasisTable, ReportBasis } from '../../src/research/report-basis/model.ts';
import { reportBasisCsv } from '../../src/research/report-basis/render-csv.ts';
import { reportBasisDocx } from '../../src/research/report-basis/render-docx.ts';
import { ReportBasisPage } from '../../src/research/views/report-basis.tsx';
import { readZipEntry } from '../support/zip.ts';

const NBSP = '\u00a0';
const SIX = ['1', '2', '3', '4', '5', '6'];
const cat = <K extends string>(category: K, n: number | null) => ({ category, n, suppressed: n === null });

/** The figures of the funder's template (seed 000): 26 of 45, 16 women and 10 men, 11 of 26 moved on. */
function outcomes(overrides: Partial<Outcomes> = {}): Outcomes {
  return {
    project_id: 'p',
    project_name: 'Ett hållbart arbetsliv',
    min_group_size: 3,
    enrolled: { n: 26, suppressed: false, target: 45 },
    exits: {
      n: 24,
      suppressed: false,
      categories: [
        cat('arbete', 3),
        cat('studier', 6),
        cat('fortsatt_rehabilitering', 8),
        cat('ohalsa', 3),
        cat('flytt', null),
        cat('ej_kontaktbar', null),
        cat('annat', 4),
      ],
    },
    work_or_studies: { n: 24, count: 9, share: 0.375, suppressed: false, goal: 0.4 },
    referrals: { n: 26, suppressed: false, categories: [] },
    time_in_programme: { n: 24, suppressed: false },
    response_rates: [],
    period: { from: '2025-01-01', to: '2026-04-01', closed_through: '2026-06-30' },
    gender: {
      n: 26,
      suppressed: false,
      target_women_percent: 60,
      categories: [cat('kvinna', 16), cat('man', 10), cat('annat', 0), cat('vill_inte_ange', 0), cat('saknas', 0)],
    },
    activity: {
      n: 26,
      suppressed: false,
      goal_percent: 40,
      categories: [cat('arbete', 3), cat('studier', 6), cat('annan_sysselsattning', null), cat('ingen', 15)],
    },
    ...overrides,
  };
}

const item = (name: string, fields: Partial<Item>): Item => ({
  item: name,
  scale: { min: 1, max: 6 },
  suppressed: false,
  ...fields,
});

/** Avslut as the evaluation (seed 004) reports it: 13 answers, means with SD. */
function avslut(items: Item[]): SurveyFigures {
  const report: Aggregates = {
    project_id: 'p',
    project_name: 'Ett hållbart arbetsliv',
    survey_key: 'avslut',
    min_group_size: 3,
    closed_through: '2026-06-30',
    versions: [
      {
        definition_id: 'd',
        version: 2,
        title: { sv: 'När stödet slutar', en: 'When the support ends' },
        occasion: 'avslut',
        responses: 13,
        suppressed: false,
        period: { from: '2025-01-01', to: '2026-04-01' },
        items,
        wai: null,
      },
    ],
  };
  return {
    key: 'avslut',
    label: 'Avslut',
    report,
    items: { 2: { tid: { text: 'Stödet har fått ta den tid som jag har behövt.', values: SIX } } },
  };
}

const ITEMS: Item[] = [
  item('tid', {
    n: 13,
    missing: 0,
    mean: 70 / 13,
    sd: 1.3867504905630728,
    median: 6,
    counts: { '1': null, '2': null, '3': 0, '4': 2, '5': 1, '6': 8 },
    distribution: {
      form: 'bands',
      bands: [
        { from: 1, to: 2, n: 2 },
        { from: 3, to: 4, n: 2 },
        { from: 5, to: 6, n: 9 },
      ],
    },
  }),
  item('plan', {
    n: 12,
    missing: 1,
    mean: 4.5,
    sd: 2,
    median: 4.5,
    counts: { '1': null, '2': 0, '3': null, '4': 3, '5': 3, '6': 4 },
  }),
  item('vet_inte', { n: 0, missing: 4, counts: {} }),
  item('liten', { suppressed: true }),
];

function basis(o = outcomes(), items = ITEMS): ReportBasis {
  return buildReportBasis({
    outcomes: o,
    surveys: [avslut(items)],
    period: { from: '2025-Q1', to: '2026-Q2' },
    made: '2026-07-01',
  });
}
const table = (b: ReportBasis, id: string): BasisTable => b.sections.flatMap((s) => s.tables).find((t) => t.id === id)!;
const rows = (t: BasisTable) => t.rows.map((r) => [r.head, ...r.cells.map((c) => c.text)]);

describe('Rapportunderlag: the table model', () => {
  it('builds the funder tables of the final-report template against the targets', () => {
    const b = basis();
    expect(b.answersThrough).toBe('Svar t.o.m. 2026-06-30');
    expect(b.period).toBe('2025 kv 1 – 2026 kv 2');
    expect(rows(table(b, 'deltagare'))).toEqual([['Inskrivna deltagare', '26', '45', `58${NBSP}%`]]);
    const gender = table(b, 'kon');
    expect(rows(gender).slice(0, 2)).toEqual([
      ['Kvinna', '16', `62${NBSP}%`, `60${NBSP}%`],
      ['Man', '10', `38${NBSP}%`, `40${NBSP}%`],
    ]);
    expect(gender.notes).toEqual([`Mål: 60${NBSP}% kvinnor och 40${NBSP}% män.`]);
    // "Annan sysselsättning" is hidden, but "ingen" is shown: 26 − 15 = 11 reveals nothing more.
    const activity = table(b, 'sysselsattning');
    expect(rows(activity)).toContainEqual(['Annan sysselsättning', 'för få', '–']);
    expect(rows(activity)).toContainEqual(['Arbete, studier eller annan sysselsättning', '11', `42${NBSP}%`]);
    expect(activity.notes).toEqual([
      `Mål: 40${NBSP}% till arbete, studier eller annan sysselsättning. Utfall 42${NBSP}%: målet är nått.`,
    ]);
    expect(b.sections[0]!.intro).toContain('2025 kv 1 – 2026 kv 2 (t.o.m. 2026-06-30)');
  });

  it('does not sum what the shown figures do not determine, and says when data is missing', () => {
    const o = outcomes({
      activity: {
        n: 26,
        suppressed: false,
        goal_percent: 40,
        categories: [cat('arbete', null), cat('studier', 9), cat('annan_sysselsattning', 2), cat('ingen', null)],
      },
      gender: undefined,
      period: undefined,
    });
    const b = basis(o);
    expect(rows(table(b, 'sysselsattning'))).toContainEqual([
      'Arbete, studier eller annan sysselsättning',
      'för få',
      '–',
    ]);
    expect(table(b, 'sysselsattning').notes![0]).toBe(
      `Mål: 40${NBSP}% till arbete, studier eller annan sysselsättning.`,
    );
    expect(table(b, 'kon').empty).toBe('Uppgift om kön finns inte i underlaget.');
    expect(b.sections[0]!.intro).toContain('hela insatstiden, inte bara den valda perioden');
  });

  it('writes item rows evaluation-style: n, mean (SD), median and distribution, rounded once', () => {
    const t = table(basis(), 'avslut-avslut-v2');
    expect(t.title).toBe('Avslut, version 2');
    expect(t.caption).toBe('När stödet slutar. 13 svar, 2025 kv 1 – 2026 kv 2.');
    expect(rows(t)).toEqual([
      ['Stödet har fått ta den tid som jag har behövt.', '13', '5,38 (1,39)', '6', '1–2: 2, 3–4: 2, 5–6: 9'],
      ['plan', '12', '4,50 (2,00)', '4,5', '1: –, 2: 0, 3: –, 4: 3, 5: 3, 6: 4'],
      ['vet_inte', 'alla svarade Vet inte (4)'],
      ['liten', 'för få svar'],
    ]);
    expect(t.rows[2]!.cells[0]).toMatchObject({ span: 4, kind: 'dontknow' });
  });

  it('shows a full distribution when the database allows it, and none when it does not', () => {
    const full = item('x', {
      n: 5,
      missing: 0,
      mean: 3,
      sd: 1,
      median: 3,
      counts: { '1': 0, '2': 1, '3': 3, '4': 1, '5': 0, '6': 0 },
    });
    const none = { ...full, item: 'y', distribution: { form: 'none' as const } };
    const t = table(basis(outcomes(), [{ ...full, distribution: { form: 'full' } }, none]), 'avslut-avslut-v2');
    expect(rows(t).map((r) => r[4])).toEqual(['1: 0, 2: 1, 3: 3, 4: 1, 5: 0, 6: 0', 'för få svar']);
  });
});

describe('Rapportunderlag: distributions over the values an item offers', () => {
  it('lists only the offered values of a scale with gaps (WAI prognosis 1, 4, 7)', () => {
    const prognosis = item('wai_6_prognos', {
      scale: { min: 1, max: 7 },
      n: 10,
      counts: { '1': 2, '2': 0, '3': 0, '4': 3, '5': 0, '6': 0, '7': 5 },
    });
    expect(distributionText(prognosis, ['7', '4', '1'])).toBe('1: 2, 4: 3, 7: 5');
    // Without the definition's values, every value of the scale.
    expect(distributionText(prognosis)).toBe('1: 2, 2: 0, 3: 0, 4: 3, 5: 0, 6: 0, 7: 5');
  });
});

describe('Rapportunderlag: HTML, Word and CSV carry the same cell texts', () => {
  const b = basis();
  // Rows without their trailing empty cells (a spanning statement or an empty target column).
  const trim = (cells: string[]) => cells.slice(0, cells.findLastIndex((c) => c !== '') + 1);
  const all = b.sections
    .flatMap((s) => s.tables)
    .flatMap((t) => t.rows.map((r) => trim([r.head, ...r.cells.map((c) => c.text)])));

  it('every row of the model is a row of the page, the CSV and the Word document', async () => {
    const html = String(
      ReportBasisPage({
        staff: { id: 's', email: 'r@x', memberships: [] },
        projects: [{ id: 'p', name: 'Ett hållbart arbetsliv' }],
        query: { project: 'p', from: '2025-Q1', to: '2026-Q2' },
        quarters: ['2025-Q1'],
        basis: b,
      }),
    );
    const csv = reportBasisCsv(b).split('\r\n');
    const xml = readZipEntry(new Uint8Array(await reportBasisDocx(b)), 'word/document.xml')!;
    const docxRows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      trim(
        [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
          [...c[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]!).join(''),
        ),
      ),
    );
    for (const r of all) {
      const cells = r.map((text) => `<t[hd][^>]*>${text.replace(/[()]/g, '\\$&')}</t[hd]>`).join('\\s*');
      expect(html, r.join(' | ')).toMatch(new RegExp(cells));
      expect(
        csv.some((l) => l.replace(/"/g, '').replace(/;+$/, '') === r.join(';')),
        r.join(';'),
      ).toBe(true);
      expect(docxRows, r.join(' | ')).toContainEqual(r);
    }
    expect(html).toContain('Svar t.o.m. 2026-06-30');
    expect(csv).toContain('Svar t.o.m. 2026-06-30');
    expect(xml).toContain('Svar t.o.m. 2026-06-30');
  });
});
