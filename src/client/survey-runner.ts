/**
 * The participant flow in the browser: reads the link token from the address, sends a submission
 * still waiting on this device first, asks the server what is due, and shows consent, then the
 * survey (resumed from its draft), then thanks. Submissions carry a client-generated uuid, so a
 * repeated send never creates a second response. #aterkalla shows the withdrawal page.
 */
import { api } from './api.ts';
import { createDraftKeeper, discardDraft, type DraftKeeper, type ServerDraft } from './drafts.ts';
import { answerLocale, clientResponseId, deliver, loadPending, type PendingSubmission } from './offline-queue.ts';
import { el, message, type Frame } from './page.ts';
import { contentLocaleOf, showSurvey, type ProjectFacts, type PublicDefinition } from './survey-view.ts';
import { parseLocale, textsFor, uiLangOf } from './texts.ts';
import { showWithdraw } from './withdraw.ts';
import { rememberedLocale, rememberLocale } from './language-memory.ts';
import { reportDraftSave } from './offline-banner.ts';
import { registerServiceWorker } from './sw-register.ts';
import { fullStyles } from './takeover.ts';

interface Session {
  code: string;
  project: ProjectFacts;
  consent_status: 'given' | 'missing' | 'withdrawn' | 'renew';
  occasion: string;
  submitted: boolean;
  consent: PublicDefinition | null;
  survey: PublicDefinition | null;
  draft: ServerDraft | null;
}

const WITHDRAW_HASH = '#aterkalla';
const addressLocale = parseLocale(new URLSearchParams(location.search).get('lang'));
let locale = addressLocale ?? 'sv';
let session: Session | null = null;
/** Draws the current page again, in the language just chosen. */
let redraw: () => void = () => void start();
const keepers = new Map<string, DraftKeeper>();
let active: DraftKeeper | null = null;
/** Draws the state of a submission under way (sending, or waiting for the network). */
let delivering: ((focus: boolean) => void) | null = null;
/** This page sent the answers (thank, rather than "already answered") or withdrew consent. */
let sent = false;
let withdrewNow = false;
/** The withdrawal policy the server applied when this page withdrew consent. */
let appliedPolicy: 'keep' | 'erase' | null = null;

const t = () => textsFor(locale);
const ui = () => uiLangOf(locale);

function frame(contentLocale: string, consent: Frame['consent'], focus = false, languages?: string[]): Frame {
  return { locale, contentLocale, consent, focus, onLanguage: changeLanguage, languages };
}

function changeLanguage(lang: string) {
  locale = lang;
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(history.state, '', url);
  rememberLocale(lang);
  redraw();
}

function keeperFor(def: PublicDefinition, server: boolean): DraftKeeper {
  let k = keepers.get(def.id);
  if (!k)
    keepers.set(def.id, (k = createDraftKeeper({ definitionId: def.id, lang: ui, server, onSave: reportDraftSave })));
  return k;
}

async function start(focus = false): Promise<void> {
  const pending = loadPending();
  if (pending) return submit(pending);
  let res;
  try {
    res = await api<Session>('GET', '/api/p/session', ui());
  } catch {
    redraw = () => void start();
    return message(
      frame(ui(), null, focus),
      t().error,
      t().tryAgain,
      retryButton(() => void start(true)),
    );
  }
  if (!res.ok) {
    redraw = () => void start();
    const title = res.status === 401 ? t().linkTitle : t().error;
    return message(frame(ui(), null, focus), title, res.data.error?.message ?? t().tryAgain);
  }
  session = res.data;
  await fullStyles(); // SurveyJS draws with its whole stylesheet (takeover.ts)
  route(focus);
}

const leaveWithdrawPage = () => history.replaceState(history.state, '', location.pathname + location.search);

function route(focus = false): void {
  const s = session;
  redraw = () => route();
  if (location.hash === WITHDRAW_HASH && s) {
    return showWithdraw({
      frame: frame(ui(), null, true),
      consent: s.consent_status === 'renew' ? 'given' : s.consent_status,
      contact: s.project.contact,
      policy: s.project.withdrawal_policy,
      onWithdrawn: (applied) => {
        s.consent_status = 'withdrawn';
        withdrewNow = true;
        appliedPolicy = applied;
        for (const k of keepers.values()) k.stop();
        leaveWithdrawPage();
        route(true);
      },
      onBack: () => {
        leaveWithdrawPage();
        route(true);
      },
    });
  }
  if (delivering) return delivering(focus);
  if (!s) return void start(focus);
  if (s.consent_status === 'withdrawn') {
    const done = appliedPolicy ? [el('p', {}, t().sentAnswersDone[appliedPolicy])] : [];
    return message(
      frame(ui(), null, focus),
      withdrewNow ? t().withdrawDone : t().withdrawn,
      t().withdrawnBody,
      ...done,
    );
  }
  if (sent) return message(frame(ui(), 'given', focus), t().thanks, t().thanksBody);
  if (s.consent) return consentPage(s.consent, focus, s.consent_status === 'renew');
  if (s.submitted || !s.survey) return message(frame(ui(), 'given', focus), t().already);
  surveyPage(s.survey, focus);
}

