/**
 * What a definition may contain: the SurveyJS element types and properties the product supports,
 * each with the kind of value it takes. Everything else is refused, so a definition carries no
 * active content: no navigation on completion, no choices or images fetched from elsewhere, no
 * values set behind the participant's back, no markup beyond a few formatting tags. The names are
 * SurveyJS's (tests/unit/allow-list.test.ts checks each against survey-core's Serializer); the
 * choice of names is ours. Pure and Web-API-only: the editor bundle and the runner share the tags.
 */

/** How a property's value is checked. */
export type ValueKind =
  | 'text' // a string, or {locale: string}; rendered as text by SurveyJS
  | 'plain' // like text, but for a property SurveyJS renders as HTML: no markup at all
  | 'html' // like text, markup limited to HTML_TAGS
  | 'name'
  | 'bool'
  | 'number'
  | 'condition' // a SurveyJS expression (visibleIf …)
  | 'elements'
  | 'pages'
  | 'choices'
  | { oneOf: readonly string[] };

type Props = Record<string, ValueKind>;

const condition = 'condition' as const;
const QUESTION: Props = {
  type: 'name',
  name: 'name',
  title: 'text',
  description: 'text',
  isRequired: 'bool',
  requiredErrorText: 'text',
  visibleIf: condition,
  enableIf: condition,
  requiredIf: condition,
  titleLocation: { oneOf: ['default', 'top', 'bottom', 'left', 'hidden'] },
};
const CHOICE_EXTRAS: Props = {
  showNoneItem: 'bool',
  noneText: 'text',
  showRefuseItem: 'bool',
  refuseText: 'text',
  showDontKnowItem: 'bool',
  dontKnowText: 'text',
};

/** Survey-level properties. */
export const SURVEY_PROPS: Props = {
  title: 'text',
  description: 'text',
  showQuestionNumbers: { oneOf: ['on', 'off', 'onPage', 'onpage'] },
  showProgressBar: { oneOf: ['off', 'top', 'bottom', 'both', 'auto', 'aboveheader', 'belowheader'] },
  progressBarType: { oneOf: ['pages', 'questions', 'requiredQuestions', 'correctQuestions'] },
  autoAdvanceEnabled: 'bool',
  completeText: 'text',
  pagePrevText: 'text',
  pageNextText: 'text',
  // Shown as the complete page; SurveyJS renders it as HTML, so only plain text is allowed.
  completedHtml: 'plain',
  pages: 'pages',
  elements: 'elements',
};

export const PAGE_PROPS: Props = {
  name: 'name',
  title: 'text',
  description: 'text',
  visibleIf: condition,
  elements: 'elements',
};

/** Element types and their properties (beyond these nothing is allowed). */
export const ELEMENT_PROPS: Record<string, Props> = {
  radiogroup: { ...QUESTION, choices: 'choices', colCount: 'number', ...CHOICE_EXTRAS },
  checkbox: { ...QUESTION, choices: 'choices', colCount: 'number', ...CHOICE_EXTRAS },
  dropdown: { ...QUESTION, choices: 'choices', placeholder: 'text', ...CHOICE_EXTRAS },
  tagbox: { ...QUESTION, choices: 'choices', placeholder: 'text', ...CHOICE_EXTRAS },
  rating: {
    ...QUESTION,
    rateMin: 'number',
    rateMax: 'number',
    rateStep: 'number',
    rateCount: 'number',
    rateValues: 'choices',
    minRateDescription: 'text',
    maxRateDescription: 'text',
    displayMode: { oneOf: ['auto', 'buttons', 'dropdown'] },
    rateType: { oneOf: ['labels', 'stars', 'smileys'] },
  },
  boolean: {
    ...QUESTION,
    renderAs: { oneOf: ['default', 'checkbox', 'radio'] },
    labelTrue: 'text',
    labelFalse: 'text',
    valueTrue: 'name',
    valueFalse: 'name',
  },
  text: {
    ...QUESTION,
    inputType: { oneOf: ['text', 'number', 'date'] },
    maxLength: 'number',
    placeholder: 'text',
  },
  comment: { ...QUESTION, maxLength: 'number', rows: 'number', placeholder: 'text' },
  signaturepad: { ...QUESTION, signatureWidth: 'number', signatureHeight: 'number' },
  html: { type: 'name', name: 'name', html: 'html', visibleIf: condition },
  panel: { type: 'name', name: 'name', title: 'text', description: 'text', visibleIf: condition, elements: 'elements' },
};

/** An answer option (choices, rateValues): a plain value or these properties. */
export const CHOICE_PROPS: Props = { value: 'name', text: 'text', isExclusive: 'bool' };

/**
 * Why a property a definition might use is refused, in the admin's words, for the properties that
 * are an attack rather than a typo. Others get the general "not allowed" finding.
 */
