/**
 * Validation of a definition draft, on every change in the editor and again before publishing:
 * the JSON itself (line and column of a syntax error), our zod metadata, SurveyJS's jsonErrors
 * (unknown question types and properties), our own rules, and the rules across versions that
 * protect comparability: a scored item removed, renamed, re-scaled or reworded needs an explicit
 * confirmation; wording of a locked (licensed) instrument may not change unless unlocked
 * (version-rules.ts); texts left unreviewed after another language changed (translation-review.ts).
 * Pure and Web-API-only (survey-core runs without a DOM).
 */
import { Model } from 'survey-core';
import { deriveAnswersValidator } from './answers-schema.ts';
import { checkDefinition, definitionMetaSchema, type DefinitionMeta, type SurveyJson } from './definition.ts';
import { checkWaiDefinition } from '../scoring/wai.ts';
import { questionMap, valuesOf, type DefinitionSide } from './definition-diff.ts';
import { parseJsonText } from './json-text.ts';
import { consentQuestionProblems, contentProblems, type ContentProblem } from './definition-content.ts';
import { err, langName, type Finding } from './findings.ts';
import { crossVersion } from './version-rules.ts';
import { missingTranslations } from './translation-review.ts';

export type { Finding, FindingKind, Severity } from './findings.ts';

export interface RuleContext {
  /** The version the draft is compared with (newest published below it, else newest retired), if any. */
  base?: DefinitionSide | null;
  baseVersion?: number;
  /** An admin unlocked the wording of this draft. */
  unlocked?: boolean;
  /** The key the draft must keep. */
  key?: string;
}

export interface CheckResult {
  findings: Finding[];
  /** The parsed file when it has the right shape (even with other findings). */
  file: { meta: Record<string, unknown>; survey: SurveyJson } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks the editor's text: parse, then checkDraft, with line numbers for the items found. */
export function checkDraftText(text: string, ctx: RuleContext = {}): CheckResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok)
    return {
      findings: [
        {
          id: 'json',
          kind: 'json',
          severity: 'error',
          message: parsed.message,
          line: parsed.line,
          column: parsed.column,
        },
      ],
      file: null,
    };
  const result = checkDraft(parsed.value, ctx);
  for (const f of result.findings) {
    if (f.item && f.line === undefined) f.line = lineOfItem(text, f.item);
    if (f.property && f.line === undefined) f.line = lineOfKey(text, f.property);
  }
  return result;
}

/** Deeper than any real definition (pages, panels, choices, texts): refused before any recursive check. */
const MAX_DEPTH = 100;

/** How deeply objects and arrays nest in a parsed JSON value, counted without recursion. */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, d + 1);
    if (max > MAX_DEPTH) break;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** Checks a definition file ({meta, survey}) on its own and against the version it builds on. */
export function checkDraft(raw: unknown, ctx: RuleContext = {}): CheckResult {
  if (depthOf(raw) > MAX_DEPTH) {
    return {
      findings: [
        err(
          'shape:depth',
          'shape',
          `Filen är för djupt nästlad: högst ${MAX_DEPTH} nivåer av { och [ (sidor, paneler och frågor i varandra).`,
        ),
      ],
      file: null,
    };
  }
  if (
    !isObject(raw) ||
    !isObject(raw.meta) ||
    !isObject(raw.survey) ||
    Object.keys(raw).some((k) => k !== 'meta' && k !== 'survey')
  ) {
    return {
      findings: [
        err(
          'shape',
          'shape',
          'Filen ska ha formen {"meta": {…}, "survey": {…}}: vår metadata och SurveyJS-definitionen bredvid varandra.',
        ),
      ],
      file: null,
    };
  }
  const file = { meta: raw.meta, survey: raw.survey as SurveyJson };
  const findings = [...surveyJsErrors(file.survey), ...contentFindings(contentProblems(file.survey), 'content')];
  const meta = definitionMetaSchema.safeParse(file.meta);
  if (!meta.success) {
    meta.error.issues.forEach((i, n) =>
      findings.push(err(`meta:${n}`, 'meta', `Metadata ${i.path.join('.') || '(hela)'}: ${i.message}`)),
    );
  } else {
    if (ctx.key && meta.data.key !== ctx.key)
      findings.push(err('meta:key', 'meta', `Nyckeln ska vara "${ctx.key}" (den går inte att byta i en ny version).`));
    findings.push(...ownRules(meta.data, file.survey), ...missingTranslations(file));
  }
  if (ctx.base) findings.push(...crossVersion(ctx.base, { json: file.survey, meta: file.meta }, ctx));
  return { findings, file };
}

