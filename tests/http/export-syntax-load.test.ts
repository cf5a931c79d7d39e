/**
 * The syntax files load the real CSV downloads in the real tools: GNU PSPP runs the .sps and R
 * the .R on a row-level export and an aggregates export made through the app, and what they
 * loaded (variable labels, value labels, missing codes, every value) must match the codebook
 * download and the CSV cell by cell. Under CI a missing pspp or Rscript fails these tests.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_CODES } from '../../src/research/missing-codes.ts';
import { safeNames } from '../../src/research/syntax/dictionary.ts';
import { AWKWARD_TEXT, exportWorld, type ExportWorld } from '../support/export-data.ts';
import { loadWithPspp, loadWithR, needTool, parseCsv, tool, type Loaded } from '../support/export-tools.ts';

interface Expected {
  label: string;
  numeric: boolean;
  labels: Map<string, string>;
  missing: number[];
  /** Text in the CSV that loads as a number ("none" → -991). */
  recode: Map<string, number>;
}

const MULTIPLE = new Set(['checkbox', 'tagbox', 'ranking']);

/** The codebook CSV download as what each variable should load as. */
function fromCodebook(csv: string): Map<string, Expected> {
  const [header, ...rows] = parseCsv(csv);
  // A cell starting with "-" carries the CSV's formula guard ("'-999 = …"), which a spreadsheet hides.
  const col = (row: string[], name: string) => (row[header!.indexOf(name)] ?? '').replace(/^'-/, '-');
  const out = new Map<string, Expected>();
  for (const row of rows) {
    if (out.has(col(row, 'variable'))) continue; // newest version first
    const numeric = col(row, 'numeric') === '1';
    const values = col(row, 'values_sv')
      .split(' | ')
      .filter(Boolean)
      .map((part) => /^(\S+)(?: \[(-?\d+)\])? = (.*)$/s.exec(part)!)
      .map(([, code, number, label]) => ({ code: code!, number, label: label! }));
    const loadsAs = (code: string) => {
      const v = values.find((x) => x.code === code);
      return v?.number !== undefined ? v.number : String(Number(code));
    };
    const missing = col(row, 'missing_codes')
      .split(' | ')
      .filter((m) => m && !m.startsWith('(empty)'));
    out.set(col(row, 'variable'), {
      label: col(row, 'wording_sv'),
      numeric,
      labels: MULTIPLE.has(col(row, 'type'))
        ? new Map()
        : new Map(values.map((v) => [numeric ? loadsAs(v.code) : v.code, v.label])),
      missing: numeric ? missing.map((m) => Number(loadsAs(m))).sort() : [],
      recode: new Map(values.filter((v) => v.number !== undefined).map((v) => [v.code, Number(v.number)])),
    });
  }
  return out;
}

/** One loaded value against its CSV cell; PSPP keeps missing codes as numbers, R makes them NA with a reason. */
function checkValue(tool: 'pspp' | 'r', expected: Expected, loaded: Loaded, i: number, cell: string, where: string) {
  const value = loaded.values[i]!;
  const reason = loaded.reasons?.[i] ?? '';
  if (!expected.numeric) return expect(value, where).toBe(cell);
  if (cell === '') return expect([value, reason], where).toEqual(['', '']);
  const number = expected.recode.get(cell) ?? Number(cell);
  expect(Number.isNaN(number), `${where}: CSV cell ${cell} is not a number`).toBe(false);
  if (tool === 'pspp') return expect(Number(value), where).toBe(number);
  if (expected.missing.includes(number)) return expect([value, Number(reason)], where).toEqual(['', number]);
  expect([Number(value), reason], where).toEqual([number, '']);
}

function checkLoaded(tool: 'pspp' | 'r', csv: string, expected: Map<string, Expected>, loaded: Map<string, Loaded>) {
  const [header, ...rows] = parseCsv(csv);
  const names = safeNames(header!);
  let compared = 0;
  for (const [c, column] of header!.entries()) {
    const want = expected.get(column);
    const got = loaded.get(names[c]!);
    expect(got, `${tool}: ${column} is loaded`).toBeDefined();
    if (!want) continue;
    expect(got!.label, `${tool}: label of ${column}`).toBe(want.label);
    expect([...got!.labels].sort(), `${tool}: value labels of ${column}`).toEqual([...want.labels].sort());
    expect([...got!.missing].sort(), `${tool}: missing codes of ${column}`).toEqual(want.missing);
    expect(got!.values.length, `${tool}: rows of ${column}`).toBe(rows.length);
    rows.forEach((row, i) => checkValue(tool, want, got!, i, row[c]!, `${tool}: ${column} row ${i + 1}`));
    compared++;
  }
  return compared;
}

const pspp = tool('pspp');
const r = tool('Rscript');

describe('syntax files load the CSV exports in GNU PSPP and R', () => {
  let w: ExportWorld;
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    w = await exportWorld({ freeText: true });
    dir = mkdtempSync(join(tmpdir(), 'enkat-syntax-'));
    const p = w.world.projectId;
    const downloads = {
      'rader-wai': `/api/research/rows.<ext>?project=${p}&survey=wai`,
      'rader-pagaende': `/api/research/rows.<ext>?project=${p}&survey=pagaende`,
      'rader-avslut': `/api/research/rows.<ext>?project=${p}&survey=avslut`,
      'aggregat-pagaende': `/api/research/aggregates.<ext>?project=${p}&survey=pagaende`,
      // Two Avslut answers: a suppressed group, written as -997.
      'aggregat-avslut': `/api/research/aggregates.<ext>?project=${p}&survey=avslut`,
    };
    for (const [name, url] of Object.entries(downloads)) {
      for (const ext of ['csv', 'sps', 'R']) {
        const res = await w.app.request(url.replace('<ext>', ext), { headers: { cookie: w.cookies.researcher } });
        expect(res.status, `${name}.${ext}`).toBe(200);
        expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}.${ext}"`);
        files[`${name}.${ext}`] = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
        writeFileSync(join(dir, `${name}.${ext}`), files[`${name}.${ext}`]!);
      }
    }
    for (const survey of ['wai', 'pagaende', 'avslut']) {
      const res = await w.app.request(`/api/research/codebook.csv?project=${p}&survey=${survey}`, {
        headers: { cookie: w.cookies.researcher },
      });
      files[`kodbok-${survey}.csv`] = await res.text();
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await w?.db.close();
  });

  it('the WAI export carries totals, categories and the change with their codes, as the codebook says', () => {
    const [header, ...rows] = parseCsv(files['rader-wai.csv']!);
    expect(header!.slice(-3)).toEqual(['wai_total', 'wai_category', 'wai_change']);
    const cells = rows.map((row) => row.slice(-3).join(' '));
    // A pair (+3, +2.5 …), an exit with an unscorable start, a start alone, an exit alone.
    expect(cells.filter((c) => c.endsWith(' -998')).length).toBe(5); // four starts + the exit without one
    expect(cells).toContain('-999 -999 -998'); // the start missing item 6
    expect(cells.some((c) => / -999$/.test(c) && !c.startsWith('-999'))).toBe(true); // its exit
    const codebook = fromCodebook(files['kodbok-wai.csv']!);
    expect([...codebook.get('wai_category')!.labels]).toEqual([
      ['1', 'Dålig (7–27)'],
      ['2', 'Måttlig (28–36)'],
      ['3', 'God (37–43)'],
      ['4', 'Utmärkt (44–49)'],
      ['-999', MISSING_CODES.notComputable.sv],
    ]);
    expect(codebook.get('wai_change')!.missing).toEqual([-999, -998].sort());
  });

  it('free text reaches the CSV on one line, quoted and with its formula neutralised', () => {
    const [header, ...rows] = parseCsv(files['rader-avslut.csv']!);
    const comments = rows.map((row) => row[header!.indexOf('ovrigt')]).filter(Boolean);
    expect(comments).toEqual([`'${AWKWARD_TEXT.replace(/\r?\n/g, ' ')}`]);
  });

  for (const name of ['rader-wai', 'rader-pagaende', 'rader-avslut']) {
    const survey = name.replace('rader-', '');
    it.runIf(pspp.runs)(`PSPP loads ${name}.csv with the codebook's labels, missing codes and every value`, () => {
      needTool('pspp');
      const loaded = loadWithPspp(dir, `${name}.sps`);
      const expected = fromCodebook(files[`kodbok-${survey}.csv`]!);
      expect(checkLoaded('pspp', files[`${name}.csv`]!, expected, loaded)).toBeGreaterThan(5);
      if (survey === 'pagaende') {
        const item = loaded.get('stod_till_hjalp')!;
        expect(item.labels.get('1')).toBe('Aldrig / inte alls');
        expect(item.labels.get('6')).toBe('Alltid / helt och hållet');
        expect(item.missing).toEqual([-991]);
        expect(item.values).toContain('-991');
      }
      expect(loaded.get('occasion')!.labels.get('pagaende')).toBe('Pågående');
    });

    it.runIf(r.runs)(`R loads ${name}.csv with the codebook's labels, missing codes and every value`, () => {
      needTool('Rscript');
      const loaded = loadWithR(dir, `${name}.R`);
      const expected = fromCodebook(files[`kodbok-${survey}.csv`]!);
      expect(checkLoaded('r', files[`${name}.csv`]!, expected, loaded)).toBeGreaterThan(5);
      const [header, ...rows] = parseCsv(files[`${name}.csv`]!);
      const dates = rows.map((row) => row[header!.indexOf('submitted_on')]);
      expect(loaded.get('submitted_on')!.values).toEqual(dates);
      expect(loaded.get('pseudonym')!.values).toEqual(rows.map((row) => row[0]));
    });
  }

  it.runIf(r.runs)('R turns a labelled variable into a factor with the codebook labels', () => {
    needTool('Rscript');
    const extra = 'writeLines(as.character(enkat_factor(d$wai_category)), "factor.txt", useBytes = TRUE)\n';
    loadWithR(dir, 'rader-wai.R', extra);
    const [header, ...rows] = parseCsv(files['rader-wai.csv']!);
    const labels = fromCodebook(files['kodbok-wai.csv']!).get('wai_category')!.labels;
    const expected = rows.map((row) => {
      const code = row[header!.indexOf('wai_category')]!;
      return code === '-999' ? 'NA' : labels.get(code);
    });
    expect(readFileSync(join(dir, 'factor.txt'), 'utf8').trim().split('\n')).toEqual(expected);
  });

  for (const which of ['pspp', 'r'] as const) {
    it.runIf((which === 'pspp' ? pspp : r).runs)(
      `${which}: the aggregates CSV loads with item labels and its missing codes declared`,
      () => {
        needTool(which === 'pspp' ? 'pspp' : 'Rscript');
        const codes = [MISSING_CODES.suppressed, MISSING_CODES.notApplicable, MISSING_CODES.notComputable];
        const figure: Expected = {
          label: '',
          numeric: true,
          labels: new Map(codes.map((m) => [String(m.code), m.sv])),
          missing: codes.map((m) => m.code).sort(),
          recode: new Map(),
        };
        for (const [survey, columns] of [
          ['pagaende', 14],
          ['avslut', 14],
        ] as const) {
          const name = `aggregat-${survey}`;
          const loaded = which === 'pspp' ? loadWithPspp(dir, `${name}.sps`) : loadWithR(dir, `${name}.R`);
          const items = fromCodebook(files[`kodbok-${survey}.csv`]!);
          const [header] = parseCsv(files[`${name}.csv`]!);
          const expected = new Map<string, Expected>();
          for (const column of header!) {
            const label = loaded.get(column)?.label ?? '';
            if (['n', 'missing', 'mean', 'sd', 'median', 'q1', 'q3'].includes(column) || column.startsWith('count_'))
              expected.set(column, { ...figure, label });
          }
          expected.set('item', {
            label: 'Fråga',
            numeric: false,
            // A suppressed group names no items, so its file labels none.
            labels:
              survey === 'avslut'
                ? new Map()
                : new Map([...items].filter(([, e]) => e.numeric).map(([name, e]) => [name, e.label])),
            missing: [],
            recode: new Map(),
          });
          expect(checkLoaded(which, files[`${name}.csv`]!, expected, loaded), name).toBe(columns);
        }
        // Published Pågående items show whole distributions (no code); the suppressed Avslut group
        // reached the tool as declared missing values.
        expect(files['aggregat-pagaende.csv']).not.toContain(String(MISSING_CODES.suppressed.code));
        expect(files['aggregat-avslut.csv']).toContain(String(MISSING_CODES.suppressed.code));
      },
    );
  }
});
