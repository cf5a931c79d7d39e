/**
 * The form editor (the editor's default view): the survey's texts, then its pages and questions as
 * a list. Questions are added, removed and moved with buttons (keyboard-reachable; focus follows
 * the moved question), also between pages; each shows its type, its name (locked once published),
 * "must be answered", every text in every language side by side, its answer options and its other
 * allowed properties. The server's findings are drawn at the field they concern.
 */
import {
  elementsOf,
  languagesOf,
  move,
  newQuestion,
  pagesOf,
  uniqueName,
  type DefinitionFile,
  type Json,
} from './form-model.ts';
import { button, h, langLabel, propertyField, textField, type FieldContext } from './form-fields.ts';
import { questionCard, TYPE_LABEL, type EditorScope, type FormEditorOptions } from './form-question.ts';
import type { Finding } from '../surveys/findings.ts';

export type { FormEditorOptions };

const SURVEY_MAIN = new Set(['title', 'description', 'completedHtml']);

export function createFormEditor(host: HTMLElement, opts: FormEditorOptions) {
  let file: DefinitionFile;
  let findings: Finding[] = [];
  const scope: EditorScope = {
    file: undefined as unknown as DefinitionFile,
    opts,
    draw: (focus) => draw(focus),
    ctxFor: (lockedTexts) => ctxFor(lockedTexts),
  };

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
        ...elements.map((q, i) => questionCard(scope, q, elements, i, index, numbering)),
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

  /** Each finding at its field: a text's language, a property of a question, the question, else the top. */
  function placeFindings(): void {
    for (const old of host.querySelectorAll('.fe-finding')) old.remove();
    for (const r of host.querySelectorAll<HTMLElement>('.fe-review')) r.hidden = true;
    const top = host.ownerDocument.getElementById('form-findings');
    top?.replaceChildren();
    for (const f of findings) {
      const lang =
        f.text && f.lang
          ? host.querySelector<HTMLElement>(`[data-text="${CSS.escape(f.text)}"] [data-lang="${CSS.escape(f.lang)}"]`)
          : null;
      if (lang && f.kind === 'translation') {
        lang.querySelector<HTMLElement>('.fe-review')!.hidden = false;
        continue;
      }
      if (lang && f.kind === 'untranslated') {
        lang.append(h('p', { class: 'fe-finding finding-warning' }, 'Texten saknas på det här språket.'));
        continue;
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
      scope.file = next;
      draw();
    },
    showFindings(next: Finding[]): void {
      findings = next;
      if (file) placeFindings();
    },
  };
}

const SEVERITY: Record<Finding['severity'], string> = { error: 'Fel', confirm: 'Behöver bekräftas', warning: 'Obs' };
