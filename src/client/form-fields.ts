/**
 * The form editor's fields: a text in every language side by side (with its translation mark), a
 * list of answer options, and a field for any other allowed property, drawn from its description
 * (property-schema.ts: kind, default, localisable). Each writes straight into the definition object
 * and tells the editor; findings are attached later by data attributes (data-text, data-prop).
 */
import { hasChoices, move, setText, textIn, type Json } from './form-model.ts';
import type { PropertyInfo } from '../surveys/property-schema.ts';
import { LANG_NAME } from '../surveys/findings.ts';
import { dirOf } from './texts.ts';

export interface FieldContext {
  langs: string[];
  /** Texts may not change (a locked, licensed instrument). */
  lockedTexts: boolean;
  /** Nothing may change (a published or retired version). */
  readOnly: boolean;
  /** A value changed; structural = the form must be drawn again (focus: what to focus afterwards). */
  changed(structural?: boolean, focus?: string): void;
  /** The admin confirms that a language of a text still says what the changed language says. */
  review(key: string, lang: string): void;
}

let counter = 0;
const uid = (stem: string) => `${stem}-${++counter}`;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export const langLabel = (lang: string) => {
  const name = LANG_NAME[lang] ?? lang;
  return name.charAt(0).toUpperCase() + name.slice(1);
};

