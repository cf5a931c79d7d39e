/**
 * One question of the form editor: its tools (up, down, to another page, remove), type, name
 * (locked once published), "must be answered", free-text flag, texts per language, answer options,
 * scale and other allowed properties. Drawn by form-editor.ts, which owns the definition.
 */
import {
  hasChoices,
  isFreeText,
  move,
  elementsOf,
  pagesOf,
  rename,
  retype,
  scoredEntry,
  setFreeText,
  syncMeta,
  type DefinitionFile,
  type Json,
} from './form-model.ts';
import { button, choicesField, h, propertyField, textField, type FieldContext } from './form-fields.ts';
import type { EditorSchema } from '../surveys/property-schema.ts';

/** How the form editor is set up for a version. */
export interface FormEditorOptions {
  schema: EditorSchema;
  /** Names of the questions in the version the draft builds on: they may not be renamed. */
  baseNames: Set<string>;
  /** Texts of questions of the base version may not change (locked, licensed wording). */
  locked: boolean;
  readOnly: boolean;
  onChange(): void;
  onReview(key: string, lang: string): void;
  announce(text: string): void;
}

/** What a question card needs of the editor drawing it. */
export interface EditorScope {
  file: DefinitionFile;
  opts: FormEditorOptions;
  draw(focus?: string): void;
  ctxFor(lockedTexts: boolean): FieldContext;
}

export const TYPE_LABEL: Record<string, string> = {
  radiogroup: 'Enkelval',
  checkbox: 'Flerval',
  dropdown: 'Enkelval i rullista',
  tagbox: 'Flerval i rullista',
  rating: 'Skala',
  boolean: 'Ja eller nej',
  text: 'Kort textsvar',
  comment: 'Fritext (flera rader)',
  signaturepad: 'Underskrift',
  html: 'Informationstext (ingen fråga)',
  panel: 'Grupp av frågor',
};

/** Shown on the card; everything else of the type goes under "Fler inställningar". */
const MAIN = new Set(['type', 'name', 'title', 'description', 'isRequired', 'choices', 'html', 'rateMin', 'rateMax']);

