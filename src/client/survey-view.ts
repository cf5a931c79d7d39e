/**
 * One questionnaire on the page (SurveyJS): its language and direction, project facts in the
 * text, "Fråga 3 av 7", autosave of every answer and page, and "Spara och fortsätt senare".
 */
import { settings, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/swedish';
import { renderSurvey } from 'survey-js-ui';
import type { DraftKeeper, DraftState } from './drafts.ts';
import { el, show, type Frame } from './page.ts';
import { PARTICIPANT_LOCALES } from './i18n/locales.ts';
import { RUNNER_TEXTS } from './i18n/texts.ts';
import { dirOf, handover, htmlLangOf, RTL_LOCALES, textsFor, uiLangOf } from './texts.ts';
import { localesOf } from './locales.ts';
import { createSafeModel } from './safe-survey.ts';
import { attachHistoryNav } from './history-nav.ts';
import { offlineBanner } from './offline-banner.ts';
import { newPageAtTop, plainRequiredErrors, ratingsAsButtons, titleOnFirstPage } from './question-screen.ts';
import { takeOver } from './takeover.ts';

export interface PublicDefinition {
  id: string;
  key: string;
  version: number;
  title: { sv: string; en: string } & Record<string, string>;
  json: Record<string, unknown>;
  /** The languages participants are offered (Swedish first); absent in the editor's preview (all). */
  languages?: string[];
}
export interface ProjectFacts {
  name: string;
  organisation: string;
  contact: string | null;
  ethics_reference: string | null;
  withdrawal_policy: 'keep' | 'erase';
}

// SurveyJS sets dir on its root from this table; its bundled locales register only themselves.
for (const loc of RTL_LOCALES) surveyLocalization.localeDirections[loc] ??= 'rtl';
// SurveyJS's own few words that can show on our pages, in every participant language beyond the
// two it brings here (sv, en): the same mechanism as its bundled locales, our words
// (src/participant/i18n). Easy Swedish falls back to Swedish for anything not set.
for (const lang of PARTICIPANT_LOCALES) {
  if (lang === 'sv' || lang === 'en') continue;
  const own = RUNNER_TEXTS[lang];
  surveyLocalization.locales[lang] = {
    ...surveyLocalization.locales[lang],
    ...own.surveyjs,
    pageNextText: own.page.next,
    signaturePlaceHolder: own.page.signHere,
  };
}
// Real headings instead of SurveyJS's divs: the page has an h1, and a screen reader can jump
// from question to question by heading.
Object.assign(settings.titleTags, { survey: 'h1', page: 'h2', panel: 'h2', question: 'h2' });

/** The locale asked for when the definition has it; else our texts' language; else Swedish. */
export function contentLocaleOf(def: PublicDefinition, locale: string): string {
  const have = localesOf(def.json);
  return [locale, uiLangOf(locale)].find((l) => have.has(l)) ?? 'sv';
}

export interface SurveyView {
  def: PublicDefinition;
  frame: Frame;
  project: ProjectFacts | null;
  keeper: DraftKeeper;
  start: DraftState | null;
  /** A refusal to show above the questions (e.g. answers the server did not accept). */
  notice?: string;
  onComplete(answers: Record<string, unknown>): void;
  /** The message under a required checkbox left empty (the consent box), instead of SurveyJS's. */
  checkboxRequired?: string;
  /** Offers "Spara och fortsätt senare" (not on the consent form, which is one page). */
  onSaveLater?: () => void;
  /** Back goes to the previous question (history-nav.ts); off in the editor's preview frame. */
  history?: boolean;
}

export function showSurvey(v: SurveyView): void {
  const t = textsFor(v.frame.locale);
  // No navigation, sanitised HTML, escaped values: see safe-survey.ts.
  const model = createSafeModel(v.def.json);
  model.locale = v.frame.contentLocale;
  // Project facts the consent text refers to ({organisationName}, {contact}, …). They appear in
  // HTML texts; the model escapes every value it puts into HTML, so an admin's project settings
  // cannot add elements (a meta refresh, an image) to the participant's page.
  const unknown = textsFor(v.frame.contentLocale).page.unknownFact;
  const fact = (name: string, value: string | null | undefined) => model.setVariable(name, value ?? unknown);
  fact('projectName', v.project?.name);
  fact('organisationName', v.project?.organisation);
  fact('contact', v.project?.contact);
  fact('ethicsReference', v.project?.ethics_reference);
  // What withdrawing does to answers already sent, in the words of the withdrawal page.
  fact('withdrawalAnswers', textsFor(v.frame.contentLocale).sentAnswers[v.project?.withdrawal_policy ?? 'erase']);
  // Let the page scroll, not a second scroll area inside the survey (phones).
  model.fitToContainer = false;
  if (v.start) {
    model.data = v.start.answers;
    model.currentPageNo = Math.min(Math.max(0, v.start.page), model.visiblePages.length - 1);
  }
  const snapshot = (): DraftState => ({ answers: model.data as Record<string, unknown>, page: model.currentPageNo });
  model.onValueChanged.add(() => v.keeper.update(snapshot()));
  model.onComplete.add((sender) => v.onComplete(sender.data as Record<string, unknown>));
  const laterTitle = titleOnFirstPage(model);
  newPageAtTop(model);
  ratingsAsButtons(model);
  plainRequiredErrors(model, { checkbox: v.checkboxRequired, other: t.answerRequired });
  // What was tapped on the server-drawn first screen before this code loaded (saved as a draft).
  takeOver(model, v.def.id);

  const progress = el('p', { class: 'progress-text' });
  const ui = uiLangOf(v.frame.locale);
  const elsewhere = v.frame.contentLocale !== ui;
  if (elsewhere) Object.assign(progress, { lang: htmlLangOf(ui), dir: dirOf(ui) });
  const showProgress = () => {
    const pages = model.visiblePages.length;
    progress.textContent = pages > 1 ? t.progress(model.currentPageNo + 1, pages) : '';
  };
  model.onCurrentPageChanged.add(() => {
    showProgress();
    v.keeper.update(snapshot(), true);
  });
  showProgress();

  const host = el('div', { class: 'survey-host' });
  const parts: HTMLElement[] = [offlineBanner(t.offlineBanner, progress.lang || undefined), progress];
  // Asked for a language this questionnaire is not offered in: say so, in that language.
  if (elsewhere && ui !== 'sv')
    parts.push(el('p', { class: 'notice', lang: htmlLangOf(ui), dir: dirOf(ui) }, t.page.notInYourLanguage));
  if (v.notice) parts.push(el('p', { class: 'notice error', role: 'alert' }, v.notice));
  parts.push(laterTitle, host);
  // Not on the coach's phone (a hand-over): what is saved there is erased when the coach takes it back.
  if (v.onSaveLater && !handover) {
    const onSaveLater = v.onSaveLater;
    const later = el('button', { type: 'button', class: 'save-later' }, t.saveLater);
    if (progress.lang) later.lang = progress.lang;
    later.addEventListener('click', () => {
      v.keeper.update(snapshot());
      onSaveLater();
    });
    parts.push(el('div', { class: 'save-later-row' }, later));
  }
  show(v.frame, ...parts);
  renderSurvey(model, host);
  if (v.history !== false) attachHistoryNav(model, v.def.id, host);
}
