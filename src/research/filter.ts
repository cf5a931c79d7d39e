import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import type { Store } from '../store/store.ts';
import { quarterStart } from './csv.ts';
import { OCCASION } from '../domain/vocabulary.ts';

/** An empty form field ("Alla") means no filter. */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
export const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'Ange kvartal som ÅÅÅÅ-Qn, till exempel 2026-Q1.');

/** The language switch every page accepts (src/app.ts); nothing else rides along unchecked. */
const lang = z.enum(['sv', 'en']).optional();

const filterSchema = z
  .object({
    project: z.array(z.uuid()).min(1).max(20),
    survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    from: optional(quarter),
    to: optional(quarter),
    version: optional(z.coerce.number().int().min(1).max(10000)),
    occasion: optional(z.enum(OCCASION.values)),
    sep: z.enum(['comma', 'semicolon']).default('comma'),
    lang,
  })
  // Unknown parameters are refused, not ignored: a filter the API seemed to accept but did not
  // apply would mislead, and no parameter may exist that the differencing proof does not cover.
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'Perioden slutar före den börjar.', path: ['to'] });

/** What a researcher picked: projects, survey, period (whole quarters), version and occasion. */
export type ResearchFilter = z.infer<typeof filterSchema>;

/**
 * Reads the filter from the query string. `project` may repeat; without it the first project the
 * user may see is used (pages only: `defaultProjects`). Projects the user has no research role in
 * are left to the database to refuse (404), so nothing about them is revealed here.
 */
export function readFilter(
  c: Context<AppEnv>,
  defaults: { projects?: string[]; survey?: string } = {},
): ResearchFilter {
  const q = queryParams(c, ['project']);
  return parseWith(filterSchema, {
    ...q,
    project: q.project ?? defaults.projects ?? [],
    survey: q.survey ?? defaults.survey,
  });
}

/**
 * The query string as an object: each parameter its value, or its values when it may repeat
 * (`repeatable`). A repeated single parameter stays an array, so the schema refuses it (400)
 * instead of silently using the first.
 */
export function queryParams(c: Context<AppEnv>, repeatable: string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(c.req.queries()).map(([k, v]) => [k, repeatable.includes(k) || v.length > 1 ? v : v[0]]),
  );
}

/** A strict query schema for research downloads: the given fields and the language switch, nothing else. */
export function strictQuery<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...shape, lang }).strict();
}

/** The filter as a query string (for links), with any fields replaced. */
export function filterParams(f: ResearchFilter, replace: Partial<Record<'survey' | 'sep', string>> = {}): string {
  const p = new URLSearchParams();
  for (const id of f.project) p.append('project', id);
  p.set('survey', replace.survey ?? f.survey);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.version) p.set('version', String(f.version));
  if (f.occasion) p.set('occasion', f.occasion);
  if (replace.sep) p.set('sep', replace.sep);
  return p.toString();
}

/** The Store input for item_aggregates; `survey` overrides the filter's (side-by-side views). */
export function aggregateInput(f: ResearchFilter, survey = f.survey): Parameters<Store['itemAggregates']>[1] {
  const sameSurvey = survey === f.survey;
  return {
    project_ids: f.project,
    survey_key: survey,
    from: quarterStart(f.from),
    to: quarterStart(f.to),
    // A version number belongs to one survey; the occasion applies to any.
    ...(sameSurvey && f.version ? { version: f.version } : {}),
    ...(f.occasion ? { occasion: f.occasion } : {}),
  };
}

/** Quarters to offer in the period pickers: from `yearsBack` years ago up to the current quarter. */
export function quarterOptions(now = new Date(), yearsBack = 4): string[] {
  const out: string[] = [];
  const year = now.getUTCFullYear();
  const current = Math.floor(now.getUTCMonth() / 3) + 1;
  for (let y = year - yearsBack; y <= year; y++) {
    for (let q = 1; q <= 4; q++) if (y < year || q <= current) out.push(`${y}-Q${q}`);
  }
  return out;
}

/** Refuses a filter naming no project the user can see (pages pick the first one by default). */
export function requireProjects(projects: { id: string }[]): string[] {
  if (projects.length === 0) throw new AppError('PROJECT_NOT_FOUND');
  return [projects[0]!.id];
}
