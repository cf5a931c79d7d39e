/**
 * How a questionnaire reads on a phone (issue 18): the survey's title and introduction on its
 * first page only, 0–10 scales as buttons (never SurveyJS's dropdown fallback, whose placeholder
 * is cut off at 360 px), and a plain message for a consent box left empty. Presentation only: the
 * answers stored stay exactly what the definition asks for.
 */
import type { Question, SurveyModel } from 'survey-core';

/**
 * The title and introduction head the first page; later pages start at their question. There
 * the title stays as a heading only screen readers show, so every page keeps its h1. Returns
 * that heading, for the caller to place above the survey.
 */
export function titleOnFirstPage(model: SurveyModel): HTMLElement {
  const hidden = document.createElement('h1');
  hidden.className = 'visually-hidden';
  const sync = () => {
    model.showTitle = model.currentPageNo === 0;
    hidden.hidden = model.showTitle;
    hidden.textContent = model.showTitle ? '' : model.processedTitle;
  };
  sync();
  model.onCurrentPageChanged.add(sync);
  return hidden;
}

/**
 * A new page starts at the top of the screen, with "Fråga 3 av 19" in view, rather than where
 * SurveyJS scrolls (its page element, below our progress line). Scrolling to a question with an
 * error is left to SurveyJS.
 */
export function newPageAtTop(model: SurveyModel): void {
  model.onScrollToTop.add((_, options) => {
    if (!options.page || options.question) return;
    options.cancel = true;
    window.scrollTo({ top: 0 });
  });
}

/** Rating scales as buttons at any width; CSS wraps them into rows (app.css, question screen). */
export function ratingsAsButtons(model: SurveyModel): void {
  for (const q of model.getAllQuestions(false, false, true) as Question[])
    if (q.getType() === 'rating') (q as Question & { displayMode: string }).displayMode = 'buttons';
}

const isCheckbox = (q: Question) =>
  q.getType() === 'boolean' && (q as Question & { renderAs?: string }).renderAs === 'checkbox';

/**
 * A required answer left out says what to do, instead of "Frågan är obligatorisk.": `checkbox`
 * under a single required checkbox (the consent box), `other` under any other question.
 */
export function plainRequiredErrors(model: SurveyModel, texts: { checkbox?: string; other: string }): void {
  model.onErrorCustomText.add((_, options) => {
    if (options.name !== 'required') return;
    options.text = (isCheckbox(options.obj as Question) && texts.checkbox) || texts.other;
  });
}