/** The consent form; `renewing`: consent was given to an older text and the project asks again. */
function consentPage(def: PublicDefinition, focus: boolean, renewing = false, notice?: string): void {
  const keeper = keeperFor(def, false);
  active = keeper;
  redraw = () => consentPage(def, false, renewing);
  showSurvey({
    def,
    keeper,
    notice: notice ?? (renewing ? t().consentRenew : undefined),
    checkboxRequired: t().consentRequired,
    project: session?.project ?? null,
    start: keeper.initial(null),
    frame: frame(contentLocaleOf(def, locale), renewing ? 'given' : 'missing', focus, def.languages),
    onComplete: async (answers) => {
      message(frame(ui(), 'missing'), t().sending);
      try {
        const body = { definition_id: def.id, answers, locale: answerLocale(contentLocaleOf(def, locale)) };
        const res = await api('POST', '/api/p/consent', ui(), body);
        if (!res.ok) return consentPage(def, true, renewing, res.data.error?.message ?? t().tryAgain);
        keeper.discard();
        await start(true);
      } catch {
        consentPage(def, true, renewing, t().offline);
      }
    },
  });
}

function surveyPage(def: PublicDefinition, focus: boolean, notice?: string): void {
  const keeper = keeperFor(def, true);
  active = keeper;
  const server = session?.draft ?? null;
  if (session) session.draft = null; // used once: later drawings start from the device copy
  redraw = () => surveyPage(def, false);
  showSurvey({
    def,
    keeper,
    notice,
    project: session?.project ?? null,
    start: keeper.initial(server),
    frame: frame(contentLocaleOf(def, locale), 'given', focus, def.languages),
    onComplete: (answers) =>
      void submit({
        id: clientResponseId(def.id),
        definition_id: def.id,
        answers,
        locale: answerLocale(contentLocaleOf(def, locale)),
      }),
    onSaveLater: async () => {
      const synced = await keeper.flush();
      const again = el('button', { type: 'button', class: 'primary' }, t().continue);
      again.addEventListener('click', () => surveyPage(def, true));
      redraw = () => message(frame(ui(), 'given'), t().savedTitle, synced ? t().savedBody : t().savedLocalBody, again);
      message(frame(ui(), 'given', true), t().savedTitle, synced ? t().savedBody : t().savedLocalBody, again);
    },
  });
}

/** Sends finished answers; success is shown only once the server has confirmed them. */
async function submit(p: PendingSubmission): Promise<void> {
  // The submission carries every answer: no draft save may race it (the server would refuse a
  // draft for a submitted questionnaire). The device copy stays until the server confirms; if
  // the answers are refused, the survey page starts a fresh keeper from that copy.
  keepers.get(p.definition_id)?.stop();
  keepers.delete(p.definition_id);
  // While on the withdrawal page the delivery goes on quietly; the page is not replaced.
  const update = (draw: (focus: boolean) => void, focus: boolean) => {
    delivering = draw;
    if (location.hash !== WITHDRAW_HASH) route(focus);
  };
  update((focus) => message(frame(ui(), 'given', focus), t().sending), true);
  let first = true; // focus the news that the answers wait on the phone once, not on every retry
  const result = await deliver(p, ui, (reason, retryNow) => {
    update((focus) => waiting(reason, retryNow, focus), first);
    first = false;
  });
  delivering = null;
  if (result.ok || result.code === 'ALREADY_SUBMITTED' || result.code === 'CONSENT_WITHDRAWN')
    discardDraft(p.definition_id);
  if (result.ok) {
    sent = true;
    if (session) Object.assign(session, { submitted: true, survey: null, draft: null });
    if (location.hash !== WITHDRAW_HASH) route(true);
    return;
  }
  // Refused for good (e.g. answers that no longer fit, or consent withdrawn elsewhere): start
  // over from the server's view; the answers are still in the device's draft.
  await start(true);
  const def = session?.survey;
  if (def && result.status === 422) surveyPage(def, true, result.message);
}

function waiting(reason: 'offline' | 'server', retryNow: () => void, focus: boolean): void {
  const status = el('p', { role: 'status' }, reason === 'offline' ? t().offline : t().serverBusy);
  message(frame(ui(), 'given', focus), t().notSentTitle, '', status, retryButton(retryNow));
}

function retryButton(onClick: () => void): HTMLElement {
  const b = el('button', { type: 'button', class: 'primary' }, t().retryNow);
  b.addEventListener('click', onClick);
  return el('p', {}, b);
}

addEventListener('hashchange', () => route(true));
// Leaving or hiding the page: the server copy must not wait for the debounce.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void active?.flush({ keepalive: true });
});
addEventListener('pagehide', () => void active?.flush({ keepalive: true }));
/** The address's ?lang= first; else the language chosen before for this link on this device. */
async function boot(): Promise<void> {
  if (!addressLocale) locale = (await rememberedLocale()) ?? locale;
  await start();
}
boot().catch(() => message(frame(ui(), null), t().error, t().tryAgain));
registerServiceWorker();
