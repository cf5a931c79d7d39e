import { z } from 'zod';
import type { ErrorIssue } from '../errors.ts';
import type { Lang } from '../domain/vocabulary.ts';
import { questionsOf, type QuestionJson, type SurveyJson } from './definition.ts';

type Expect = { sv: string; en: string };
interface DerivedField {
  schema: z.ZodType;
  required: boolean;
  expect: Expect;
}

const MAX_TEXT = 2000;
const MAX_COMMENT = 5000;
const MAX_SIGNATURE = 200_000;

export function choiceValues(q: QuestionJson, listKey: string): (string | number | boolean)[] {
  const list = Array.isArray(q[listKey]) ? (q[listKey] as unknown[]) : [];
  const values = list.map((c) => (c !== null && typeof c === 'object' ? (c as { value: unknown }).value : c)) as (
    string | number | boolean
  )[];
  if (q.showNoneItem === true || q.hasNone === true) values.push('none');
  if (q.showRefuseItem === true) values.push('refused');
  if (q.showDontKnowItem === true) values.push('dontknow');
  return values;
}

const literalUnion = (values: (string | number | boolean)[]) => z.unknown().refine((v) => values.some((x) => x === v));

export function ratingValues(q: QuestionJson): (string | number)[] {
  if (Array.isArray(q.rateValues) && q.rateValues.length > 0)
    return choiceValues(q, 'rateValues') as (string | number)[];
  const min = typeof q.rateMin === 'number' ? q.rateMin : 1;
  const max = typeof q.rateMax === 'number' ? q.rateMax : 5;
  const step = typeof q.rateStep === 'number' && q.rateStep > 0 ? q.rateStep : 1;
  const out: number[] = [];
  for (let v = min; v <= max && out.length < 100; v += step) out.push(v);
  return out;
}

/** The zod schema and wording for one question's answer; throws for a question type we do not accept. */
function deriveField(q: QuestionJson): Omit<DerivedField, 'required'> {
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown': {
      const values = choiceValues(q, 'choices');
      return {
        schema: literalUnion(values),
        expect: { sv: 'Välj ett av svarsalternativen.', en: 'Choose one of the options.' },
      };
    }
    case 'checkbox':
    case 'tagbox': {
      const values = choiceValues(q, 'choices');
      return {
        schema: z
          .array(literalUnion(values))
          .max(values.length)
          .refine((a) => new Set(a).size === a.length),
        expect: { sv: 'Välj bland svarsalternativen.', en: 'Choose among the options.' },
      };
    }
    case 'rating': {
      const values = ratingValues(q);
      const range = `${values[0]}–${values[values.length - 1]}`;
      return {
        schema: literalUnion(values),
        expect: { sv: `Svaret ska vara ett av värdena ${range}.`, en: `The answer must be one of ${range}.` },
      };
    }
    case 'boolean': {
      const t = q.valueTrue ?? true;
      const f = q.valueFalse ?? false;
      return {
        schema: literalUnion([t as string, f as string]),
        expect: { sv: 'Svara ja eller nej.', en: 'Answer yes or no.' },
      };
    }
    case 'text': {
      if (q.inputType === 'number') {
        return {
          schema: z.number().finite(),
          expect: { sv: 'Svaret ska vara ett tal.', en: 'The answer must be a number.' },
        };
      }
      const max = typeof q.maxLength === 'number' && q.maxLength > 0 ? Math.min(q.maxLength, MAX_TEXT) : MAX_TEXT;
      return {
        schema: z.string().max(max),
        expect: { sv: `Svaret får vara högst ${max} tecken.`, en: `At most ${max} characters.` },
      };
    }
    case 'comment': {
      const max = typeof q.maxLength === 'number' && q.maxLength > 0 ? Math.min(q.maxLength, MAX_COMMENT) : MAX_COMMENT;
      return {
        schema: z.string().max(max),
        expect: { sv: `Svaret får vara högst ${max} tecken.`, en: `At most ${max} characters.` },
      };
    }
    case 'signaturepad':
      return {
        schema: z
          .string()
          .max(MAX_SIGNATURE)
          .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$/),
        expect: { sv: 'Underskriften kunde inte läsas.', en: 'The signature could not be read.' },
      };
    default:
      throw new Error(`question type "${q.type}" (${q.name}) is not supported for stored answers`);
  }
}

/** Question types that carry no answer. */
const NO_ANSWER = new Set(['html', 'image', 'expression']);

export interface AnswersValidator {
  /**
   * Validated answers, or issues worded for a person (in the language asked for). The "partial"
   * mode is for drafts: unknown questions and wrong types are refused as always, but nothing is
   * required yet.
   */
  validate(
    answers: unknown,
    lang: Lang,
    mode?: 'complete' | 'partial',
  ): { ok: true; answers: Record<string, unknown> } | { ok: false; issues: ErrorIssue[] };
  /** True when the definition has conditional logic the derived schema cannot judge alone. */
  conditional: boolean;
}

/**
 * Derives the answers validator from the SurveyJS JSON: types, rating ranges, choices, required
 * (when unconditional) and no unknown keys. Empty strings and empty arrays count as unanswered.
 */
export function deriveAnswersValidator(json: SurveyJson): AnswersValidator {
  const fields = new Map<string, DerivedField & { title: Expect }>();
  let conditional = false;
  for (const { question, conditional: cond } of questionsOf(json)) {
    if (NO_ANSWER.has(question.type)) continue;
    conditional ||= cond || Array.isArray(question.validators);
    const title = titleOf(question);
    fields.set(question.name, { ...deriveField(question), required: question.isRequired === true && !cond, title });
  }
  return {
    conditional,
    validate(answers, lang, mode = 'complete') {
      if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) {
        return {
          ok: false,
          issues: [{ path: '', message: lang === 'en' ? 'Answers must be an object.' : 'Svaren har fel form.' }],
        };
      }
      const issues: ErrorIssue[] = [];
      const clean: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(answers as Record<string, unknown>)) {
        const field = fields.get(name);
        if (!field) {
          issues.push({
            path: name,
            message: lang === 'en' ? `Unknown question "${name}".` : `Frågan "${name}" finns inte i enkäten.`,
          });
          continue;
        }
        if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
        if (!field.schema.safeParse(value).success) {
          issues.push({ path: name, message: `«${field.title[lang]}» – ${field.expect[lang]}` });
          continue;
        }
        clean[name] = value;
      }
      for (const [name, field] of fields) {
        if (mode === 'complete' && field.required && !(name in clean) && !issues.some((i) => i.path === name)) {
          issues.push({
            path: name,
            message:
              lang === 'en'
                ? `«${field.title.en}» – an answer is required.`
                : `«${field.title.sv}» – frågan behöver besvaras.`,
          });
        }
      }
      return issues.length ? { ok: false, issues } : { ok: true, answers: clean };
    },
  };
}

function titleOf(q: QuestionJson): Expect {
  const t = q.title;
  if (typeof t === 'string') return { sv: t, en: t };
  if (t && typeof t === 'object') {
    const o = t as Record<string, string>;
    const sv = o.sv ?? o.default ?? o.en ?? q.name;
    return { sv, en: o.en ?? o.default ?? sv };
  }
  return { sv: q.name, en: q.name };
}
