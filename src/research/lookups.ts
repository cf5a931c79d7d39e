import type { Context } from 'hono';
import { z } from 'zod';
import { projectsWithFigures } from '../auth/guards.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { parseWith } from '../http/validate.ts';
import { questionsOf } from '../surveys/definition.ts';
import { codebookRows, wordingReview } from './codebook.ts';
import { translationStatus } from '../surveys/translation-review.ts';
import { derivedRows } from './derived-variables.ts';
import type { CodebookBook } from './views/codebook.tsx';
import { SURVEYS_FOR_RESEARCH } from './views/page.tsx';
import type { AnswerLanguages } from '../store/store.ts';

export const query = z.object({
  project: z.uuid(),
  survey: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
  sep: z.enum(['comma', 'semicolon']).default('comma'),
});

/** Item labels (Swedish titles) for a survey, for tables people read. */
export async function itemLabels(c: Context<AppEnv>, surveyKey: string): Promise<Record<string, string>> {
  const { store, definitions } = c.get('services');
  const def = await definitions.latest(store, c.get('principal'), surveyKey).catch(() => null);
  const labels: Record<string, string> = {};
  for (const { question } of def ? questionsOf(def.json) : []) {
    const t = question.title;
    labels[question.name] =
      typeof t === 'string' ? t : ((t as Record<string, string> | undefined)?.sv ?? question.name);
  }
  return labels;
}

// Codebook: every published or retired version, newest first, or one with ?version=N. It holds
// definitions and, for a survey with figures, the answer-language counts of one project (its
// download is audited as a research export, as other figure downloads are).
const codebookQuery = query
  .pick({ survey: true, sep: true })
  .extend({ version: z.coerce.number().int().min(1).max(100_000).optional() });
export async function codebookFor(c: Context<AppEnv>, survey: unknown) {
  const projects = projectsWithFigures(c.get('staff'));
  if (projects.length === 0) throw new AppError('NOT_FOUND');
  // Definitions are the organisation's: ?project= picks whose, else the caller's first project.
  const project = projects.find((p) => p.id === c.req.query('project')) ?? projects[0]!;
  // The page's "all versions" choice sends an empty version.
  const q = parseWith(codebookQuery, { survey, sep: c.req.query('sep'), version: c.req.query('version') || undefined });
  const all = await c.get('services').store.definitionVersions(c.get('principal'), q.survey, project.id);
  const chosen = q.version === undefined ? all : all.filter((d) => d.version === q.version);
  if (chosen.length === 0) throw new AppError('DEFINITION_NOT_FOUND');
  const books: CodebookBook[] = chosen.map((d) => {
    // What changed since the previous version (all is newest first), and its translation status.
    const previous = all.find((x) => x.version < d.version);
    const review = previous ? wordingReview(translationStatus(previous, d)) : new Map();
    const rows = codebookRows(d).map((r) => (review.has(r.variable) ? { ...r, review: review.get(r.variable) } : r));
    return {
      key: d.key,
      version: d.version,
      status: d.status,
      publishedAt: d.published_at,
      title: d.meta.title,
      rows: [...rows, ...derivedRows(d.meta)],
    };
  });
  return { q, project, versions: all.map((d) => d.version), books };
}

/**
 * The codebook's answer-language counts: one project's responses to the survey (the version shown,
 * or all), under the figures' privacy rules. None for the consent form, which has no figures.
 */
export async function codebookLanguages(
  c: Context<AppEnv>,
  input: { survey: string; version?: number; project: string },
  download = false,
): Promise<AnswerLanguages | null> {
  if (!SURVEYS_FOR_RESEARCH.some((s) => s.key === input.survey)) return null;
  return c.get('services').store.answerLanguages(c.get('principal'), {
    project_id: input.project,
    survey_key: input.survey,
    ...(input.version === undefined ? {} : { version: input.version }),
    ...(download ? { export: true, format: 'codebook-csv' } : {}),
  });
}
