import { describe, expect, it } from 'vitest';
import { distributionText } from '../../src/research/report-basis/item-tables.ts';
import type { BasisTable, ReportBasis } from '../../src/research/report-basis/model.ts';
import { buildReportBasis } from '../../src/research/report-basis/build.ts';
import { avslut, basis, cat, item, ITEMS, NBSP, outcomes } from '../support/report-basis-fixtures.ts';

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
      [
        'Stödet har fått ta den tid som jag har behövt.',
        '13',
        '5,38 (1,39)',
        '6',
        '1: 1, 2: 1, 3: 0, 4: 2, 5: 1, 6: 8',
      ],
      ['plan', '12', '4,50 (2,00)', '4,5', '1: 1, 2: 0, 3: 1, 4: 3, 5: 3, 6: 4'],
      ['vet_inte', 'alla svarade Vet inte (4)'],
      ['under_gransen', 'under rapporteringsgränsen (n = 6)'],
      ['liten', 'för få svar'],
    ]);
    expect(t.rows[2]!.cells[0]).toMatchObject({ span: 4, kind: 'dontknow' });
  });

  it('leaves out a survey occasion below the reporting minimum, saying so', () => {
    const o = outcomes();
    const report = basis(o, ITEMS);
    const withMinimum = avslut(ITEMS);
    withMinimum.report.versions[0] = {
      ...withMinimum.report.versions[0]!,
      reporting_minimum: 20,
      below_reporting_minimum: true,
    };
    const t = table(
      buildReportBasis({
        outcomes: o,
        surveys: [withMinimum],
        period: { from: '2025-Q1', to: '2026-Q2' },
        made: '2026-07-01',
      }),
      'avslut-avslut-v2',
    );
    expect(t.rows).toEqual([]);
    expect(t.empty).toBe('När stödet slutar: 13 svar, färre än rapporteringsgränsen 20.');
    expect(table(report, 'avslut-avslut-v2').rows.length).toBeGreaterThan(0);
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