/** Problems with what the definition may contain, as findings (ids numbered in order, stable for the same text). */
function contentFindings(problems: ContentProblem[], prefix: string): Finding[] {
  return problems.map((p, n) => ({
    ...err(`${prefix}:${n}`, 'content', p.message, p.item),
    ...(p.property ? { property: p.property } : {}),
  }));
}

/** survey-core's own view of the JSON, in plain Swedish where we know the kind of error. */
function surveyJsErrors(survey: SurveyJson): Finding[] {
  let errors: {
    type?: string;
    message: string;
    propertyName?: string;
    className?: string;
    jsonObj?: Record<string, unknown>;
  }[];
  try {
    errors = (new Model(survey).jsonErrors ?? []) as typeof errors;
  } catch (e) {
    return [err('surveyjs:model', 'surveyjs', `SurveyJS kan inte läsa definitionen: ${(e as Error).message}`)];
  }
  // A property survey-core does not know is not on the allow-list either: contentProblems names it.
  errors = errors.filter((e) => e.type !== 'unknownproperty');
  return errors.map((e, n) => {
    const name = typeof e.jsonObj?.name === 'string' ? e.jsonObj.name : undefined;
    const where = name ? ` (frågan "${name}")` : '';
    let message = `SurveyJS: ${e.message}`;
    if (e.type === 'incorrecttypeproperty' && typeof e.jsonObj?.type === 'string')
      message = `Okänd frågetyp "${e.jsonObj.type}"${where}.`;
    else if (e.type === 'requiredproperty') message = `Egenskapen "${e.propertyName}" saknas i typen ${e.className}.`;
    return err(`surveyjs:${n}`, 'surveyjs', message, name);
  });
}

/** Our rules on one version: scored items exist and keep a scale matching their metadata. */
function ownRules(meta: DefinitionMeta, survey: SurveyJson): Finding[] {
  const findings = checkDefinition(meta, survey).map((p, n) => err(`rule:${n}`, 'rule', `Regel: ${p}`));
  if (meta.key === 'wai')
    checkWaiDefinition(survey).forEach((p, n) => findings.push(err(`rule:wai:${n}`, 'rule', `WAI: ${p}`)));
  try {
    deriveAnswersValidator(survey);
  } catch (e) {
    findings.push(err('rule:answers', 'rule', `Svaren kan inte kontrolleras: ${(e as Error).message}`));
  }
  if (meta.kind === 'consent') findings.push(...withdrawalSentence(survey));
  if (meta.kind === 'consent' && meta.consentQuestion)
    findings.push(...contentFindings(consentQuestionProblems(survey, meta.consentQuestion), 'content:consent'));
  const questions = questionMap(survey);
  for (const s of meta.scored) {
    const q = questions.get(s.name);
    if (!q) continue; // reported by checkDefinition
    const expected = [];
    for (let v = s.min; v <= s.max; v++) expected.push(String(v));
    const missing = new Set(s.missing.map(String));
    const values = valuesOf(q)
      .split(', ')
      .filter((v) => v !== '');
    const scale = values.filter((v) => !missing.has(v));
    if (scale.join(', ') !== expected.join(', ')) {
      findings.push(
        err(
          `scale:${s.name}`,
          'scale',
          `Den poängsatta frågan "${s.name}" har svarsvärdena ${scale.join(', ') || '(inga)'}, men metadatan säger skalan ${s.min}–${s.max}. Värdena ska vara ${expected.join(', ')} (och eventuella "vet inte"-värden i missing).`,
          s.name,
        ),
      );
    }
  }
  return findings;
}