export function questionCard(
  scope: EditorScope,
  q: Json,
  list: Json[],
  i: number,
  pageIndex: number,
  numbering: { n: number },
): HTMLElement {
  const name = String(q.name ?? '');
  const type = String(q.type ?? '');
  const published = scope.opts.baseNames.has(name);
  const ctx = scope.ctxFor(scope.opts.locked && published);
  const number = type === 'html' || type === 'panel' ? null : ++numbering.n;
  const headingId = `fe-q-${CSS.escape(name)}-${pageIndex}-${i}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const scored = scoredEntry(scope.file, name);
  const props = scope.opts.schema.types[type] ?? [];
  const main = h(
    'div',
    { class: 'fe-q-main' },
    typeField(scope, q, published),
    nameField(scope, q, published),
    ...props.filter((p) => p.name === 'isRequired').map((p) => propertyField(q, p, `q:${name}`, ctx)),
    type === 'text' || type === 'comment' ? freeTextField(scope, name) : null,
  );
  const texts =
    type === 'html'
      ? [textField(q, 'html', 'Text (enkel formatering tillåten)', `q:${name}.html`, ctx, true)]
      : [
          textField(q, 'title', 'Frågetext', `q:${name}.title`, ctx),
          textField(q, 'description', 'Beskrivning (under frågan)', `q:${name}.description`, ctx),
        ];
  const rating =
    type === 'rating' && !Array.isArray(q.rateValues)
      ? props
          .filter((p) => p.name === 'rateMin' || p.name === 'rateMax')
          .map((p) => propertyField(q, p, `q:${name}`, ctx))
      : [];
  const more = props.filter((p) => !MAIN.has(p.name));
  return h(
    'li',
    { class: 'fe-question card', 'data-q': name, 'data-item': name, 'aria-labelledby': headingId },
    h(
      'div',
      { class: 'fe-q-head' },
      h(
        'h4',
        { id: headingId },
        number ? `Fråga ${number}` : (TYPE_LABEL[type] ?? type),
        h('span', { class: 'fe-q-name' }, ` · ${name}`),
        scored ? h('span', { class: 'fe-badge' }, `Poängsatt ${String(scored.min)}–${String(scored.max)}`) : null,
        published && scope.opts.locked ? h('span', { class: 'fe-badge' }, 'Låst formulering') : null,
      ),
      scope.opts.readOnly ? null : questionTools(scope, list, i, pageIndex, name),
    ),
    main,
    ...texts,
    hasChoices(type) ? choicesField(q, 'choices', 'Svarsalternativ', ctx) : null,
    ...rating,
    h('ul', { class: 'fe-findings', 'aria-live': 'polite' }),
    more.length
      ? h(
          'details',
          { class: 'fe-more' },
          h('summary', {}, 'Fler inställningar'),
          ...more.map((p) => propertyField(q, p, `q:${name}`, ctx)),
        )
      : null,
  );
}

function questionTools(scope: EditorScope, list: Json[], i: number, pageIndex: number, name: string): HTMLElement {
  const pages = pagesOf(scope.file);
  const focusOf = (tool: string) => `[data-q="${CSS.escape(name)}"] [data-tool="${tool}"]`;
  const moveTo = h(
    'select',
    { 'aria-label': `Flytta ${name} till sida`, class: 'fe-move-page' },
    h('option', { value: '' }, 'Flytta till sida …'),
    ...pages.map((_, p) => h('option', { value: String(p), disabled: p === pageIndex }, `Sida ${p + 1}`)),
  );
  moveTo.addEventListener('change', () => {
    const to = Number(moveTo.value);
    if (moveTo.value === '' || to === pageIndex) return;
    const [q] = list.splice(i, 1);
    elementsOf(pages[to]!).push(q!);
    scope.opts.onChange();
    scope.draw(focusOf('move-page'));
    scope.opts.announce(`${name} är flyttad till sida ${to + 1}.`);
  });
  const step = (to: number, tool: string) => () => {
    if (!move(list, i, to)) return;
    scope.opts.onChange();
    scope.draw(focusOf(tool));
    scope.opts.announce(`${name} är flyttad ${tool === 'up' ? 'upp' : 'ner'}.`);
  };
  return h(
    'div',
    { class: 'fe-tools' },
    button('Upp', step(i - 1, 'up'), { 'data-tool': 'up', 'aria-label': `Flytta ${name} upp`, disabled: i === 0 }),
    button('Ner', step(i + 1, 'down'), {
      'data-tool': 'down',
      'aria-label': `Flytta ${name} ner`,
      disabled: i === list.length - 1,
    }),
    h('span', { 'data-tool': 'move-page', tabindex: '-1', class: 'fe-move-wrap' }, moveTo),
    button(
      'Ta bort',
      () => {
        if (!confirm(`Ta bort frågan ${name}?`)) return;
        list.splice(i, 1);
        syncMeta(scope.file);
        scope.opts.onChange();
        scope.draw(`[data-page-index="${pageIndex}"] .fe-add-type`);
        scope.opts.announce(`${name} är borttagen.`);
      },
      { class: 'danger', 'aria-label': `Ta bort ${name}` },
    ),
  );
}

function typeField(scope: EditorScope, q: Json, published: boolean): HTMLElement {
  const id = `fe-type-${CSS.escape(String(q.name))}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const select = h(
    'select',
    { id, disabled: scope.opts.readOnly },
    ...Object.keys(scope.opts.schema.types)
      .filter((t) => t !== 'panel' || q.type === 'panel')
      .map((t) => h('option', { value: t, selected: t === q.type }, TYPE_LABEL[t] ?? t)),
  );
  select.addEventListener('change', () => {
    retype(scope.file, q, select.value, scope.opts.schema);
    scope.opts.onChange();
    scope.draw(`#${id}`);
  });
  const hint = published
    ? h('p', { class: 'fe-hint' }, 'Byt bara typ om svaren inte ska jämföras med tidigare versioner.')
    : null;
  return h('div', { class: 'fe-prop', 'data-prop': 'type' }, h('label', { for: id }, 'Typ'), select, hint);
}

function nameField(scope: EditorScope, q: Json, published: boolean): HTMLElement {
  const id = `fe-name-${CSS.escape(String(q.name))}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const input = h('input', {
    id,
    type: 'text',
    class: 'fe-code',
    spellcheck: 'false',
    readonly: scope.opts.readOnly || published,
    'aria-describedby': `${id}-hint`,
  });
  input.value = String(q.name ?? '');
  input.addEventListener('change', () => {
    rename(scope.file, q, input.value.trim());
    scope.opts.onChange();
    scope.draw(`#${`fe-name-${CSS.escape(input.value.trim())}`.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  });
  const hint = published
    ? 'Låst: namnet finns i en publicerad version, och svaren jämförs under det.'
    : 'Variabelnamnet i exporter: bokstäver, siffror och _.';
  return h(
    'div',
    { class: 'fe-prop', 'data-prop': 'name' },
    h('label', { for: id }, 'Namn'),
    input,
    h('p', { class: 'fe-hint', id: `${id}-hint` }, hint),
  );
}

function freeTextField(scope: EditorScope, name: string): HTMLElement {
  const id = `fe-free-${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const box = h('input', { id, type: 'checkbox', disabled: scope.opts.readOnly });
  box.checked = isFreeText(scope.file, name);
  box.addEventListener('change', () => {
    setFreeText(scope.file, name, box.checked);
    scope.opts.onChange();
  });
  return h(
    'div',
    { class: 'fe-prop fe-check', 'data-prop': 'freeText' },
    box,
    h('label', { for: id }, 'Fritext som kan peka ut personer (tas inte med i forskarnas nedladdningar)'),
  );
}
