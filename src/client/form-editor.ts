/**
 * The form editor (the editor's default view): the survey's texts, then its pages and questions as
 * a list. Questions are added, removed and moved with buttons (keyboard-reachable; focus follows
 * the moved question), also between pages; each shows its type, its name (locked once published),
 * "must be answered", every text in every language side by side, its answer options and its other
 * allowed properties. The server's findings are drawn at the field they concern.
 */
import {
  elementsOf,
  hasChoices,
  isFreeText,
  languagesOf,
  move,
  newQuestion,
  pagesOf,
  rename,
  retype,
  scoredEntry,
  setFreeText,
  syncMeta,
  uniqueName,
  type DefinitionFile,
  type Json,
} from './form-model.ts';
import { button, choicesField, h, langLabel, propertyField, textField, type FieldContext } from './form-fields.ts';
import type { EditorSchema } from '../surveys/property-schema.ts';
import type { Finding } from '../surveys/findings.ts';

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
const SURVEY_MAIN = new Set(['title', 'description', 'completedHtml']);

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

export function createFormEditor(host: HTMLElement, opts: FormEditorOptions) {
  let file: DefinitionFile;
  let findings: Finding[] = [];

  const ctxFor = (lockedTexts: boolean): FieldContext => ({
    langs: languagesOf(file),
    lockedTexts,
    readOnly: opts.readOnly,
    changed: (structural, focus) => {
      opts.onChange();
      if (structural) draw(focus);
    },
    review: opts.onReview,
  });

  function draw(focus?: string): void {
    const scrollY = window.scrollY;
    const numbering = { n: 0 };
    const pages = pagesOf(file);
    const parts: (HTMLElement | null)[] = [
      surveySection(),
      h(
        'ol',
        { class: 'fe-pages', 'aria-label': 'Sidor' },
        ...pages.map((page, i) => pageCard(page, i, pages.length, numbering)),
      ),
      opts.readOnly
        ? null
        : button(
            'Lägg till sida',
            () => {
              pages.push({ name: uniqueName(file, 'sida'), elements: [] });
              opts.onChange();
              draw(`[data-page-index="${pages.length - 1}"] .fe-add-type`);
              opts.announce(`Sida ${pages.length} är tillagd.`);
            },
            { class: 'fe-add-page' },
          ),
    ];
    host.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    placeFindings();
    if (focus) {
      window.scrollTo({ top: scrollY });
      let target = host.querySelector<HTMLElement>(focus);
      // Moved to the end of its list: its button in that direction is disabled, the other one takes the focus.
      if (target instanceof HTMLButtonElement && target.disabled)
        target = target.parentElement?.querySelector<HTMLElement>('button:not(:disabled)') ?? target;
      target?.focus();
      // A new text field's starter text is selected: typing replaces it.
      if (target instanceof HTMLTextAreaElement) target.select();
    }
  }

  function surveySection(): HTMLElement {
    const ctx = ctxFor(false);
    const more = opts.schema.survey.filter((p) => !SURVEY_MAIN.has(p.name) && p.kind !== 'choices');
    return h(
      'section',
      { class: 'fe-survey card', 'aria-labelledby': 'fe-survey-heading', 'data-item': '' },
      h('h3', { id: 'fe-survey-heading' }, 'Hela enkäten'),
      textField(file.meta, 'title', 'Namn i listor och rapporter', 'meta.title', ctx),
      textField(file.survey, 'title', 'Rubrik som deltagaren ser', 'survey.title', ctx),
      textField(file.survey, 'description', 'Beskrivning under rubriken', 'survey.description', ctx, true),
      textField(file.survey, 'completedHtml', 'Text när enkäten är skickad', 'survey.completedHtml', ctx, true),
      languageAdder(),
      h(
        'details',
        { class: 'fe-more' },
        h('summary', {}, 'Fler inställningar för enkäten'),
        ...more.map((p) => propertyField(file.survey, p, 'survey', ctx)),
      ),
    );
  }

  function languageAdder(): HTMLElement | null {
    if (opts.readOnly) return null;
    const have = new Set(languagesOf(file));
    const options = ['en', 'ar', 'so', 'ti', 'prs', 'fa', 'uk'].filter((l) => !have.has(l));
    if (options.length === 0) return null;
    const select = h('select', { id: 'fe-add-lang' }, ...options.map((l) => h('option', { value: l }, langLabel(l))));
    return h(
      'div',
      { class: 'fe-prop fe-add-lang' },
      h('label', { for: 'fe-add-lang' }, 'Lägg till ett språk'),
      h(
        'div',
        { class: 'fe-row' },
        select,
        button('Lägg till', () => {
          // A language exists once a text has it: the survey's title, empty until translated.
          const title = (file.survey.title ??= { sv: '' }) as Json;
          if (typeof title === 'object') (title as Record<string, string>)[select.value] = '';
          opts.onChange();
          opts.announce(`${langLabel(select.value)} är tillagd: fyll i texterna.`);
          draw('#fe-add-lang');
        }),
      ),
    );
  }

  function pageCard(page: Json, index: number, count: number, numbering: { n: number }): HTMLElement {
    const elements = elementsOf(page);
    const headingId = `fe-page-${index}`;
    const pages = pagesOf(file);
    const tools = opts.readOnly
      ? null
      : h(
          'div',
          { class: 'fe-tools' },
          button('Flytta sidan upp', () => movePage(index, index - 1, 'up'), {
            disabled: index === 0,
            'data-tool': 'page-up',
          }),
          button('Flytta sidan ner', () => movePage(index, index + 1, 'down'), {
            disabled: index === count - 1,
            'data-tool': 'page-down',
          }),
          button(
            'Ta bort sidan',
            () => {
              pages.splice(index, 1);
              opts.onChange();
              draw('.fe-add-page');
              opts.announce(`Sida ${index + 1} är borttagen.`);
            },
            {
              class: 'danger',
              disabled: elements.length > 0 || count === 1,
              title: elements.length > 0 ? 'Flytta eller ta bort sidans frågor först.' : undefined,
            },
          ),
        );
    const ctx = ctxFor(false);
    const keyStem = typeof page.name === 'string' ? `page:${page.name}` : `survey.pages[${index}]`;
    return h(
      'li',
      { class: 'fe-page', 'data-page-index': String(index), 'aria-labelledby': headingId },
      h('div', { class: 'fe-page-head' }, h('h3', { id: headingId }, `Sida ${index + 1} av ${count}`), tools),
      h(
        'details',
        { class: 'fe-more' },
        h('summary', {}, 'Sidans rubrik och villkor'),
        ...opts.schema.page.filter((p) => p.name !== 'name').map((p) => propertyField(page, p, keyStem, ctx)),
      ),
      h(
        'ol',
        { class: 'fe-questions', 'aria-label': `Frågor på sida ${index + 1}` },
        ...elements.map((q, i) => questionCard(q, elements, i, index, numbering)),
      ),
      opts.readOnly ? null : questionAdder(page, index),
    );
  }

  function movePage(from: number, to: number, tool: string): void {
    if (!move(pagesOf(file), from, to)) return;
    opts.onChange();
    draw(`[data-page-index="${to}"] [data-tool="page-${tool}"]`);
    opts.announce(`Sidan är flyttad till plats ${to + 1}.`);
  }

  function questionAdder(page: Json, index: number): HTMLElement {
    const id = `fe-add-type-${index}`;
    const select = h(
      'select',
      { id, class: 'fe-add-type' },
      ...Object.keys(opts.schema.types)
        .filter((t) => t !== 'panel')
        .map((t) => h('option', { value: t }, TYPE_LABEL[t] ?? t)),
    );
    return h(
      'div',
      { class: 'fe-add-question' },
      h('label', { for: id }, `Ny fråga på sida ${index + 1}, typ`),
      h(
        'div',
        { class: 'fe-row' },
        select,
        button('Lägg till fråga', () => {
          const q = newQuestion(file, select.value);
          elementsOf(page).push(q);
          opts.onChange();
          draw(`[data-q="${CSS.escape(String(q.name))}"] .fe-lang textarea`);
          opts.announce(`Frågan ${String(q.name)} är tillagd på sida ${index + 1}.`);
        }),
      ),
    );
  }

  function questionCard(q: Json, list: Json[], i: number, pageIndex: number, numbering: { n: number }): HTMLElement {
    const name = String(q.name ?? '');
    const type = String(q.type ?? '');
    const published = opts.baseNames.has(name);
    const ctx = ctxFor(opts.locked && published);
    const number = type === 'html' || type === 'panel' ? null : ++numbering.n;
    const headingId = `fe-q-${CSS.escape(name)}-${pageIndex}-${i}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const scored = scoredEntry(file, name);
    const props = opts.schema.types[type] ?? [];
    const main = h(
      'div',
      { class: 'fe-q-main' },
      typeField(q, published),
      nameField(q, published),
      ...props.filter((p) => p.name === 'isRequired').map((p) => propertyField(q, p, `q:${name}`, ctx)),
      type === 'text' || type === 'comment' ? freeTextField(name) : null,
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
          published && opts.locked ? h('span', { class: 'fe-badge' }, 'Låst formulering') : null,
        ),
        opts.readOnly ? null : questionTools(list, i, pageIndex, name),
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

  function questionTools(list: Json[], i: number, pageIndex: number, name: string): HTMLElement {
    const pages = pagesOf(file);
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
      opts.onChange();
      draw(focusOf('move-page'));
      opts.announce(`${name} är flyttad till sida ${to + 1}.`);
    });
    const step = (to: number, tool: string) => () => {
      if (!move(list, i, to)) return;
      opts.onChange();
      draw(focusOf(tool));
      opts.announce(`${name} är flyttad ${tool === 'up' ? 'upp' : 'ner'}.`);
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
          syncMeta(file);
          opts.onChange();
          draw(`[data-page-index="${pageIndex}"] .fe-add-type`);
          opts.announce(`${name} är borttagen.`);
        },
        { class: 'danger', 'aria-label': `Ta bort ${name}` },
      ),
    );
  }

  function typeField(q: Json, published: boolean): HTMLElement {
    const id = `fe-type-${CSS.escape(String(q.name))}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const select = h(
      'select',
      { id, disabled: opts.readOnly },
      ...Object.keys(opts.schema.types)
        .filter((t) => t !== 'panel' || q.type === 'panel')
        .map((t) => h('option', { value: t, selected: t === q.type }, TYPE_LABEL[t] ?? t)),
    );
    select.addEventListener('change', () => {
      retype(file, q, select.value, opts.schema);
      opts.onChange();
      draw(`#${id}`);
    });
    const hint = published
      ? h('p', { class: 'fe-hint' }, 'Byt bara typ om svaren inte ska jämföras med tidigare versioner.')
      : null;
    return h('div', { class: 'fe-prop', 'data-prop': 'type' }, h('label', { for: id }, 'Typ'), select, hint);
  }

  function nameField(q: Json, published: boolean): HTMLElement {
    const id = `fe-name-${CSS.escape(String(q.name))}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const input = h('input', {
      id,
      type: 'text',
      class: 'fe-code',
      spellcheck: 'false',
      readonly: opts.readOnly || published,
      'aria-describedby': `${id}-hint`,
    });
    input.value = String(q.name ?? '');
    input.addEventListener('change', () => {
      rename(file, q, input.value.trim());
      opts.onChange();
      draw(`#${`fe-name-${CSS.escape(input.value.trim())}`.replace(/[^A-Za-z0-9_-]/g, '_')}`);
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

  function freeTextField(name: string): HTMLElement {
    const id = `fe-free-${name}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const box = h('input', { id, type: 'checkbox', disabled: opts.readOnly });
    box.checked = isFreeText(file, name);
    box.addEventListener('change', () => {
      setFreeText(file, name, box.checked);
      opts.onChange();
    });
    return h(
      'div',
      { class: 'fe-prop fe-check', 'data-prop': 'freeText' },
      box,
      h('label', { for: id }, 'Fritext som kan peka ut personer (tas inte med i forskarnas nedladdningar)'),
    );
  }

  /** Each finding at its field: a text's language, a property of a question, the question, else the top. */
  function placeFindings(): void {
    for (const old of host.querySelectorAll('.fe-finding')) old.remove();
    for (const r of host.querySelectorAll<HTMLElement>('.fe-review')) r.hidden = true;
    const top = host.ownerDocument.getElementById('form-findings');
    top?.replaceChildren();
    for (const f of findings) {
      if (f.kind === 'translation' && f.text && f.lang) {
        const review = host.querySelector<HTMLElement>(
          `[data-text="${CSS.escape(f.text)}"] [data-lang="${CSS.escape(f.lang)}"] .fe-review`,
        );
        if (review) {
          review.hidden = false;
          continue;
        }
      }
      const card = f.item !== undefined ? host.querySelector<HTMLElement>(`[data-item="${CSS.escape(f.item)}"]`) : null;
      const field =
        (f.property && (card ?? host).querySelector<HTMLElement>(`[data-prop="${CSS.escape(f.property)}"]`)) || null;
      const item = h('li', { class: `fe-finding finding-${f.severity}` }, `${SEVERITY[f.severity]}: ${f.message}`);
      if (field)
        field.append(h('p', { class: `fe-finding finding-${f.severity}` }, `${SEVERITY[f.severity]}: ${f.message}`));
      else if (card?.querySelector('.fe-findings')) card.querySelector('.fe-findings')!.append(item);
      else top?.append(item);
    }
  }

  return {
    render(next: DefinitionFile): void {
      file = next;
      draw();
    },
    showFindings(next: Finding[]): void {
      findings = next;
      if (file) placeFindings();
    },
  };
}

const SEVERITY: Record<Finding['severity'], string> = { error: 'Fel', confirm: 'Behöver bekräftas', warning: 'Obs' };
