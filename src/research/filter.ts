import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import type { Store } from '../store/store.ts';
import { quarterStart } from './csv.ts';

/** An empty form field ("Alla") means no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'Ange kvartal som ÅÅÅÅ-Qn, till exempel 2026-Q1.');

const filterSchema = z
  .object({
    project: z.array(z.uuid()).min(1).max(20),
    survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    from: optional(quarter),
    to: optional(quarter),
    version: optional(z.coerce.number().int().min(1).max(10000)),
    occasion: optional(z.enum(['start', 'pagaende', 'avslut'])),
    sep: z.enum(['comma', 'semicolon']).default('comma'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'Perioden slutar före den börjar.', path: ['to'] });

/** What a researcher picked: projects, survey, period (whole quarters), version and occasion. */
export type ResearchFilter = z.infer<typeof filterSchema>;

/**
 * Reads the filter from the query string. `project` may repeat; without it the first project the
 * user may see is used (pages only: `defaultProjects`). Projects the user has no research role in
 * are left to the database to refuse (404), so nothing about them is revealed here.
 */
export function readFilter(c: Context<AppEnv>, defaults: { projects?: string[]; survey?: string } = {}): ResearchFilter {
  const projects = c.req.queries('project') ?? defaults.projects ?? [];
  return parseWith(filterSchema, {
    project: projects,
    survey: c.req.query('survey') ?? defaults.survey,
    from: c.req.query('from'),
    to: c.req.query('to'),
    version: c.req.query('version'),
    occasion: c.req.query('occasion'),
    sep: c.req.query('sep'),
  });
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
