/**
 * The editor's "Avancerat" view: the definition file as JSON in a textarea over a highlighted copy,
 * with the server's findings listed by line (a click selects the line). Both views edit the same
 * draft: the editor keeps this text and the form's object in step (editor.ts).
 */
import { tokenizeJson } from '../surveys/json-text.ts';
import type { Finding } from '../surveys/findings.ts';

export interface JsonView {
  text(): string;
  setText(text: string): void;
  showFindings(findings: Finding[]): void;
}

const LABEL: Record<Finding['severity'], string> = { error: 'Fel', confirm: 'Behöver bekräftas', warning: 'Obs' };

export function createJsonView(opts: {
  textarea: HTMLTextAreaElement;
  highlight: HTMLElement;
  findingsList: HTMLElement;
  onInput(): void;
}): JsonView {
  const { textarea, highlight, findingsList } = opts;

  const syncScroll = () => {
    const pre = highlight.parentElement!;
    pre.scrollTop = textarea.scrollTop;
    pre.scrollLeft = textarea.scrollLeft;
  };
  const paint = () => {
    const spans = tokenizeJson(textarea.value).map((t) => {
      if (t.kind === 'space' || t.kind === 'punct') return document.createTextNode(t.text);
      const span = document.createElement('span');
      span.className = `tok-${t.kind}`;
      span.textContent = t.text;
      return span;
    });
    // A trailing newline keeps the last line of the copy as tall as the textarea's.
    highlight.replaceChildren(...spans, document.createTextNode('\n'));
    syncScroll();
  };
  const goToLine = (line: number) => {
    const lines = textarea.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  textarea.addEventListener('input', () => {
    paint();
    opts.onInput();
  });
  textarea.addEventListener('scroll', syncScroll);
  paint();

  return {
    text: () => textarea.value,
    setText(text: string) {
      if (textarea.value === text) return;
      textarea.value = text;
      paint();
    },
    showFindings(findings: Finding[]) {
      findingsList.replaceChildren(
        ...findings.map((f) => {
          const li = document.createElement('li');
          li.className = `finding finding-${f.severity}`;
          li.dataset.id = f.id;
          if (f.line) {
            const link = document.createElement('button');
            link.type = 'button';
            link.className = 'link';
            link.textContent = `${LABEL[f.severity]}, rad ${f.line}: `;
            link.addEventListener('click', () => goToLine(f.line!));
            li.append(link, ` ${f.message}`);
          } else li.textContent = `${LABEL[f.severity]}: ${f.message}`;
          return li;
        }),
      );
    },
  };
}
