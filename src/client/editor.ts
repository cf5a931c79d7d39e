/**
 * The definition editor in the browser (/admin/definitions/:id): two views of one draft — the form
 * (form-editor.ts, the default) and "Avancerat", the JSON (json-view.ts) — kept in step. A draft
 * saves itself a moment after each change; the server's findings come back with each save and are
 * drawn at their fields (form) and by line (JSON). The preview is the participant page of the saved
 * draft (editor-preview.ts) and reloads after each save. Publishing goes through its confirmation
 * page (/admin/definitions/:id/publish), after the last change is saved.
 */
import { parseJsonText } from '../surveys/json-text.ts';
import type { Finding } from '../surveys/findings.ts';
import type { EditorSchema } from '../surveys/property-schema.ts';
import { textUnits, withReview } from '../surveys/translation-review.ts';
import { createFormEditor } from './form-editor.ts';
import { languagesOf, type DefinitionFile } from './form-model.ts';
import { createJsonView } from './json-view.ts';
import { mountPreview } from './editor-preview.ts';

interface EditorData {
  schema: EditorSchema;
  baseNames: string[];
  locked: boolean;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;
const root = $('definition-editor')!;
const id = root.dataset.id!;
const isDraft = root.dataset.status === 'draft';
const data = JSON.parse($('editor-data')!.textContent!) as EditorData;
const statusLine = $('definition-status')!;
const saveButton = $<HTMLButtonElement>('definition-save');
const publishLink = $<HTMLAnchorElement>('definition-publish');
const liveRegion = $('form-announce')!;

const SAVE_DELAY_MS = 800;
let file: DefinitionFile | null = null;
let savedText: string;
let findings: Finding[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<void> | null = null;
let leaving = false;

const jsonView = createJsonView({
  textarea: $<HTMLTextAreaElement>('definition-text')!,
  highlight: $('definition-highlight')!,
  findingsList: $('definition-findings')!,
  onInput: () => {
    const parsed = parseFile(jsonView.text());
    file = parsed;
    formStale = true;
    schedule();
  },
});
savedText = jsonView.text();
let formStale = false;

const form = createFormEditor($('form-editor')!, {
  schema: data.schema,
  baseNames: new Set(data.baseNames),
  locked: data.locked,
  readOnly: !isDraft,
  onChange: () => {
    jsonView.setText(fileText(file!));
    schedule();
  },
  onReview: (key, lang) => {
    const unit = file && textUnits(file).get(key);
    if (!file || !unit) return;
    file.meta = withReview(file.meta, unit, lang);
    findings = findings.filter((f) => !(f.kind === 'translation' && f.text === key && f.lang === lang));
    form.showFindings(findings);
    jsonView.setText(fileText(file));
    announce('Texten är markerad som granskad.');
    schedule(0);
  },
  announce,
});

const preview = mountPreview($('definition-preview')!, {
  definitionId: id,
  languages: languagesOf(parseFile(savedText)!),
});

function announce(text: string): void {
  liveRegion.textContent = '';
  // A fresh text node, so a screen reader reads the same sentence twice in a row too.
  setTimeout(() => (liveRegion.textContent = text), 50);
}

const fileText = (f: DefinitionFile) => `${JSON.stringify({ meta: f.meta, survey: f.survey }, null, 2)}\n`;

/** The text as a definition file, or null while it is not one (broken JSON, wrong shape). */
function parseFile(text: string): DefinitionFile | null {
  const parsed = parseJsonText(text);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object') return null;
  const v = parsed.value as Record<string, unknown>;
  const isObj = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
  return isObj(v.meta) && isObj(v.survey) ? (v as unknown as DefinitionFile) : null;
}

function say(text: string, alert = false): void {
  statusLine.textContent = text;
  statusLine.setAttribute('role', alert ? 'alert' : 'status');
}

function summary(): string {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const reviews = findings.filter((f) => f.kind === 'translation').length;
  const missing = findings.filter((f) => f.kind === 'untranslated').length;
  const confirms = count('confirm') - reviews;
  const parts = [
    errors ? `${errors} fel att rätta` : 'Inga fel',
    reviews ? `${reviews} ${reviews === 1 ? 'text' : 'texter'} att granska` : '',
    confirms ? `${confirms} ${confirms === 1 ? 'ändring' : 'ändringar'} att bekräfta när du publicerar` : '',
    missing ? `${missing} ${missing === 1 ? 'text saknar' : 'texter saknar'} översättning` : '',
  ].filter(Boolean);
  return `${parts.join(', ')}.`;
}

function showFindings(next: Finding[]): void {
  findings = next;
  form.showFindings(findings);
  jsonView.showFindings(findings);
}

/** A JSON answer of the definition API: an error body, or the fields of a success. */
interface ApiAnswer {
  error?: { message?: string; issues?: { message: string }[] };
  findings?: Finding[];
}

async function send(method: string, path: string, body: string): Promise<{ ok: boolean; data: ApiAnswer }> {
  const res = await fetch(path, {
    method,
    headers: { 'content-type': 'text/plain;charset=utf-8', accept: 'application/json' },
    body,
  });
  return { ok: res.ok, data: (await res.json().catch(() => ({}))) as ApiAnswer };
}

const refusal = (data: ApiAnswer) =>
  [data.error?.message ?? 'Något gick fel.', ...(data.error?.issues ?? []).map((i) => i.message)].join(' ');
const clock = () => new Date().toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' });

/** Checks the text without saving it: on opening the page, and while it is not a definition file. */
async function check(text: string): Promise<void> {
  const res = await send('POST', `/api/admin/definitions/${id}/validate`, text);
  if (text !== jsonView.text()) return; // typed on meanwhile: the next check follows
  if (!res.ok) return say(refusal(res.data), true);
  showFindings(res.data.findings ?? []);
  if (text === savedText) say(`Inga osparade ändringar. ${summary()}`);
  else say(`Utkastet är inte sparat: texten är inte en hel definition. ${summary()}`, true);
}

/** Saves the draft when its text changed and is a definition file (a syntax error is only checked, with its line). */
async function saveNow(): Promise<void> {
  const text = jsonView.text();
  try {
    if (text === savedText) return;
    if (!parseFile(text)) return await check(text);
    const res = await send('PUT', `/api/admin/definitions/${id}`, text);
    if (!res.ok) return say(`Utkastet sparades inte. ${refusal(res.data)}`, true);
    savedText = text;
    if (text === jsonView.text()) showFindings(res.data.findings ?? []);
    say(`Sparat ${clock()}. ${summary()}`);
    // Not while leaving for the confirmation page: the frame's load would only be cut off.
    if (!leaving) {
      preview.setLanguages(languagesOf(parseFile(text)!));
      preview.reload();
    }
  } catch {
    say('Utkastet kunde inte sparas: ingen kontakt med servern. Ändringarna finns kvar här; försök igen.', true);
  }
}

function schedule(delay = SAVE_DELAY_MS): void {
  if (!isDraft) return;
  say('Ändrat – sparas strax …');
  clearTimeout(timer);
  timer = setTimeout(() => void save(), delay);
}

async function save(): Promise<void> {
  clearTimeout(timer);
  while (saving) await saving;
  saving = saveNow().finally(() => (saving = null));
  await saving;
}

/** The two views: tabs with arrow keys (WAI-ARIA tabs); the form is drawn again when it is shown after JSON edits. */
function setupTabs(): void {
  const tabs = [$<HTMLButtonElement>('tab-form')!, $<HTMLButtonElement>('tab-json')!];
  const select = (tab: HTMLButtonElement, focus = false) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')!)!.hidden = !on;
    }
    if (focus) tab.focus();
    if (tab.id === 'tab-form') showForm();
  };
  for (const t of tabs) {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(t);
      const next = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (next) select(tabs[(i + next + tabs.length) % tabs.length]!, true);
    });
  }
  $('editor-tabs')!.hidden = false;
  select(tabs[0]!);
}

function showForm(): void {
  const problem = $('form-unreadable')!;
  problem.hidden = file !== null;
  $('form-editor')!.hidden = file === null;
  if (file && formStale) {
    form.render(file);
    form.showFindings(findings);
    formStale = false;
  }
}

file = parseFile(savedText);
formStale = true;
setupTabs();
saveButton?.addEventListener('click', () => void save());
publishLink?.addEventListener('click', (e) => {
  e.preventDefault();
  leaving = true;
  void save().then(() => {
    if (jsonView.text() === savedText) location.assign(publishLink.href);
    else leaving = false;
  });
});
addEventListener('beforeunload', (e) => {
  if (isDraft && jsonView.text() !== savedText) e.preventDefault();
});
if (isDraft) void check(savedText).catch(() => say('Kontrollen kunde inte köras (ingen kontakt med servern).', true));
