import { questionsOf, type QuestionJson, type SurveyJson } from '../surveys/definition.ts';

/**
 * Work Ability Index (WAI) scoring: seven dimensions summed to 7–49, then a category.
 * Pure: reads the answers of the `wai` definition (surveys/wai.json) by question name. Never
 * prorates: a dimension that cannot be scored makes the total null, which is the honest answer.
 */

/** The questions scoreWai reads, by role. surveys/wai.json must keep these names and values. */
export const WAI_QUESTIONS = {
  ability: 'wai_1_formaga',
  workType: 'wai_2_arbetets_art',
  physical: 'wai_2_fysiska',
  mental: 'wai_2_psykiska',
  diagnosed: 'wai_3_lakardiagnos',
  impairment: 'wai_4_hinder',
  sickDays: 'wai_5_sjukdagar',
  prognosis: 'wai_6_prognos',
  enjoy: 'wai_7_gladje',
  active: 'wai_7_aktiv',
  hopeful: 'wai_7_hopp',
} as const;
export type WaiRole = keyof typeof WAI_QUESTIONS;

/** Disease groups in item 3; each ticked group counts as one diagnosed disease. */
export const WAI_DISEASE_GROUPS = [
  'olycksskada',
  'muskler_leder',
  'hjarta_karl',
  'andning',
  'psykisk',
  'nerver_sinnen',
  'mage_tarm',
  'urin_konsorgan',
  'hud',
  'tumor',
  'hormon_amnesomsattning',
  'blod',
  'medfodd',
  'annan',
] as const;

const steps = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/** The answer values each question may hold: the WAI points (or codes) as the definition's choice values. */
export const WAI_VALUES: Record<WaiRole, readonly (string | number)[]> = {
  ability: steps(0, 10),
  workType: ['physical', 'mental', 'both'],
  physical: steps(1, 5),
  mental: steps(1, 5),
  diagnosed: [...WAI_DISEASE_GROUPS, 'none'],
  impairment: steps(1, 6),
  sickDays: steps(1, 5),
  prognosis: [1, 4, 7],
  enjoy: steps(0, 4),
  active: steps(0, 4),
  hopeful: steps(0, 4),
};

export type WaiDimension = 'd1' | 'd2' | 'd3' | 'd4' | 'd5' | 'd6' | 'd7';
export type WaiCategory = 'poor' | 'moderate' | 'good' | 'excellent';

/** The score of one WAI response. Dimensions that could not be scored are null and listed in `missing`. */
export interface WaiScore {
  /** 7–49 (half points possible through d2), or null unless all seven dimensions are scored. */
  total: number | null;
  category: WaiCategory | null;
  /** Item 1 alone (0–10), often reported on its own as the Work Ability Score. */
  workAbilityScore: number | null;
  dimensions: Record<WaiDimension, number | null>;
  missing: WaiDimension[];
}

type Answers = Record<string, unknown>;

/** The answer to a single-choice question when it is one of the role's allowed values, else null. */
function single(answers: Answers, role: WaiRole): string | number | null {
  const value = answers[WAI_QUESTIONS[role]];
  return (typeof value === 'number' || typeof value === 'string') && WAI_VALUES[role].includes(value) ? value : null;
}

/** The points of a single-choice question, or null. */
function points(answers: Answers, role: WaiRole): number | null {
  const value = single(answers, role);
  return typeof value === 'number' ? value : null;
}

/** The ticked values of a checkbox, or null when absent, empty, duplicated or outside the allowed set. */
function ticked(answers: Answers, role: WaiRole): (string | number)[] | null {
  const value = answers[WAI_QUESTIONS[role]];
  if (!Array.isArray(value) || value.length === 0 || new Set(value).size !== value.length) return null;
  return value.every((v) => WAI_VALUES[role].includes(v as string | number)) ? (value as (string | number)[]) : null;
}

/** Weights of (physical, mental) demands by the nature of the work, as the WAI manual gives them. */
const DEMAND_WEIGHTS = { physical: [1.5, 0.5], mental: [0.5, 1.5], both: [1, 1] } as const;

/** d2: physical and mental demands, the one the job mostly needs weighted up (2–10, half points). */
function demands(answers: Answers): number | null {
  const type = single(answers, 'workType') as keyof typeof DEMAND_WEIGHTS | null;
  const physical = points(answers, 'physical');
  const mental = points(answers, 'mental');
  if (type === null || physical === null || mental === null) return null;
  const [wp, wm] = DEMAND_WEIGHTS[type];
  return physical * wp + mental * wm;
}

/** Points by number of physician-diagnosed diseases: 0→7, 1→5, 2→4, 3→3, 4→2, 5 or more→1. */
const DISEASE_POINTS = [7, 5, 4, 3, 2, 1] as const;

