/**
 * The definition editor in the browser (/admin/definitions/:id): a textarea over a highlighted
 * copy of its JSON, the server's findings after every pause in typing (with line numbers and a
 * checkbox for each change that needs a confirmation), and a phone-sized preview of the current
 * JSON in the chosen language. The preview runs in a sandboxed frame (preview.ts): a draft is
 * anyone's text, so it is drawn where it can reach neither this page nor the admin's session.
 * Publish stays disabled until the checked text has no errors and every confirmation is ticked.
 */
import { parseJsonText, tokenizeJson } from '../surveys/json-text.ts';
import type { Finding } from '../surveys/definition-rules.ts';
import { localesOf } from './locales.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
const root = $('definition-editor')!;
const id = root.dataset.id!;
const isDraft = root.dataset.status === 'draft';
const textarea = $<HTMLTextAreaElement>('definition-text')!;
const highlight = $('definition-highlight')!;
const statusLine = $('definition-status')!;
const findingsList = $('definition-findings')!;
const confirmBox = $<HTMLFieldSetElement>('definition-confirmations');
const confirmList = $('definition-confirmation-list');
const saveButton = $<HTMLButtonElement>('definition-save');
const publishButton = $<HTMLButtonElement>('definition-publish');
const preview = $('definition-preview')!;
const langSelect = $<HTMLSelectElement>('preview-lang')!;

let checkedText: string | null = null;
let findings: Finding[] = [];
let savedText = textarea.value;
let shownPreview = '';
const frame = previewFrame();
let frameReady = false;

/**
 * The preview's frame: sandbox="allow-scripts" without allow-same-origin, so its document has an
 * opaque origin. Its content is a fixed document that loads the preview script and stylesheets
 * (URLs from the page, the CSP's 'self'); the draft only ever arrives by postMessage.
 */
