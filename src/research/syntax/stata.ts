import { MISSING_CODES, SPECIAL_VALUE_CODES } from '../missing-codes.ts';
import { labelText, type ExportDictionary, type ExportVariable } from './dictionary.ts';

/** Stata's extended missing value for each of our codes; each code has its own letter. */
export const STATA_MISSING: Record<number, string> = {
  [MISSING_CODES.suppressed.code]: '.s',
  [MISSING_CODES.notApplicable.code]: '.n',
  [MISSING_CODES.notComputable.code]: '.c',
  [SPECIAL_VALUE_CODES.none!]: '.a',
  [SPECIAL_VALUE_CODES.other!]: '.o',
  [SPECIAL_VALUE_CODES.refused!]: '.r',
  [SPECIAL_VALUE_CODES.dontknow!]: '.d',
};

/** A Stata compound-quoted string on one line; ` and $ escaped so no macro is expanded. */
const s = (text: string) => `\`"${text.replace(/\s+/g, ' ').trim().replace(/[`$]/g, '\\$&')}"'`;

function convert(v: ExportVariable): string[] {
  const out: string[] = [];
  if (v.kind === 'date') {
    out.push(
      `generate double enkat_date = date(${v.name}, "YMD")`,
      `format enkat_date %tdCCYY-NN-DD`,
      `drop ${v.name}`,
      `rename enkat_date ${v.name}`,
    );
  }
  if (v.kind === 'numeric') {
    for (const r of v.recode) out.push(`replace ${v.name} = "${r.to}" if ${v.name} == ${s(r.from)}`);
    out.push(`destring ${v.name}, replace`);
    if (v.missing.length > 0)
      out.push(`mvdecode ${v.name}, mv(${v.missing.map((m) => `${m}=${STATA_MISSING[m] ?? '.'}`).join(' \\ ')})`);
  }
  out.push(`label variable ${v.name} ${s(labelText(v.label, 80))}`);
  if (v.kind === 'numeric' && v.values.length > 0) {
    const pairs = v.values.map((c) => {
      const value = typeof c.code === 'number' && v.missing.includes(c.code) ? STATA_MISSING[c.code] : c.code;
      return `${value} ${s(c.label)}`;
    });
    out.push(`label define ${v.name} ${pairs.join(' ')}, replace`, `label values ${v.name} ${v.name}`);
  }
  // Stata labels numbers only: a text variable's values are documented in a note.
  if (v.kind === 'string' && v.values.length > 0)
    out.push(`notes ${v.name}: ${s(`Värden: ${v.values.map((c) => `${c.code} = ${c.label}`).join(' | ')}`)}`);
  if (v.note) out.push(`notes ${v.name}: ${s(v.note)}`);
  return out;
}

/** The Stata do-file (.do) that loads the dictionary's CSV with labels and missing values. */
export function stataSyntax(d: ExportDictionary): string {
  const vars = d.variables;
  const lines = [
    `* ${d.title}`,
    `* Läser ${d.file} (kommaseparerad, decimalpunkt) ur arbetskatalogen (cd dit först). Stata 14 eller senare.`,
    '* Tom cell = inte besvarad. Koder för celler utan värde blir utökade bortfallsvärden:',
    ...Object.entries(STATA_MISSING).map(([code, letter]) => `*   ${code} -> ${letter}`),
    '',
    'version 14',
    'clear',
    `import delimited using ${s(d.file)}, delimiters(",") varnames(nonames) rowrange(2) encoding("utf-8") bindquotes(strict) stringcols(_all) clear`,
    `rename (${vars.map((_, i) => `v${i + 1}`).join(' ')}) (${vars.map((v) => v.name).join(' ')})`,
    ...vars.flatMap(convert),
    `order ${vars.map((v) => v.name).join(' ')}`,
    '',
  ];
  return lines.join('\n');
}