export const REFUSED_BECAUSE: Record<string, string> = {
  navigateToUrl: 'skickar deltagaren till en annan adress när enkäten är klar (svaren kan följa med i adressen)',
  navigateToUrlOnCondition:
    'skickar deltagaren till en annan adress när enkäten är klar (svaren kan följa med i adressen)',
  completedHtmlOnCondition: 'visar egen HTML-kod när enkäten är klar',
  completedBeforeHtml: 'visar egen HTML-kod',
  loadingHtml: 'visar egen HTML-kod',
  choicesByUrl: 'hämtar svarsalternativ från en annan server',
  imageLink: 'visar en bild från en annan adress',
  logo: 'visar en bild från en annan adress',
  backgroundImage: 'visar en bild från en annan adress',
  triggers: 'kan sätta svar eller avsluta enkäten utan att deltagaren gör något',
  calculatedValues: 'kan räkna fram värden som sedan sätts som svar',
  defaultValue: 'fyller i ett svar åt deltagaren',
  defaultValueExpression: 'fyller i ett svar åt deltagaren',
  setValueIf: 'fyller i ett svar åt deltagaren',
  setValueExpression: 'fyller i ett svar åt deltagaren',
  resetValueIf: 'ändrar deltagarens svar',
  correctAnswer: 'fyller i ett svar åt deltagaren',
  valueName: 'låter en fråga spara sitt svar under en annan frågas namn',
  visible: 'döljer frågan (använd visibleIf med ett villkor som deltagaren ser)',
  readOnly: 'låser frågan så att deltagaren inte kan ändra svaret',
  cookieName: 'läser och sätter kakor i deltagarens webbläsare',
};

/** Element types refused with a reason (others not on the list are simply not supported). */
export const TYPE_REFUSED_BECAUSE: Record<string, string> = {
  image: 'visar en bild från en annan adress',
  imagepicker: 'visar bilder från andra adresser',
  imagemap: 'visar bilder från andra adresser',
  file: 'tar emot filer från deltagaren',
  expression: 'räknar fram värden som skickas som svar',
};

/** Formatting tags an html element may use, with the attributes each may carry. */
export const HTML_TAGS: Record<string, readonly string[]> = {
  p: [],
  br: [],
  strong: [],
  em: [],
  b: [],
  i: [],
  ul: [],
  ol: [],
  li: [],
  h2: [],
  h3: [],
  h4: [],
  a: ['href'],
};
/** Where a link may lead: a web page over https, an e-mail address or a phone number. */
export const LINK_HREF = /^(?:https:\/\/[^\s"'<>{}\\]+|mailto:[^\s"'<>{}\\]+|tel:[+0-9 ()-]+)$/i;

/**
 * Problems with markup in an html text, in Swedish, empty when it keeps to HTML_TAGS: every "<"
 * opens an allowed tag written plainly (attributes in double quotes), links lead only where
 * LINK_HREF allows, and nothing else (no comments, no other tags or attributes) is there.
 */
export function markupProblems(html: string): string[] {
  const problems = new Set<string>();
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+="[^"<>]*")*)\s*(\/?)>/y;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    tag.lastIndex = i;
    const m = tag.exec(html);
    if (!m) {
      problems.add(`"${snippet(html, i)}" är inte en tillåten tagg (skriv &lt; för tecknet <)`);
      continue;
    }
    const name = m[2]!.toLowerCase();
    const allowed = HTML_TAGS[name];
    if (!allowed) {
      problems.add(`taggen <${name}> är inte tillåten`);
      continue;
    }
    for (const attr of m[3]!.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)) {
      const attrName = attr[1]!.toLowerCase();
      if (m[1] || !allowed.includes(attrName)) problems.add(`attributet ${attrName} på <${name}> är inte tillåtet`);
      else if (attrName === 'href' && !LINK_HREF.test(decodeEntities(attr[2]!)))
        problems.add(`länken "${attr[2]}" ska börja med https://, mailto: eller tel: och får inte innehålla {…}`);
    }
  }
  return [...problems];
}

function snippet(text: string, at: number): string {
  const end = text.indexOf('>', at);
  return text.slice(at, end === -1 ? at + 20 : Math.min(end + 1, at + 40));
}

/** Enough entity decoding to judge a link: numeric references and the few named ones a URL hides behind. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(
      /&(colon|tab|newline|amp);?/gi,
      (_, n: string) => ({ colon: ':', tab: '\t', newline: '\n', amp: '&' })[n.toLowerCase()]!,
    );
}

/** The DOMPurify settings the runner and the preview use: the same tags, attributes and links as above. */
export const SANITIZE_CONFIG = {
  ALLOWED_TAGS: Object.keys(HTML_TAGS),
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^(?:https:|mailto:|tel:)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};
