/**
 * Codes written into numeric CSV cells that hold no figure, one per reason, so a researcher (and
 * the SPSS, R and Stata syntax files) can tell a cell hidden by disclosure control from one where
 * no figure exists. Far outside every scale, count, WAI total (7–49) and change (−42…42), so no
 * real value can take them. A question left unanswered stays an empty cell.
 */
export const MISSING_CODES = {
  suppressed: {
    code: -997,
    sv: 'Dold: för få svarande (röjandeskydd)',
    en: 'Suppressed: too few respondents (disclosure control)',
  },
  notApplicable: {
    code: -998,
    sv: 'Ej tillämplig: värdet finns inte för denna rad',
    en: 'Not applicable: no such value for this row',
  },
  notComputable: {
    code: -999,
    sv: 'Kan inte beräknas: ett svar som behövs saknas',
    en: 'Cannot be computed: an answer it needs is missing',
  },
} as const satisfies Record<string, { code: number; sv: string; en: string }>;

export type MissingKind = keyof typeof MISSING_CODES;

/**
 * SurveyJS's special answers, stored as text, get these numbers when a syntax file loads a numeric
 * question (a 1–6 scale with "Vet inte" stored as "none"): declared missing, labelled.
 */
export const SPECIAL_VALUE_CODES: Record<string, number> = {
  none: -991,
  other: -992,
  refused: -993,
  dontknow: -994,
};

/** A CSV cell for a missing figure: its code, the same in both CSV styles. */
export const missingCell = (kind: MissingKind): string => String(MISSING_CODES[kind].code);
