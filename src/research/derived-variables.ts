import type { DefinitionMeta } from '../surveys/definition.ts';
import type { WaiCategory } from '../scoring/wai.ts';
import type { CodebookRow, CodebookValue, Text2 } from './codebook.ts';
import { MISSING_CODES, type MissingKind } from './missing-codes.ts';

/** WAI categories as the numbers the row-level CSV writes (1 = poor … 4 = excellent). */
export const WAI_CATEGORY_CODES: Record<WaiCategory, number> = { poor: 1, moderate: 2, good: 3, excellent: 4 };

const WAI_DERIVED = ['wai_total', 'wai_category', 'wai_change'] as const;

const CATEGORY_LABELS: Record<WaiCategory, Text2> = {
  poor: { sv: 'Dålig (7–27)', en: 'Poor (7–27)' },
  moderate: { sv: 'Måttlig (28–36)', en: 'Moderate (28–36)' },
  good: { sv: 'God (37–43)', en: 'Good (37–43)' },
  excellent: { sv: 'Utmärkt (44–49)', en: 'Excellent (44–49)' },
};

const missingValue = (kind: MissingKind): CodebookValue => ({
  value: String(MISSING_CODES[kind].code),
  sv: MISSING_CODES[kind].sv,
  en: MISSING_CODES[kind].en,
  missing: true,
});

function derived(
  meta: DefinitionMeta,
  variable: (typeof WAI_DERIVED)[number],
  wording: Text2,
  values: CodebookValue[],
): CodebookRow {
  const missing = values.filter((v) => v.missing).map((v) => v.value);
  return {
    survey: meta.key,
    version: meta.version,
    variable,
    type: 'derived',
    wording,
    scored: false,
    scale: null,
    values,
    missingCodes: missing,
    freeText: false,
    required: false,
    conditional: false,
    numeric: true,
  };
}

/**
 * Variables the row-level export adds after the answers, computed from them (src/scoring): for
 * WAI the total, its category and, on the exit row, the change since the participant's start
 * response. Listed in the codebook like questions, so the page, the codebook CSV and the syntax
 * files describe them from one source.
 */
export function derivedRows(meta: DefinitionMeta): CodebookRow[] {
  if (meta.key !== 'wai') return [];
  const notComputable = missingValue('notComputable');
  return [
    derived(meta, 'wai_total', { sv: 'WAI-summa (7–49), beräknad', en: 'WAI total (7–49), computed' }, [notComputable]),
    derived(meta, 'wai_category', { sv: 'WAI-kategori, beräknad', en: 'WAI category, computed' }, [
      ...(Object.keys(WAI_CATEGORY_CODES) as WaiCategory[]).map((c) => ({
        value: String(WAI_CATEGORY_CODES[c]),
        ...CATEGORY_LABELS[c],
        missing: false,
      })),
      notComputable,
    ]),
    derived(
      meta,
      'wai_change',
      {
        sv: 'Förändring av WAI-summa, avslut − start (på avslutsraden)',
        en: 'Change in WAI total, exit − start (on the exit row)',
      },
      [missingValue('notApplicable'), notComputable],
    ),
  ];
}

/** The derived columns of a survey's row-level export, in order. */
export const derivedColumns = (surveyKey: string): string[] => (surveyKey === 'wai' ? [...WAI_DERIVED] : []);

/** What a row of the export knows for its derived values (RowExportPage rows). */
export interface DerivedSource {
  occasion: string;
  wai?: { total: number | null; category: string | null; start: { total: number | null } | null };
}

/**
 * The derived values of one row, in derivedColumns order, with the missing codes where there is
 * no value: a total or category that could not be scored is -999; the change is -998 on a start
 * row or an exit without a start response, -999 when either total could not be scored.
 */
export function derivedValues(surveyKey: string, row: DerivedSource): number[] {
  if (surveyKey !== 'wai') return [];
  const na = MISSING_CODES.notApplicable.code;
  const nc = MISSING_CODES.notComputable.code;
  const total = row.wai?.total ?? null;
  const category = row.wai?.category as WaiCategory | null | undefined;
  const start = row.wai?.start ?? null;
  const change =
    row.occasion !== 'avslut' || start === null
      ? na
      : total === null || start.total === null
        ? nc
        : total - start.total;
  return [total ?? nc, category && category in WAI_CATEGORY_CODES ? WAI_CATEGORY_CODES[category] : nc, change];
}
