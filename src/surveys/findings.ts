/**
 * What the definition rules report: one finding per problem or change, with a stable id (a
 * confirmation refers to it), how serious it is, and where it is (item, property, line). Shared by
 * the rules on one version (definition-rules.ts), across versions (version-rules.ts) and the
 * translation review (translation-review.ts); the editor draws findings at the fields they concern.
 */
export type Severity = 'error' | 'confirm' | 'warning';
export type FindingKind =
  | 'json'
  | 'content'
  | 'shape'
  | 'meta'
  | 'surveyjs'
  | 'rule'
  | 'scale'
  | 'locked'
  | 'removed'
  | 'renamed'
  | 'rescaled'
  | 'reworded'
  | 'translation'
  | 'untranslated';
export interface Finding {
  /** Stable across checks of the same draft: confirmations refer to it (e.g. "rescaled:paverka_plan"). */
  id: string;
  kind: FindingKind;
  severity: Severity;
  message: string;
  item?: string;
  line?: number;
  column?: number;
  /** The property it concerns, for its line when no item is named. */
  property?: string;
  /** The text it concerns (translation-review.ts textUnits key) and its language. */
  text?: string;
  lang?: string;
}

export const err = (id: string, kind: FindingKind, message: string, item?: string): Finding => ({
  id,
  kind,
  severity: 'error',
  message,
  item,
});

/** Languages in Swedish, as a finding names them ("engelska"); others by their code. */
export const LANG_NAME: Record<string, string> = {
  sv: 'svenska',
  'sv-x-ll': 'lättläst svenska',
  en: 'engelska',
  ar: 'arabiska',
  so: 'somaliska',
  ti: 'tigrinska',
  prs: 'dari',
  fa: 'persiska',
  uk: 'ukrainska',
  default: 'text utan språk',
};
export const langName = (lang: string) => LANG_NAME[lang] ?? lang;
