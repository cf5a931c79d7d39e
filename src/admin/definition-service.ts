/**
 * What the definition admin routes do, between the HTTP layer and the store: load a version with
 * the one it builds on, check drafts with the rules, refuse what may not be saved, published or
 * imported. Every refusal is an AppError whose issues carry the findings (with line numbers).
 */
import { AppError } from '../errors.ts';
import type { AdminDefinition, Principal, Store } from '../store/store.ts';
import type { DefinitionMeta } from '../surveys/definition.ts';
import {
  checkDraft,
  checkDraftText,
  findingIssue,
  publishVerdict,
  type Finding,
  type RuleContext,
} from '../surveys/definition-rules.ts';

export interface Loaded {
  def: AdminDefinition;
  base: AdminDefinition | null;
}

/** A version and the version it builds on. */
export async function loadWithBase(store: Store, who: Principal, id: string): Promise<Loaded> {
  const def = await store.definitionGet(who, id);
  const base = def.base_id ? await store.definitionGet(who, def.base_id) : null;
  return { def, base };
}

export function ruleContext({ def, base }: Loaded): RuleContext {
  return {
    key: def.key,
    base: base ? { json: base.json, meta: base.meta as Record<string, unknown> } : null,
    baseVersion: base?.version,
    unlocked: def.wording_unlock !== null,
  };
}

/** The editor's text for a version: our metadata and the SurveyJS JSON side by side. */
export function definitionText(def: Pick<AdminDefinition, 'json' | 'meta'>): string {
  return `${JSON.stringify({ meta: def.meta, survey: def.json }, null, 2)}\n`;
}

const refuse = (code: 'DEFINITION_INVALID' | 'WORDING_LOCKED' | 'CONFIRMATION_REQUIRED', findings: Finding[]) =>
  new AppError(code, { issues: findings.map(findingIssue) });

/** Saves a draft from the editor's text. Text that is not a definition file is refused; other findings are returned. */
export async function saveDraftText(
  store: Store,
  who: Principal,
  loaded: Loaded,
  text: string,
  translation?: { lang: string; format: 'xliff' | 'csv'; changed: number },
) {
  if (loaded.def.status !== 'draft') throw new AppError('DEFINITION_IMMUTABLE');
  const { findings, file } = checkDraftText(text, ruleContext(loaded));
  if (!file) throw refuse('DEFINITION_INVALID', findings);
  const saved = await store.saveDefinitionDraft(who, {
    id: loaded.def.id,
    json: file.survey,
    meta: file.meta,
    ...(translation ? { translation } : {}),
  });
  return { definition: saved, findings };
}

/** Publishes a stored draft after checking it again; confirmations must cover every change that needs one. */
export async function publishDraft(store: Store, who: Principal, loaded: Loaded, confirmations: string[]) {
  const { def } = loaded;
  if (def.status !== 'draft') throw new AppError('DEFINITION_IMMUTABLE');
  const { findings } = checkDraft({ meta: def.meta, survey: def.json }, ruleContext(loaded));
  const verdict = publishVerdict(findings, confirmations);
  if (!verdict.ok) throw refuse(verdict.code, verdict.open);
  return store.publishDefinition(who, {
    id: def.id,
    json: def.json,
    meta: def.meta as Record<string, unknown>,
    confirmations: verdict.confirmed,
  });
}

/** Imports a definition file as a draft; it must be a valid definition on its own. */
export async function importText(store: Store, who: Principal, text: string) {
  const { findings, file } = checkDraftText(text);
  const errors = findings.filter((f) => f.severity === 'error');
  if (!file || errors.length) throw refuse('DEFINITION_INVALID', errors);
  return store.importDefinition(who, { json: file.survey, meta: file.meta as DefinitionMeta });
}