export function button(label: string, onClick: () => void, attrs: Record<string, string | boolean | undefined> = {}) {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

const rows = (text: string, multiline: boolean) => Math.max(multiline ? 3 : 1, Math.ceil(text.length / 48));

/** A text in every language of the definition, side by side. key: its translation-review.ts key. */
export function textField(
  owner: Json,
  prop: string,
  label: string,
  key: string,
  ctx: FieldContext,
  multiline = false,
): HTMLElement {
  const langs = ctx.langs.map((lang) => {
    const id = uid('fe-text');
    const area = h('textarea', {
      id,
      lang,
      dir: dirOf(lang) === 'rtl' ? 'rtl' : 'auto',
      rows: String(rows(textIn(owner, prop, lang), multiline)),
      readonly: ctx.readOnly || ctx.lockedTexts,
    });
    area.value = textIn(owner, prop, lang);
    area.addEventListener('input', () => {
      setText(owner, prop, lang, area.value);
      ctx.changed();
    });
    const review = h(
      'div',
      { class: 'fe-review', hidden: true },
      h('span', { class: 'fe-review-badge' }, 'Behöver granskas'),
      ctx.readOnly ? null : button('Texten stämmer', () => ctx.review(key, lang), { class: 'fe-review-ok' }),
    );
    return h('div', { class: 'fe-lang', 'data-lang': lang }, h('label', { for: id }, langLabel(lang)), area, review);
  });
  return h(
    'fieldset',
    { class: 'fe-text', 'data-text': key, 'data-prop': prop },
    h('legend', {}, label),
    h('div', { class: 'fe-langs' }, ...langs),
  );
}

const valueOf = (raw: string): string | number => (/^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw.trim());

/** Answer options (choices or rateValues): value, text per language, order. */
export function choicesField(q: Json, prop: string, label: string, ctx: FieldContext): HTMLElement {
  const list = (Array.isArray(q[prop]) ? q[prop] : (q[prop] = [])) as unknown[];
  const name = String(q.name);
  const items = list.map((raw, i) => {
    const choice: Json = raw !== null && typeof raw === 'object' ? (raw as Json) : { value: raw };
    list[i] = choice;
    const valueId = uid('fe-value');
    const value = h('input', { id: valueId, type: 'text', class: 'fe-value', readonly: ctx.readOnly });
    value.value = String(choice.value ?? '');
    value.addEventListener('change', () => {
      choice.value = valueOf(value.value);
      ctx.changed(true, `[data-choice-of="${CSS.escape(name)}"][data-index="${i}"] .fe-value`);
    });
    const tools = ctx.readOnly
      ? null
      : h(
          'div',
          { class: 'fe-tools' },
          button('Upp', () => move(list, i, i - 1) && ctx.changed(true, choiceFocus(name, i - 1, 'up')), {
            'aria-label': `Flytta alternativ ${choice.value} upp`,
            'data-tool': 'up',
            disabled: i === 0,
          }),
          button('Ner', () => move(list, i, i + 1) && ctx.changed(true, choiceFocus(name, i + 1, 'down')), {
            'aria-label': `Flytta alternativ ${choice.value} ner`,
            'data-tool': 'down',
            disabled: i === list.length - 1,
          }),
          button(
            'Ta bort',
            () => {
              list.splice(i, 1);
              ctx.changed(true, `[data-choices="${CSS.escape(name)}"] .fe-add-choice`);
            },
            { 'aria-label': `Ta bort alternativ ${choice.value}`, class: 'danger' },
          ),
        );
    const text = textField(
      choice,
      'text',
      `Text för alternativ ${String(choice.value)}`,
      `q:${name}.${prop}[${String(choice.value)}].text`,
      ctx,
    );
    return h(
      'li',
      { class: 'fe-choice', 'data-choice-of': name, 'data-index': String(i) },
      h('div', { class: 'fe-value-wrap' }, h('label', { for: valueId }, 'Värde'), value),
      text,
      tools,
    );
  });
  const add = ctx.readOnly
    ? null
    : button(
        'Lägg till svarsalternativ',
        () => {
          const numbers = list.map((c) => (c as Json).value).filter((v): v is number => typeof v === 'number');
          const next = numbers.length ? Math.max(...numbers) + 1 : list.length + 1;
          list.push({ value: next, text: { sv: `Alternativ ${next}` } });
          ctx.changed(true, `[data-choice-of="${CSS.escape(name)}"][data-index="${list.length - 1}"] textarea`);
        },
        { class: 'fe-add-choice' },
      );
  return h(
    'fieldset',
    { class: 'fe-choices', 'data-choices': name, 'data-prop': prop },
    h('legend', {}, label),
    h('ol', { class: 'fe-choice-list' }, ...items),
    add,
  );
}

const choiceFocus = (name: string, i: number, tool: string) =>
  `[data-choice-of="${CSS.escape(name)}"][data-index="${i}"] [data-tool="${tool}"]`;

/** Swedish names of the allowed properties, for labels. */
export const PROPERTY_LABEL: Record<string, string> = {
  title: 'Rubrik',
  description: 'Beskrivning (under rubriken)',
  isRequired: 'Måste besvaras',
  requiredErrorText: 'Text när frågan inte är besvarad',
  visibleIf: 'Visas bara om (villkor)',
  enableIf: 'Går att besvara bara om (villkor)',
  requiredIf: 'Måste besvaras bara om (villkor)',
  titleLocation: 'Rubrikens placering',
  choices: 'Svarsalternativ',
  colCount: 'Antal kolumner',
  showNoneItem: 'Visa alternativet "Ingen"',
  noneText: 'Text för "Ingen"',
  showRefuseItem: 'Visa "Vill inte svara"',
  refuseText: 'Text för "Vill inte svara"',
  showDontKnowItem: 'Visa "Vet inte"',
  dontKnowText: 'Text för "Vet inte"',
  placeholder: 'Text i tomt fält',
  rateMin: 'Skalans lägsta värde',
  rateMax: 'Skalans högsta värde',
  rateStep: 'Steg mellan värdena',
  rateCount: 'Antal steg',
  rateValues: 'Skalans steg med egna texter',
  minRateDescription: 'Text vid lägsta värdet',
  maxRateDescription: 'Text vid högsta värdet',
  displayMode: 'Visas som',
  rateType: 'Skalans utseende',
  renderAs: 'Visas som',
  labelTrue: 'Text för "ja"',
  labelFalse: 'Text för "nej"',
  valueTrue: 'Värde som sparas för "ja"',
  valueFalse: 'Värde som sparas för "nej"',
  inputType: 'Slags svar',
  maxLength: 'Högsta antal tecken',
  rows: 'Antal rader',
  signatureWidth: 'Bredd (bildpunkter)',
  signatureHeight: 'Höjd (bildpunkter)',
  html: 'Text (enkel formatering tillåten)',
  showQuestionNumbers: 'Numrera frågorna',
  showProgressBar: 'Förloppsindikator',
  progressBarType: 'Förloppet räknas i',
  autoAdvanceEnabled: 'Gå vidare automatiskt efter svar',
  completeText: 'Text på knappen som skickar',
  pagePrevText: 'Text på knappen "Föregående"',
  pageNextText: 'Text på knappen "Nästa"',
  completedHtml: 'Text när enkäten är skickad',
  isExclusive: 'Utesluter andra val',
  name: 'Namn',
  type: 'Typ',
};

/** A field for any other allowed property, from its description. */
export function propertyField(owner: Json, info: PropertyInfo, keyStem: string, ctx: FieldContext): HTMLElement {
  const label = PROPERTY_LABEL[info.name] ?? info.name;
  if (info.kind === 'text' || info.kind === 'plain' || info.kind === 'html')
    return textField(owner, info.name, label, `${keyStem}.${info.name}`, ctx, info.kind === 'html');
  if (info.kind === 'choices') return choicesField(owner, info.name, label, ctx);
  const id = uid('fe-prop');
  const wrap = (control: HTMLElement, first = false) =>
    h(
      'div',
      { class: `fe-prop${first ? ' fe-check' : ''}`, 'data-prop': info.name },
      ...(first ? [control, h('label', { for: id }, label)] : [h('label', { for: id }, label), control]),
    );
  const set = (value: unknown) => {
    if (value === undefined || value === '') delete owner[info.name];
    else owner[info.name] = value;
    ctx.changed();
  };
  if (info.kind === 'bool') {
    const box = h('input', { id, type: 'checkbox', disabled: ctx.readOnly });
    box.checked = owner[info.name] === true;
    box.addEventListener('change', () => set(box.checked ? true : undefined));
    return wrap(box, true);
  }
  if (info.kind === 'oneOf') {
    const current = owner[info.name];
    const select = h(
      'select',
      { id, disabled: ctx.readOnly },
      h('option', { value: '' }, `Standard${info.default !== undefined ? ` (${String(info.default)})` : ''}`),
      ...(info.options ?? []).map((o) => h('option', { value: o, selected: current === o }, o)),
    );
    select.addEventListener('change', () => set(select.value || undefined));
    return wrap(select);
  }
  const input = h('input', {
    id,
    type: info.kind === 'number' ? 'number' : 'text',
    class: info.kind === 'condition' ? 'fe-code' : undefined,
    placeholder: info.default !== undefined ? String(info.default) : undefined,
    readonly: ctx.readOnly,
    spellcheck: info.kind === 'condition' || info.kind === 'name' ? 'false' : undefined,
  });
  input.value = owner[info.name] === undefined ? '' : String(owner[info.name]);
  input.addEventListener('change', () =>
    set(input.value === '' ? undefined : info.kind === 'number' ? Number(input.value) : input.value),
  );
  return wrap(input);
}

export { hasChoices };
