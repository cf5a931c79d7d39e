/**
 * The project form's part for the funder's outcome categories (projects.settings.outcome_map):
 * one choice per exit reason and per occupation at exit, posted as plain form fields
 * (outcome_reason_<code>, outcome_occupation_<code>), never as JSON.
 */
import {
  ACTIVITY_VALUES,
  DEFAULT_OUTCOME_MAP,
  outcomeMapOf,
  type Activity,
  type OutcomeMap,
} from '../domain/outcome-categories.ts';
import { EXIT_REASON, OCCUPATION } from '../domain/vocabulary.ts';

export const OUTCOME_MAP_PARTS = [
  { part: 'exit_reason', prefix: 'outcome_reason_', codes: EXIT_REASON.values, labels: EXIT_REASON.label },
  { part: 'occupation_exit', prefix: 'outcome_occupation_', codes: OCCUPATION.values, labels: OCCUPATION.label },
] as const;

/** Every form field name of the mapping. */
export const OUTCOME_MAP_FIELDS: string[] = OUTCOME_MAP_PARTS.flatMap((p) =>
  (p.codes as readonly string[]).map((c) => `${p.prefix}${c}`),
);

const MESSAGE =
  'Välj arbete, studier, annan sysselsättning eller ingen sysselsättning för varje avslutsorsak och sysselsättning.';

/** The stored mapping as form values (the default where none is stored). */
export function outcomeMapValues(settings: Record<string, unknown> | undefined): Record<string, string> {
  const map = outcomeMapOf(settings);
  return Object.fromEntries(
    OUTCOME_MAP_PARTS.flatMap((p) =>
      (p.codes as readonly string[]).map((c) => [`${p.prefix}${c}`, (map[p.part] as Record<string, Activity>)[c]!]),
    ),
  );
}

/** The posted mapping, whole (a field left out keeps the default); an unknown category is an error. */
export function parseOutcomeMap(
  form: Record<string, unknown>,
): { ok: true; map: OutcomeMap } | { ok: false; error: string } {
  const map = structuredClone(DEFAULT_OUTCOME_MAP);
  for (const p of OUTCOME_MAP_PARTS) {
    for (const code of p.codes as readonly string[]) {
      const v = form[`${p.prefix}${code}`];
      if (v === undefined || v === '') continue;
      if (typeof v !== 'string' || !(ACTIVITY_VALUES as string[]).includes(v)) return { ok: false, error: MESSAGE };
      (map[p.part] as Record<string, Activity>)[code] = v as Activity;
    }
  }
  return { ok: true, map };
}