function previewFrame(): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.title = 'Förhandsvisning';
  iframe.className = 'preview-frame';
  const url = (path: string) => new URL(path, location.href).href.replace(/["<>&]/g, '');
  const styles = (root.dataset.previewStyles ?? '')
    .split(' ')
    .filter(Boolean)
    .map((href) => `<link rel="stylesheet" href="${url(href)}">`)
    .join('');
  const script = `<script src="${url(root.dataset.previewScript ?? '')}"></script>`;
  iframe.srcdoc = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${styles}</head><body class="participant"><main id="preview"></main>${script}</body></html>`;
  preview.replaceChildren(iframe);
  return iframe;
}

addEventListener('message', (event: MessageEvent) => {
  if (event.source !== frame.contentWindow || event.data !== 'preview-ready') return;
  frameReady = true;
  shownPreview = '';
  drawPreview();
});

function paintHighlight(): void {
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
}

function syncScroll(): void {
  const pre = highlight.parentElement!;
  pre.scrollTop = textarea.scrollTop;
  pre.scrollLeft = textarea.scrollLeft;
}

const LANGUAGE_NAMES: Record<string, string> = { sv: 'Svenska', en: 'English' };

/** The language switch offers the definition's own languages (Swedish always). */
function updateLanguages(survey: unknown): void {
  const locales = ['sv', ...[...localesOf(survey)].filter((l) => l !== 'sv').sort()];
  if ([...langSelect.options].map((o) => o.value).join() === locales.join()) return;
  const chosen = langSelect.value;
  langSelect.replaceChildren(...locales.map((l) => new Option(LANGUAGE_NAMES[l] ?? l, l, false, l === chosen)));
}

function drawPreview(): void {
  const parsed = parseJsonText(textarea.value);
  const survey =
    parsed.ok && parsed.value && typeof parsed.value === 'object'
      ? (parsed.value as { survey?: unknown }).survey
      : undefined;
  if (!survey || typeof survey !== 'object') return; // keep the last good preview
  updateLanguages(survey);
  const key = `${langSelect.value}\n${JSON.stringify(survey)}`;
  if (key === shownPreview || !frameReady) return;
  shownPreview = key;
  // "*": the sandboxed frame has no origin to name; what is sent is this page's own text.
  frame.contentWindow?.postMessage({ survey, locale: langSelect.value }, '*');
}

function say(text: string, alert = false): void {
  statusLine.textContent = text;
  statusLine.setAttribute('role', alert ? 'alert' : 'status');
}

function goToLine(line: number): void {
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  textarea.focus();
  textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}

function drawFindings(): void {
  const items = findings.map((f) => {
    const li = document.createElement('li');
    li.className = `finding finding-${f.severity}`;
    li.dataset.id = f.id;
    const label = f.severity === 'error' ? 'Fel' : f.severity === 'confirm' ? 'Behöver bekräftas' : 'Obs';
    const where = f.line ? `rad ${f.line}: ` : '';
    if (f.line) {
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'link';
      link.textContent = `${label}, ${where}`;
      link.addEventListener('click', () => goToLine(f.line!));
      li.append(link, ` ${f.message}`);
    } else li.textContent = `${label}: ${f.message}`;
    return li;
  });
  findingsList.replaceChildren(...items);
  drawConfirmations();
}

function drawConfirmations(): void {
  if (!confirmBox || !confirmList) return;
  const ticked = new Set([...confirmList.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value));
  const needed = findings.filter((f) => f.severity === 'confirm');
  confirmBox.hidden = needed.length === 0;
  confirmList.replaceChildren(
    ...needed.map((f) => {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'confirmation';
      box.value = f.id;
      box.checked = ticked.has(f.id);
      box.addEventListener('change', updatePublish);
      const label = document.createElement('label');
      label.className = 'confirmation';
      label.append(box, ` Jag bekräftar: ${f.message}`);
      return label;
    }),
  );
  updatePublish();
}

const confirmations = () =>
  [...(confirmList?.querySelectorAll<HTMLInputElement>('input:checked') ?? [])].map((i) => i.value);

function updatePublish(): void {
  if (!publishButton) return;
  const upToDate = checkedText === textarea.value;
  const errors = findings.some((f) => f.severity === 'error');
  const open = findings.filter((f) => f.severity === 'confirm').length - confirmations().length;
  publishButton.disabled = !upToDate || errors || open > 0;
}

/** A JSON answer of the definition API: an error body, or the fields of a success. */
interface ApiAnswer {
  error?: { message?: string; issues?: { message: string }[] };
  [field: string]: unknown;
}

async function send(
  method: string,
  path: string,
  body: string,
  type = 'text/plain;charset=utf-8',
): Promise<{ ok: boolean; data: ApiAnswer }> {
  const res = await fetch(path, { method, headers: { 'content-type': type, accept: 'application/json' }, body });
  return { ok: res.ok, data: await res.json().catch(() => ({})) };
}

function refusal(data: ApiAnswer): string {
  const issues = data.error?.issues ?? [];
  return [data.error?.message ?? 'Något gick fel.', ...issues.map((i) => i.message)].join(' ');
}

async function validate(): Promise<void> {
  const text = textarea.value;
  try {
    const res = await send('POST', `/api/admin/definitions/${id}/validate`, text);
    if (text !== textarea.value) return; // typed on meanwhile: the next check follows
    if (!res.ok) return say(refusal(res.data), true);
    findings = res.data.findings as Finding[];
    checkedText = text;
    const errors = findings.filter((f) => f.severity === 'error').length;
    say(errors ? `${errors} fel att rätta.` : 'Inga fel.');
    drawFindings();
  } catch {
    say('Kontrollen kunde inte köras (ingen kontakt med servern).', true);
  }
}

async function save(): Promise<boolean> {
  const res = await send('PUT', `/api/admin/definitions/${id}`, textarea.value);
  if (!res.ok) {
    say(`Utkastet sparades inte. ${refusal(res.data)}`, true);
    return false;
  }
  savedText = textarea.value;
  say(`Utkastet är sparat ${new Date().toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' })}.`);
  return true;
}

async function publish(): Promise<void> {
  if (textarea.value !== savedText && !(await save())) return;
  const res = await send(
    'POST',
    `/api/admin/definitions/${id}/publish`,
    JSON.stringify({ confirmations: confirmations() }),
    'application/json',
  );
  if (!res.ok) return say(`Versionen publicerades inte. ${refusal(res.data)}`, true);
  location.assign(`/admin/definitions/${id}?klart=published`);
}

let timer: ReturnType<typeof setTimeout> | undefined;
textarea.addEventListener('input', () => {
  paintHighlight();
  updatePublish();
  clearTimeout(timer);
  timer = setTimeout(() => {
    drawPreview();
    if (isDraft) void validate();
  }, 400);
});
textarea.addEventListener('scroll', syncScroll);
langSelect.addEventListener('change', drawPreview);
saveButton?.addEventListener('click', () => void save());
publishButton?.addEventListener('click', () => void publish());
addEventListener('beforeunload', (e) => {
  if (isDraft && textarea.value !== savedText) e.preventDefault();
});

paintHighlight();
drawPreview();
if (isDraft) void validate();