const WITHDRAWAL_PLACEHOLDER = '{withdrawalAnswers}';

/**
 * A consent text must tell what happens to answers already sent if the participant withdraws: the
 * page fills {withdrawalAnswers} with the project's policy (erase or keep). Required in every
 * language of each text that carries it, so no translation silently drops it.
 */
function withdrawalSentence(survey: SurveyJson): Finding[] {
  const carriers: Record<string, unknown>[] = [];
  let found = false;
  const stack: unknown[] = [survey];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes(WITHDRAWAL_PLACEHOLDER)) found = true;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    const values = Object.values(v);
    if (!Array.isArray(v) && values.some((x) => typeof x === 'string' && x.includes(WITHDRAWAL_PLACEHOLDER)))
      carriers.push(v as Record<string, unknown>);
    stack.push(...values);
  }
  if (!found) {
    return [
      err(
        'rule:withdrawal',
        'rule',
        `Samtyckestexten ska innehålla ${WITHDRAWAL_PLACEHOLDER}: där står vad som händer med redan skickade svar om deltagaren ångrar sig (projektets val: ta bort eller behålla).`,
      ),
    ];
  }
  const missing = new Set<string>();
  for (const text of carriers) {
    for (const [lang, value] of Object.entries(text))
      if (typeof value === 'string' && !value.includes(WITHDRAWAL_PLACEHOLDER)) missing.add(lang);
  }
  return missing.size
    ? [
        err(
          'rule:withdrawal-lang',
          'rule',
          `${WITHDRAWAL_PLACEHOLDER} saknas i översättningen: ${[...missing].map((l) => langName(l)).join(', ')}.`,
        ),
      ]
    : [];
}

/** The line where an item is defined ("name": "<item>" in the survey part, else anywhere), if found. */
export function lineOfItem(text: string, item: string): number | undefined {
  const escaped = item.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`"name"\\s*:\\s*"${escaped}"`, 'g');
  const survey = /"survey"\s*:/.exec(text)?.index ?? 0;
  const matches = [...text.matchAll(pattern)];
  const m = matches.find((x) => x.index >= survey) ?? matches[0];
  return m ? text.slice(0, m.index).split('\n').length : undefined;
}

/** The line of the first "<key>": in the survey part of the text, if found. */
function lineOfKey(text: string, key: string): number | undefined {
  const survey = /"survey"\s*:/.exec(text)?.index ?? 0;
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`"${escaped}"\\s*:`, 'g');
  m.lastIndex = survey;
  const hit = m.exec(text);
  return hit ? text.slice(0, hit.index).split('\n').length : undefined;
}

export type PublishVerdict =
  | { ok: true; confirmed: string[] }
  | { ok: false; code: 'DEFINITION_INVALID' | 'WORDING_LOCKED' | 'CONFIRMATION_REQUIRED'; open: Finding[] };

/** May the draft be published with these confirmations? Errors first, then unconfirmed changes. */
export function publishVerdict(findings: Finding[], confirmations: string[]): PublishVerdict {
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.some((f) => f.kind === 'locked')) return { ok: false, code: 'WORDING_LOCKED', open: errors };
  if (errors.length) return { ok: false, code: 'DEFINITION_INVALID', open: errors };
  const given = new Set(confirmations);
  const needed = findings.filter((f) => f.severity === 'confirm');
  const open = needed.filter((f) => !given.has(f.id));
  if (open.length) return { ok: false, code: 'CONFIRMATION_REQUIRED', open };
  return { ok: true, confirmed: needed.map((f) => f.id) };
}

/** A finding as an API issue: the id as path, the line in the message. */
export function findingIssue(f: Finding): { path: string; message: string } {
  return { path: f.id, message: f.line && f.kind !== 'json' ? `Rad ${f.line}: ${f.message}` : f.message };
}
