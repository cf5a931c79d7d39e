/**
 * The allow-list (allow-list.ts) applied to a definition: every object in the SurveyJS JSON is the
 * survey, a page, an element or an answer option, and each may carry only its listed properties,
 * with values of the listed kind. A consent definition's consent question must also be one the
 * participant sees and answers: visible unconditionally, unanswered until ticked, its value true.
 */
import { Serializer } from 'survey-core';
import { LOCALE_KEY } from '../client/locales.ts';
import {
  CHOICE_PROPS,
  ELEMENT_PROPS,
  markupProblems,
  PAGE_PROPS,
  REFUSED_BECAUSE,
  SURVEY_PROPS,
  TYPE_REFUSED_BECAUSE,
  type ValueKind,
} from './allow-list.ts';
import type { SurveyJson } from './definition.ts';

export interface ContentProblem {
  message: string;
  /** The element it concerns (for its line in the editor). */
  item?: string;
  /** The property it concerns (for its line when no element is named). */
  property?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const LOCALE = LOCALE_KEY;

/** Everything in the survey that is not on the allow-list, in Swedish. */
export function contentProblems(survey: SurveyJson): ContentProblem[] {
  const out: ContentProblem[] = [];
  const names = new Map<string, number>();
  /** The element whose answer options are being checked. */
  let current: string | undefined;

  const checkObject = (obj: Json, props: Record<string, ValueKind>, where: string, item?: string) => {
    for (const [key, value] of Object.entries(obj)) {
      const kind = props[key];
      if (!kind) {
        const reason = REFUSED_BECAUSE[key];
        out.push({
          message: reason
            ? `"${key}" ${where} är inte tillåtet: det ${reason}.`
            : `Egenskapen "${key}" ${where} är inte tillåten i Enkät.`,
          item,
          property: key,
        });
        continue;
      }
      const problem = valueProblem(kind, value);
      if (problem) out.push({ message: `"${key}" ${where} ${problem}`, item, property: key });
    }
  };

  const valueProblem = (kind: ValueKind, value: unknown): string | null => {
    if (typeof kind === 'object')
      return kind.oneOf.includes(value as string) ? null : `ska vara ett av ${kind.oneOf.join(', ')}.`;
    switch (kind) {
      case 'text':
      case 'plain':
      case 'html': {
        const texts = typeof value === 'string' ? [value] : isObject(value) ? Object.values(value) : null;
        if (
          !texts ||
          texts.some((t) => typeof t !== 'string') ||
          (isObject(value) && !Object.keys(value).every((k) => LOCALE.test(k)))
        )
          return 'ska vara en text, eller en text per språk ({"sv": …, "en": …}).';
        if (kind === 'plain' && texts.some((t) => /[<>]/.test(t as string)))
          return 'får bara vara vanlig text, utan HTML (tecknen < och >).';
        if (kind === 'html') {
          const problems = [...new Set(texts.flatMap((t) => markupProblems(t as string)))];
          if (problems.length)
            return `innehåller HTML som inte är tillåten: ${problems.join('; ')}. Tillåtet är p, br, strong, em, b, i, ul, ol, li, h2–h4 och a med href (https, mailto, tel).`;
        }
        return null;
      }
      case 'name':
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? null
          : 'ska vara en text eller ett tal.';
      case 'bool':
        return typeof value === 'boolean' ? null : 'ska vara true eller false.';
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? null : 'ska vara ett tal.';
      case 'condition':
        return typeof value === 'string' ? null : 'ska vara ett villkor (text).';
      case 'elements':
        if (!Array.isArray(value)) return 'ska vara en lista med frågor.';
        for (const el of value) checkElement(el);
        return null;
      case 'pages':
        if (!Array.isArray(value)) return 'ska vara en lista med sidor.';
        for (const page of value) {
          if (isObject(page)) {
            const name = typeof page.name === 'string' ? ` "${page.name}"` : '';
            checkObject(page, PAGE_PROPS, `på sidan${name}`);
          }
        }
        return null;
      case 'choices':
        if (!Array.isArray(value)) return 'ska vara en lista med svarsalternativ.';
        for (const choice of value) {
          if (isObject(choice))
            checkObject(choice, CHOICE_PROPS, `i ett svarsalternativ (${JSON.stringify(choice.value)})`, current);
          else if (!['string', 'number', 'boolean'].includes(typeof choice))
            return 'ska vara svarsalternativ (värden eller {"value", "text"}).';
        }
        return null;
    }
  };

  const checkElement = (el: unknown) => {
    if (!isObject(el) || typeof el.type !== 'string') return; // survey-core reports it
    const name = typeof el.name === 'string' ? el.name : undefined;
    if (name !== undefined) names.set(name, (names.get(name) ?? 0) + 1);
    const props = Object.hasOwn(ELEMENT_PROPS, el.type) ? ELEMENT_PROPS[el.type] : undefined;
    const label = name ? `"${name}"` : '(utan namn)';
    if (!props) {
      const reason = TYPE_REFUSED_BECAUSE[el.type];
      // A type survey-core does not know is reported by survey-core ("Okänd frågetyp").
      if (reason || Serializer.findClass(el.type))
        out.push({
          message: `Frågetypen "${el.type}" (${label}) är inte tillåten i Enkät${reason ? `: den ${reason}` : ''}.`,
          item: name,
          property: 'type',
        });
      return;
    }
    const outer = current;
    current = name;
    checkObject(
      el,
      props,
      `i ${el.type === 'panel' ? 'panelen' : el.type === 'html' ? 'textblocket' : 'frågan'} ${label}`,
      name,
    );
    current = outer;
  };

  checkObject(survey, SURVEY_PROPS, 'i enkäten');
  for (const [name, count] of names)
    if (count > 1)
      out.push({ message: `Namnet "${name}" används av ${count} element; varje namn ska vara unikt.`, item: name });
  return out;
}

/** Properties that would let the consent question be shown conditionally or answered for the participant. */
const CONSENT_FORBIDDEN = [
  'visible',
  'visibleIf',
  'enableIf',
  'requiredIf',
  'readOnly',
  'defaultValue',
  'valueTrue',
  'valueFalse',
];

/**
 * The consent question must be asked: visible on its page without conditions (nor on a page or
 * panel with one), unanswered by default, its answer true or false, and its text shown.
 */
export function consentQuestionProblems(survey: SurveyJson, consentQuestion: string): ContentProblem[] {
  const found = findWithAncestors(survey, consentQuestion);
  if (!found) return []; // checkDefinition says it is missing
  const { question, ancestors } = found;
  const out: ContentProblem[] = [];
  const say = (why: string) =>
    out.push({
      message: `Samtyckesfrågan "${consentQuestion}" ska alltid synas och vara obesvarad tills deltagaren själv kryssar i: ${why}.`,
      item: consentQuestion,
    });
  for (const key of CONSENT_FORBIDDEN) if (key in question) say(`"${key}" är inte tillåtet på den`);
  for (const a of ancestors)
    for (const key of ['visible', 'visibleIf'])
      if (key in a)
        say(`den ligger i ${a.type === 'panel' ? 'panelen' : 'sidan'} "${String(a.name ?? '')}" som har "${key}"`);
  const title = question.title;
  const texts = typeof title === 'string' ? [title] : isObject(title) ? Object.values(title) : [];
  if (texts.length === 0 || texts.some((t) => typeof t !== 'string' || t.trim() === ''))
    say('den behöver en text (title) som säger vad deltagaren samtycker till');
  if (question.titleLocation === 'hidden' && question.renderAs !== 'checkbox')
    say(
      'texten får döljas (titleLocation "hidden") bara när frågan visas som kryssruta (renderAs "checkbox"), som visar texten vid rutan',
    );
  return out;
}

function findWithAncestors(survey: SurveyJson, name: string): { question: Json; ancestors: Json[] } | null {
  const search = (elements: unknown, ancestors: Json[]): { question: Json; ancestors: Json[] } | null => {
    if (!Array.isArray(elements)) return null;
    for (const el of elements) {
      if (!isObject(el)) continue;
      if (el.name === name && el.type !== 'panel') return { question: el, ancestors };
      if (el.type === 'panel') {
        const hit = search(el.elements, [...ancestors, el]);
        if (hit) return hit;
      }
    }
    return null;
  };
  const pages = Array.isArray(survey.pages) ? survey.pages : [{ elements: survey.elements }];
  for (const page of pages) {
    if (!isObject(page)) continue;
    const hit = search(page.elements, [{ ...page, type: 'page' }]);
    if (hit) return hit;
  }
  return null;
}
