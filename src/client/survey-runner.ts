/**
 * The participant flow in the browser: reads the link token from the address, asks the server
 * what is due, shows consent first and then the survey (SurveyJS, Swedish), and submits with a
 * client-generated uuid so a repeated send never creates a second response.
 */
import { Model } from 'survey-core';
import 'survey-core/i18n/swedish';
import { renderSurvey } from 'survey-js-ui';

type Lang = 'sv' | 'en';
interface PublicDefinition { id: string; key: string; version: number; title: { sv: string; en: string }; json: Record<string, unknown> }
interface ProjectFacts { name: string; organisation: string; contact: string | null; ethics_reference: string | null }
interface Session { code: string; project: ProjectFacts; consent_status: string; occasion: string; submitted: boolean; consent: PublicDefinition | null; survey: PublicDefinition | null }

const token = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const root = document.getElementById('app')!;
let project: ProjectFacts | null = null;
let lang: Lang = (new URLSearchParams(location.search).get('lang') as Lang) === 'en' ? 'en' : 'sv';

const t = {
  sv: {
    thanks: 'Tack för dina svar!', thanksBody: 'Dina svar är sparade. Du kan stänga sidan nu.',
    already: 'Du har redan svarat på den här enkäten. Tack!', withdrawn: 'Du har återkallat ditt samtycke. Inget mer samlas in.',
    sending: 'Skickar dina svar …', offline: 'Det gick inte att skicka just nu. Dina svar finns kvar. Försök igen.',
    error: 'Något gick fel.', lang: 'In English',
    progress: (n: number, of: number) => `Fråga ${n} av ${of}`,
  },
  en: {
    thanks: 'Thank you for your answers!', thanksBody: 'Your answers are saved. You can close this page now.',
    already: 'You have already answered this survey. Thank you!', withdrawn: 'You have withdrawn your consent. Nothing more is collected.',
    sending: 'Sending your answers …', offline: 'Could not send right now. Your answers are kept. Try again.',
    error: 'Something went wrong.', lang: 'På svenska',
    progress: (n: number, of: number) => `Question ${n} of ${of}`,
  },
} as const;

async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ ok: boolean; status: number; data: T }> {
  const res = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Accept-Language': lang, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { ok: res.ok, status: res.status, data: (await res.json().catch(() => ({}))) as T };
}

function message(title: string, body = '') {
  root.replaceChildren();
  const h = document.createElement('h1');
  h.textContent = title;
  root.append(h);
  if (body) {
    const p = document.createElement('p');
    p.textContent = body;
    root.append(p);
  }
}

function languageSwitch(rerender: () => void) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'lang-switch';
  b.textContent = t[lang].lang;
  b.addEventListener('click', () => {
    lang = lang === 'sv' ? 'en' : 'sv';
    document.documentElement.lang = lang;
    rerender();
  });
  return b;
}

/** Stable per link and survey: a retry after a lost answer reuses the same uuid. */
function clientResponseId(definitionId: string): string {
  const key = `enkat:response-id:${definitionId}:${token.slice(-24)}`;
  let id = localStorage.getItem(key);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(key, id);
  }
  return id;
}

function runSurvey(def: PublicDefinition, send: (data: Record<string, unknown>) => Promise<{ ok: boolean; status: number; data: { error?: { message: string } } }>, done: () => void) {
  const model = new Model(def.json);
  model.locale = lang;
  // Project facts the consent text refers to ({organisationName}, {contact}, …).
  const unknown = lang === 'en' ? 'not stated' : 'ingen uppgift';
  model.setVariable('projectName', project?.name ?? unknown);
  model.setVariable('organisationName', project?.organisation ?? unknown);
  model.setVariable('contact', project?.contact ?? unknown);
  model.setVariable('ethicsReference', project?.ethics_reference ?? unknown);
  // Let the page scroll, not a second scroll area inside the survey (phones).
  model.fitToContainer = false;
  const draftKey = `enkat:draft:${def.id}:${token.slice(-24)}`;
  const saved = localStorage.getItem(draftKey);
  if (saved) model.data = JSON.parse(saved) as Record<string, unknown>;
  model.onValueChanged.add(() => localStorage.setItem(draftKey, JSON.stringify(model.data)));
  model.onComplete.add(async (sender, options) => {
    options.showSaveInProgress(t[lang].sending);
    try {
      const res = await send(sender.data as Record<string, unknown>);
      if (res.ok) {
        localStorage.removeItem(draftKey);
        options.showSaveSuccess('');
        done();
      } else {
        options.showSaveError(res.data.error?.message ?? t[lang].error);
        if (res.status === 400 || res.status === 422) sender.clear(false, false);
      }
    } catch {
      options.showSaveError(t[lang].offline);
    }
  });
  const host = document.createElement('div');
  const progress = document.createElement('p');
  progress.className = 'progress-text';
  progress.setAttribute('aria-live', 'polite');
  const showProgress = () => {
    const pages = model.visiblePages.length;
    progress.textContent = pages > 1 ? t[lang].progress(model.currentPageNo + 1, pages) : '';
  };
  model.onCurrentPageChanged.add(showProgress);
  showProgress();
  root.replaceChildren(languageSwitch(() => runSurvey(def, send, done)), progress, host);
  renderSurvey(model, host);
}

async function start() {
  const res = await api<Session & { error?: { message: string } }>('GET', '/api/p/session');
  if (!res.ok) return message(t[lang].error, res.data.error?.message ?? '');
  const s = res.data;
  project = s.project;
  if (s.consent_status === 'withdrawn') return message(t[lang].withdrawn);
  if (s.consent) {
    const consent = s.consent;
    return runSurvey(consent, (answers) => api('POST', '/api/p/consent', { definition_id: consent.id, answers }), () => void start());
  }
  if (s.submitted || !s.survey) return message(t[lang].already);
  const survey = s.survey;
  const id = clientResponseId(survey.id);
  runSurvey(survey, (answers) => api('POST', '/api/p/responses', { id, definition_id: survey.id, answers }), () => message(t[lang].thanks, t[lang].thanksBody));
}

document.documentElement.lang = lang;
start().catch(() => message(t[lang].error, t[lang].offline));