/** d3: counts ticked groups; "none" must stand alone (the UI clears the rest, a forged mix is missing). */
function diseases(answers: Answers): number | null {
  const groups = ticked(answers, 'diagnosed');
  if (groups === null) return null;
  if (groups.includes('none')) return groups.length === 1 ? DISEASE_POINTS[0] : null;
  return DISEASE_POINTS[Math.min(groups.length, 5)]!;
}

/** d4: the lowest ticked value, since the worst hindrance is what limits work. */
function impairment(answers: Answers): number | null {
  const values = ticked(answers, 'impairment');
  return values === null ? null : Math.min(...(values as number[]));
}

/** d7: three 0–4 items summed (0–12), banded 0–3→1, 4–6→2, 7–9→3, 10–12→4. */
function mentalResources(answers: Answers): number | null {
  const items = [points(answers, 'enjoy'), points(answers, 'active'), points(answers, 'hopeful')];
  if (items.some((v) => v === null)) return null;
  const sum = (items as number[]).reduce((a, b) => a + b, 0);
  return sum <= 3 ? 1 : sum <= 6 ? 2 : sum <= 9 ? 3 : 4;
}

/** The WAI category of a total; cut-offs are strict so half points fall below (27.5 is poor). */
export function waiCategory(total: number): WaiCategory {
  if (total < 28) return 'poor';
  if (total < 37) return 'moderate';
  if (total < 44) return 'good';
  return 'excellent';
}

/** Scores one response's answers. Never throws: anything unusable makes that dimension missing. */
export function scoreWai(answers: Record<string, unknown>): WaiScore {
  const a: Answers = answers !== null && typeof answers === 'object' && !Array.isArray(answers) ? answers : {};
  const dimensions: Record<WaiDimension, number | null> = {
    d1: points(a, 'ability'),
    d2: demands(a),
    d3: diseases(a),
    d4: impairment(a),
    d5: points(a, 'sickDays'),
    d6: points(a, 'prognosis'),
    d7: mentalResources(a),
  };
  const missing = (Object.keys(dimensions) as WaiDimension[]).filter((d) => dimensions[d] === null);
  const total = missing.length ? null : Object.values(dimensions).reduce<number>((s, v) => s + (v ?? 0), 0);
  return {
    total,
    category: total === null ? null : waiCategory(total),
    workAbilityScore: dimensions.d1,
    dimensions,
    missing,
  };
}

const EXPECTED_TYPE: Record<WaiRole, string> = {
  ability: 'rating',
  workType: 'radiogroup',
  physical: 'radiogroup',
  mental: 'radiogroup',
  diagnosed: 'checkbox',
  impairment: 'checkbox',
  sickDays: 'radiogroup',
  prognosis: 'radiogroup',
  enjoy: 'radiogroup',
  active: 'radiogroup',
  hopeful: 'radiogroup',
};

/** The values a question offers: its choices (plus "none") or its rating steps. */
function offered(q: QuestionJson): unknown[] {
  if (q.type === 'rating' && !(Array.isArray(q.rateValues) && q.rateValues.length)) {
    // Same defaults as survey-core: 1–5 in steps of 1.
    const { rateMin = 1, rateMax = 5, rateStep = 1 } = q as { rateMin?: number; rateMax?: number; rateStep?: number };
    const out: number[] = [];
    for (let v = rateMin; v <= rateMax && out.length < 100; v += rateStep > 0 ? rateStep : 1) out.push(v);
    return out;
  }
  if (q.type === 'rating')
    return (q.rateValues as unknown[]).map((c) =>
      c !== null && typeof c === 'object' ? (c as { value: unknown }).value : c,
    );
  const choices = (Array.isArray(q.choices) ? q.choices : []).map((c: unknown) =>
    c !== null && typeof c === 'object' ? (c as { value: unknown }).value : c,
  );
  return q.showNoneItem === true ? [...choices, 'none'] : choices;
}

/**
 * Problems that would stop scoreWai from reading a WAI definition: a question it reads that is
 * missing, of another type, or offering other values. Use on a new version (e.g. licensed wording).
 */
export function checkWaiDefinition(json: SurveyJson): string[] {
  const questions = new Map(questionsOf(json).map(({ question }) => [question.name, question]));
  const problems: string[] = [];
  for (const role of Object.keys(WAI_QUESTIONS) as WaiRole[]) {
    const name = WAI_QUESTIONS[role];
    const q = questions.get(name);
    if (!q) {
      problems.push(`WAI question "${name}" is missing`);
      continue;
    }
    if (q.type !== EXPECTED_TYPE[role])
      problems.push(`WAI question "${name}" must be ${EXPECTED_TYPE[role]}, is ${q.type}`);
    const values = offered(q);
    const expected = WAI_VALUES[role];
    if (values.length !== expected.length || !expected.every((v) => values.includes(v))) {
      problems.push(
        `WAI question "${name}" must offer exactly ${JSON.stringify(expected)}, offers ${JSON.stringify(values)}`,
      );
    }
  }
  return problems;
}
