import { OCCASION } from '../../domain/vocabulary.ts';
import type { AggregateReport } from '../../store/store.ts';
import { aggregateScale } from '../csv.ts';
import { MISSING_CODES } from '../missing-codes.ts';
import { safeNames, widthFor, type ExportDictionary, type ExportVariable } from './dictionary.ts';

type Variable = Omit<ExportVariable, 'name'>;

const text = (column: string, label: string, values: string[] = []): Variable => ({
  column,
  label,
  kind: 'string',
  decimals: 0,
  width: widthFor(values.length ? values : ['x'.repeat(64)]),
  values: [],
  missing: [],
  recode: [],
});

// A figure cell holds a number, or the code of a suppressed figure, of one that does not exist,
// or of one that cannot be computed (the statistics of an item everyone answered "Vet inte").
const FIGURE_CODES = [MISSING_CODES.suppressed, MISSING_CODES.notApplicable, MISSING_CODES.notComputable];
const figure = (column: string, label: string, decimals: number): Variable => ({
  ...text(column, label),
  kind: 'numeric',
  decimals,
  values: FIGURE_CODES.map((m) => ({ code: m.code, label: m.sv })),
  missing: FIGURE_CODES.map((m) => m.code),
});

/**
 * The aggregates CSV's variables (src/research/csv.ts writes the same columns from the same
 * report), with the items' Swedish titles as value labels of `item`.
 */
export function aggregatesDictionary(input: {
  file: string;
  title: string;
  report: AggregateReport;
  itemLabels: Record<string, string>;
}): ExportDictionary {
  const items = [...new Set(input.report.versions.flatMap((v) => v.items.map((i) => i.item)))];
  const variables: Variable[] = [
    text('project', 'Projekt', [input.report.project_name]),
    text('survey', 'Enkät', [input.report.survey_key]),
    { ...figure('version', 'Enkätversion', 0), values: [], missing: [] },
    {
      ...text('occasion', 'Tillfälle', [...OCCASION.values]),
      values: OCCASION.entries.map(([code, label]) => ({ code, label })),
    },
    text('period_from', 'Första kvartalet (ÅÅÅÅ-Qn)', ['2025-Q1']),
    text('period_to', 'Sista kvartalet (ÅÅÅÅ-Qn)', ['2025-Q1']),
    {
      ...text('item', 'Fråga', items),
      values: items.map((code) => ({ code, label: input.itemLabels[code] ?? code })),
    },
    {
      ...figure('suppressed', 'Hela gruppen dold (för få svarande)', 0),
      values: [
        { code: 0, label: 'Nej' },
        { code: 1, label: 'Ja' },
      ],
      missing: [],
    },
    figure('n', 'Antal svar', 0),
    figure('missing', 'Antal bortfall (t.ex. Vet inte)', 0),
    figure('mean', 'Medelvärde', 4),
    figure('sd', 'Standardavvikelse', 4),
    figure('median', 'Median', 1),
    figure('q1', 'Första kvartil', 1),
    figure('q3', 'Tredje kvartil', 1),
    ...aggregateScale(input.report).map((s) => figure(`count_${s}`, `Antal svar med värdet ${s}`, 0)),
  ];
  const names = safeNames(variables.map((v) => v.column));
  return { file: input.file, title: input.title, variables: variables.map((v, i) => ({ ...v, name: names[i]! })) };
}
