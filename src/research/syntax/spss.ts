import { MISSING_CODES, SPECIAL_VALUE_CODES } from '../missing-codes.ts';
import { labelText, type ExportDictionary, type ExportVariable } from './dictionary.ts';

/** A quoted SPSS string: single quotes, doubled inside. */
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const code = (c: number | string) => (typeof c === 'number' ? String(c) : q(c));
// A text column holding a special answer is read as text under a temporary name, then recoded.
const raw = (v: ExportVariable, i: number) => `enkat_raw_${i + 1}`;
const readsText = (v: ExportVariable) => v.kind === 'numeric' && v.recode.length > 0;

function format(v: ExportVariable): string {
  if (v.kind === 'string') return `A${v.width}`;
  if (v.kind === 'date') return 'SDATE10';
  return `F${Math.max(8, 6 + v.decimals)}.${v.decimals}`;
}

/** SPSS allows three discrete missing values; more become the range of our codes (all ≤ -990). */
function missingValues(v: ExportVariable): string | null {
  if (v.missing.length === 0) return null;
  if (v.missing.length <= 3) return `MISSING VALUES ${v.name} (${v.missing.join(', ')}).`;
  return `MISSING VALUES ${v.name} (LOWEST THRU -990).`;
}

function header(d: ExportDictionary): string[] {
  return [
    '* Encoding: UTF-8.',
    `* ${d.title}.`,
    `* Läser ${d.file} (kommaseparerad, decimalpunkt) ur samma mapp som denna fil:`,
    '* öppna den i SPSS eller GNU PSPP, skriv vid behov hela sökvägen i FILE nedan och kör allt.',
    '* Tom cell = inte besvarad. Koder för celler utan värde (deklarerade som bortfall):',
    ...Object.values(MISSING_CODES).map((m) => `*   ${m.code} = ${m.sv}.`),
    `*   ${Object.entries(SPECIAL_VALUE_CODES)
      .map(([text, n]) => `${text} = ${n}`)
      .join(', ')} (textsvar på sifferskalor).`,
    '',
  ];
}

/** The SPSS syntax (.sps) that loads the dictionary's CSV with labels and missing values. */
export function spssSyntax(d: ExportDictionary): string {
  const vars = d.variables;
  const lines = header(d);
  lines.push(
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${q(d.file)}`,
    "  /ENCODING='UTF-8'",
    '  /ARRANGEMENT=DELIMITED',
    '  /DELCASE=LINE',
    '  /FIRSTCASE=2',
    "  /DELIMITERS=','",
    `  /QUALIFIER='"'`,
    '  /VARIABLES=',
    ...vars.map((v, i) => `    ${readsText(v) ? raw(v, i) : v.name} ${readsText(v) ? 'A40' : format(v)}`),
    '.',
  );
  vars.forEach((v, i) => {
    if (!readsText(v)) return;
    const pairs = v.recode.map((r) => `(${q(r.from)}=${r.to})`).join(' ');
    lines.push(`RECODE ${raw(v, i)} ${pairs} (CONVERT) INTO ${v.name}.`, `FORMATS ${v.name} (${format(v)}).`);
  });
  if (vars.some(readsText)) {
    lines.push(
      `DELETE VARIABLES ${vars.flatMap((v, i) => (readsText(v) ? [raw(v, i)] : [])).join(' ')}.`,
      // Back to the CSV's column order.
      `MATCH FILES /FILE=* /KEEP=${vars.map((v) => v.name).join(' ')}.`,
    );
  }
  lines.push('', 'VARIABLE LABELS');
  lines.push(vars.map((v) => `  ${v.name} ${q(labelText(v.label, 255))}`).join('\n  /') + '.');
  const labelled = vars.filter((v) => v.values.length > 0);
  if (labelled.length) {
    lines.push('', 'VALUE LABELS');
    lines.push(
      labelled
        .map(
          (v) => `  ${v.name}\n${v.values.map((x) => `    ${code(x.code)} ${q(labelText(x.label, 120))}`).join('\n')}`,
        )
        .join('\n  /') + '.',
    );
  }
  // A number with labelled values is a category or a scale step: ordinal, not a measurement.
  const ordinal = vars.filter((v) => v.kind === 'numeric' && v.values.some((x) => !v.missing.includes(Number(x.code))));
  if (ordinal.length) lines.push('', `VARIABLE LEVEL ${ordinal.map((v) => v.name).join(' ')} (ORDINAL).`);
  const missing = vars.map(missingValues).filter((m): m is string => m !== null);
  if (missing.length) lines.push('', ...missing);
  for (const v of vars) if (v.note) lines.push(`* ${v.name}: ${v.note.replace(/\s+/g, ' ')}.`);
  lines.push('', 'EXECUTE.', '');
  return lines.join('\n');
}
