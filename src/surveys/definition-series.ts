/**
 * Which scored items of a draft continue a series of earlier versions and which start a new one
 * (the publish confirmation page shows it). Results pool an item across versions exactly when its
 * identity is the same: the research SQL decides that in app.selection_series_stats
 * (supabase/migrations/20261122001400_research_aggregates.sql, the `identity` column). This is
 * the same rule in TypeScript; change both together (tests/db/definition-series.test.ts evaluates
 * the migration's own expression and fails when the two disagree).
 *
 * Identity, as the SQL builds it: the scored entry's name, min and max (meta.scored), and the
 * question's title, choices and rateValues, compared as JSON values (jsonb equality: key order
 * ignored, numbers by value, array order kept; a missing property equals null).
 */
import { questionsOf, type SurveyJson } from './definition.ts';

export interface SeriesSide {
  version: number;
  json: SurveyJson;
  meta: Record<string, unknown>;
}

export interface ItemSeries {
  name: string;
  /** The earlier versions whose identical item this one continues; empty: a new series starts. */
  continues: number[];
}

type Identity = Record<string, unknown>;

/** The identity of each scored item of one version, by name (as the SQL's `items` rows). */
export function itemIdentities(side: Pick<SeriesSide, 'json' | 'meta'>): Map<string, Identity> {
  const scored = Array.isArray(side.meta.scored) ? (side.meta.scored as Record<string, unknown>[]) : [];
  const questions = questionsOf(side.json);
  const out = new Map<string, Identity>();
  for (const s of scored) {
    if (!s || typeof s.name !== 'string') continue;
    // The SQL takes the first element of that name (jsonb_path_query_first).
    const q = questions.find(({ question }) => question.name === s.name)?.question;
    out.set(s.name, {
      name: s.name,
      min: s.min ?? null,
      max: s.max ?? null,
      title: q?.title ?? null,
      choices: q?.choices ?? null,
      rateValues: q?.rateValues ?? null,
    });
  }
  return out;
}

/** jsonb equality of two parsed JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const [oa, ob] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(oa);
  return keys.length === Object.keys(ob).length && keys.every((k) => Object.hasOwn(ob, k) && jsonEqual(oa[k], ob[k]));
}

/**
 * For each scored item of the draft (in metadata order): the earlier versions (published or
 * retired) holding an item of identical identity. An item continues its series exactly when that
 * list is not empty.
 */
export function itemSeries(draft: Pick<SeriesSide, 'json' | 'meta'>, earlier: SeriesSide[]): ItemSeries[] {
  const before = earlier.map((side) => ({ version: side.version, items: itemIdentities(side) }));
  return [...itemIdentities(draft)].map(([name, identity]) => ({
    name,
    continues: before
      .filter(({ items }) => [...items.values()].some((other) => jsonEqual(other, identity)))
      .map(({ version }) => version)
      .sort((x, y) => x - y),
  }));
}
