import { OCCASION } from '../../domain/vocabulary.ts';
import type { CodebookRow } from '../codebook.ts';
import { safeNames, widthFor, type ExportDictionary, type ExportVariable } from './dictionary.ts';

/** Free text and lists read up to this many characters. */
const LONG_TEXT = 2000;
const MULTIPLE = new Set(['checkbox', 'tagbox', 'ranking']);

type Variable = Omit<ExportVariable, 'name'>;

const base = (column: string, label: string): Variable => ({
  column,
  label,
  kind: 'string',
  decimals: 0,
  width: LONG_TEXT,
  values: [],
  missing: [],
  recode: [],
});

const FIXED: Variable[] = [
  { ...base('pseudonym', 'Pseudonym (ny för varje nedladdning)'), width: 16 },
  { ...base('version', 'Enkätversion'), kind: 'numeric' },
  {
    ...base('occasion', 'Tillfälle'),
    width: widthFor([...OCCASION.values]),
    values: OCCASION.entries.map(([code, label]) => ({ code, label })),
  },
  { ...base('submitted_on', 'Inskickad (datum)'), kind: 'date', width: 10 },
];

const decimalsOf = (value: string) => value.split('.')[1]?.length ?? 0;

/** A question (or derived value) as the syntax loads it, from its codebook row. */
function fromRow(column: string, row: CodebookRow): Variable {
  const variable = base(column, row.wording.sv);
  if (row.numeric) {
    const labelled = row.values.filter((v) => !v.missing);
    return {
      ...variable,
      kind: 'numeric',
      // Without labelled values (a WAI total, a change) the value is continuous: one decimal.
      decimals: labelled.length ? Math.max(0, ...labelled.map((v) => decimalsOf(v.value))) : 1,
      values: row.values.map((v) => ({ code: v.code ?? Number(v.value), label: v.sv })),
      missing: row.values.filter((v) => v.missing).map((v) => v.code ?? Number(v.value)),
      recode: row.values.flatMap((v) => (v.code === undefined ? [] : [{ from: v.value, to: v.code }])),
    };
  }
  const choices = row.values.map((v) => `${v.value} = ${v.sv}`).join(' | ');
  if (MULTIPLE.has(row.type))
    return { ...variable, note: `Flera svar, åtskilda med "|": ${choices}`, width: LONG_TEXT };
  if (row.values.length === 0) return variable;
  return {
    ...variable,
    width: widthFor(row.values.map((v) => v.value)),
    values: row.values.map((v) => ({ code: v.value, label: v.sv })),
    note: row.values.some((v) => v.missing)
      ? `Bortfall: ${row.values
          .filter((v) => v.missing)
          .map((v) => v.value)
          .join(', ')}`
      : undefined,
  };
}

/**
 * The row-level export's variables: the fixed columns, the answer columns the export carries (as
 * the database lists them, free text per grant) and the derived ones, described by the codebook
 * rows of the versions exported (newest first: a name takes its newest wording).
 */
export function rowDictionary(input: {
  file: string;
  title: string;
  columns: string[];
  rows: CodebookRow[];
}): ExportDictionary {
  const byName = new Map<string, CodebookRow>();
  for (const row of input.rows) if (!byName.has(row.variable)) byName.set(row.variable, row);
  const variables: Variable[] = [...FIXED];
  for (const column of input.columns) {
    const row = byName.get(column);
    const comment = /^(.*)-Comment$/.exec(column);
    if (row) variables.push(fromRow(column, row));
    else if (comment) {
      const of = byName.get(comment[1]!);
      variables.push(base(column, `${of ? of.wording.sv : comment[1]} – kommentar (fritext)`));
    } else variables.push(base(column, column));
  }
  const names = safeNames(variables.map((v) => v.column));
  return { file: input.file, title: input.title, variables: variables.map((v, i) => ({ ...v, name: names[i]! })) };
}
