import { describe, expect, it } from 'vitest';
import { aggregatesCsv } from '../../src/research/csv.ts';
import { derivedValues } from '../../src/research/derived-variables.ts';
import { labelText, safeNames, type ExportDictionary } from '../../src/research/syntax/dictionary.ts';
import { rSyntax } from '../../src/research/syntax/r.ts';
import { spssSyntax } from '../../src/research/syntax/spss.ts';
import { stataSyntax } from '../../src/research/syntax/stata.ts';
import type { AggregateReport } from '../../src/store/store.ts';
import { needTool, tool } from '../support/export-tools.ts';

describe('missing codes in the aggregates CSV', () => {
  it('tells a suppressed figure (-997) from one that does not exist (-998) or cannot be computed (-999)', () => {
    const report = {
      project_name: 'P',
      survey_key: 's',
      versions: [
        {
          version: 1,
          occasion: 'pagaende',
          suppressed: false,
          period: { from: '2025-01-01', to: '2025-01-01' },
          items: [
            // A 1–5 item beside 1–6 ones: count_6 does not exist for it.
            {
              item: 'a',
              scale: { min: 1, max: 5 },
              suppressed: false,
              n: 9,
              missing: 0,
              mean: 3.5,
              sd: 1,
              median: 4,
              q1: 3,
              q3: 4,
              counts: { '1': 1, '2': 2, '3': 2, '4': 4, '5': 0 },
            },
            // Everyone answered "Vet inte": its statistics cannot be computed.
            { item: 'c', scale: { min: 1, max: 6 }, suppressed: false, n: 0, missing: 9, all_missing: true },
            { item: 'b', scale: { min: 1, max: 6 }, suppressed: true },
          ],
        },
      ],
    } as unknown as AggregateReport;
    const lines = aggregatesCsv(report, 'comma')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toBe('P,s,1,pagaende,2025-Q1,2025-Q1,a,0,9,0,3.5,1,4,3,4,1,2,2,4,0,-998');
    expect(lines[2]).toBe('P,s,1,pagaende,2025-Q1,2025-Q1,c,0,0,9,-999,-999,-999,-999,-999,0,0,0,0,0,0');
    expect(lines[3]).toBe(`P,s,1,pagaende,2025-Q1,2025-Q1,b,1,${Array(13).fill('-997').join(',')}`);
  });
});

describe('derived WAI values of a row', () => {
  const exit = (total: number | null, start: { total: number | null } | null) => ({
    occasion: 'avslut',
    wai: { total, category: total === null ? null : 'good', start },
  });
  it('writes the change on the exit row, -998 where there is no pair, -999 where a total is unscorable', () => {
    expect(derivedValues('wai', exit(40, { total: 36.5 }))).toEqual([40, 3, 3.5]);
    expect(derivedValues('wai', exit(40, null))).toEqual([40, 3, -998]);
    expect(derivedValues('wai', exit(40, { total: null }))).toEqual([40, 3, -999]);
    expect(derivedValues('wai', exit(null, { total: 30 }))).toEqual([-999, -999, -999]);
    expect(derivedValues('wai', { occasion: 'start', wai: { total: 30, category: 'moderate', start: null } })).toEqual([
      30, 2, -998,
    ]);
    expect(derivedValues('pagaende', { occasion: 'pagaende' })).toEqual([]);
  });
});

describe('syntax names and texts', () => {
  it('makes names valid and unique in SPSS, R and Stata', () => {
    expect(safeNames(['q-Comment', 'q_Comment', '1st', 'with', 'x'.repeat(40), 'x'.repeat(40)])).toEqual([
      'q_Comment',
      'q_Comment_2',
      'v_1st',
      'with_',
      'x'.repeat(32),
      `${'x'.repeat(30)}_2`,
    ]);
  });

  it('cuts labels by UTF-8 bytes at a character boundary, on one line', () => {
    expect(labelText('å\nä ö', 80)).toBe('å ä ö');
    expect(labelText('ååå', 5)).toBe('åå');
  });

  const dictionary: ExportDictionary = {
    file: "it's.csv",
    title: 't',
    variables: [
      {
        column: 'a',
        name: 'a',
        label: `Pris i $ och \`x' "citat"`,
        kind: 'numeric',
        decimals: 0,
        width: 8,
        values: [{ code: 1, label: "Ja, 'helt'" }],
        missing: [-991, -992, -993, -994],
        recode: [],
      },
    ],
  };

  it('quotes text safely in each language', () => {
    const sps = spssSyntax(dictionary);
    expect(sps).toContain("/FILE='it''s.csv'");
    expect(sps).toContain(`a 'Pris i $ och \`x'' "citat"'`);
    expect(sps).toContain("1 'Ja, ''helt'''");
    // SPSS takes three discrete missing values: four become the range of the codes.
    expect(sps).toContain('MISSING VALUES a (LOWEST THRU -990).');
    expect(rSyntax(dictionary)).toContain('attr(d[["a"]], "label") <- "Pris i $ och `x\' \\"citat\\""');
    // Stata expands ` and $ as macros even inside compound quotes unless escaped.
    expect(stataSyntax(dictionary)).toContain('label variable a `"Pris i \\$ och \\`x\' "citat""\'');
  });
});

describe('tests that need pspp or Rscript', () => {
  it('run under CI even when the tool is missing, and then fail instead of skipping', () => {
    const ci = process.env.CI;
    try {
      process.env.CI = 'true';
      expect(tool('enkat-no-such-tool')).toEqual({ available: false, runs: true });
      expect(() => needTool('enkat-no-such-tool')).toThrow(/not installed/);
      delete process.env.CI;
      expect(tool('enkat-no-such-tool')).toEqual({ available: false, runs: false });
      expect(tool('sh')).toEqual({ available: true, runs: true });
    } finally {
      if (ci === undefined) delete process.env.CI;
      else process.env.CI = ci;
    }
  });
});
