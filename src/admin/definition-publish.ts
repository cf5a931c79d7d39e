/**
 * What the publish confirmation page (/admin/definitions/:id/publish) shows about a draft: the
 * findings the rules give it now (as publishDraft will check them), what changed against the
 * version it builds on, which scored items continue their series, and a fingerprint of the draft
 * as shown, so a publish from a page drawn before the draft changed is refused.
 */
import type { AdminDefinition, Principal, Store } from '../store/store.ts';
import { checkDraft, type Finding } from '../surveys/definition-rules.ts';
import { diffDefinitions, questionMap, type DefinitionDiff } from '../surveys/definition-diff.ts';
import { itemSeries, type ItemSeries } from '../surveys/definition-series.ts';
import type { QuestionJson } from '../surveys/definition.ts';
import { definitionText, loadWithBase, ruleContext, type Loaded } from './definition-service.ts';

export interface PublishReview {
  loaded: Loaded;
  findings: Finding[];
  /** Against the version the draft builds on; null when there is none. */
  diff: DefinitionDiff | null;
  questions: Map<string, QuestionJson>;
  series: ItemSeries[];
  fingerprint: string;
}

/**
 * The draft as the admin sees it: its texts (what publish_definition compares) and whether its
 * wording is unlocked (which changes the findings).
 */
export async function fingerprintOf(def: AdminDefinition): Promise<string> {
  const text = `${definitionText(def)}\n${def.wording_unlock ? def.wording_unlock.at : ''}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The organisation's published and retired versions of the key (what results pool across). */
async function earlierVersions(store: Store, who: Principal, def: AdminDefinition) {
  const entry = (await store.definitionList(who)).find((e) => e.key === def.key);
  const ids = (entry?.versions ?? []).filter((v) => v.status !== 'draft' && v.id !== def.id).map((v) => v.id);
  const versions = await Promise.all(ids.map((id) => store.definitionGet(who, id)));
  return versions.map((v) => ({ version: v.version, json: v.json, meta: v.meta as Record<string, unknown> }));
}

export async function reviewDraft(store: Store, who: Principal, id: string): Promise<PublishReview> {
  const loaded = await loadWithBase(store, who, id);
  const { def, base } = loaded;
  const draft = { json: def.json, meta: def.meta as Record<string, unknown> };
  const { findings } = checkDraft({ meta: def.meta, survey: def.json }, ruleContext(loaded));
  const diff = base ? diffDefinitions({ json: base.json, meta: base.meta as Record<string, unknown> }, draft) : null;
  const questions = new Map([...(base ? questionMap(base.json) : []), ...questionMap(def.json)]);
  const series = def.status === 'draft' ? itemSeries(draft, await earlierVersions(store, who, def)) : [];
  return { loaded, findings, diff, questions, series, fingerprint: await fingerprintOf(def) };
}
