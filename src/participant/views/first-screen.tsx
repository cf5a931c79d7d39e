/**
 * The first screen of the participant page, drawn on the server (participant/first-screen.ts
 * decides what it is): the frame the runner draws (client/page.ts: language switch, "Fråga 1 av
 * 7", the footer link) around the questionnaire's first page as SurveyJS draws it
 * (first-screen-survey.tsx). The runner takes it over (client/takeover.ts) and keeps what was
 * tapped before it loaded.
 */
import type { Child } from 'hono/jsx';
import { dirOf, htmlLangOf, switchLanguages, textsFor, uiLangOf } from '../../client/texts.ts';
import { isParticipantLocale } from '../../client/i18n/locales.ts';
import { RUNNER_TEXTS } from '../../client/i18n/texts.ts';
import { allowedHtml, escapeHtml } from '../../surveys/safe-html.ts';
import {
  CheckboxBoolean,
  Choices,
  PLACEHOLDER,
  Row,
  Signature,
  textIn,
  type ScreenText,
} from './first-screen-survey.tsx';

type Json = Record<string, unknown>;

export interface FirstScreenProps {
  kind: 'consent' | 'survey';
  definitionId: string;
  json: Json;
  /** The locale asked for (?lang=) and the one the questionnaire is shown in. */
  locale: string;
  contentLocale: string;
  /** The languages participants are offered for this version (Swedish first; see offered-languages.ts). */
  languages: string[];
  facts: Record<string, string>;
  /** Consent was given to an older text: the runner's notice above the form. */
  renewing: boolean;
}

/** Fills placeholders into an html text (values escaped), as the runner's model does. */
function fillHtml(t: ScreenText) {
  return (htmlText: string) =>
    htmlText.replace(PLACEHOLDER, (all, name: string) => {
      const value = t.facts[name];
      return value === undefined ? all : escapeHtml(value);
    });
}

/**
 * SurveyJS's own words the server draws, in a participant language (the runner registers the same
 * words with SurveyJS, client/survey-view.ts); in another locale the element is left to SurveyJS.
 */
function surveyWords(locale: string): { next: string; signHere: string } | undefined {
  return isParticipantLocale(locale) ? RUNNER_TEXTS[locale].page : undefined;
}

/** One element of the first page, or null where the server stops drawing. */
function Element(props: { q: Json; index: number; t: ScreenText }) {
  const { q, t } = props;
  if (q.visibleIf !== undefined || q.enableIf !== undefined || q.requiredIf !== undefined) return null;
  if (q.titleLocation !== undefined && q.type !== 'boolean') return null;
  const id = `fs${props.index}`;
  const words = surveyWords(t.locale);
  switch (q.type) {
    case 'html': {
      const html = textIn(q.html, t.locale);
      if (html === undefined) return null;
      return (
        <div
          data-name={String(q.name)}
          class="sd-element sd-question sd-row__question sd-question--html sd-question--mobile"
        >
          <div role="presentation" class="sd-element__content sd-question__content">
            <div class="sd-html" dangerouslySetInnerHTML={{ __html: allowedHtml(html, fillHtml(t)) }}></div>
          </div>
        </div>
      );
    }
    case 'radiogroup':
      return Choices({ q, id, t, kind: 'radio' });
    case 'checkbox':
      return Choices({ q, id, t, kind: 'checkbox' });
    case 'boolean':
      return CheckboxBoolean({ q, id, t });
    case 'signaturepad':
      return words ? Signature({ q, id, t, placeholder: words.signHere }) : null;
    default:
      return null;
  }
}

/** The first page's elements up to the first one the server does not draw; and whether all were drawn. */
function firstPage(json: Json, t: ScreenText): { rows: Child[]; complete: boolean } {
  const pages = Array.isArray(json.pages) ? (json.pages as Json[]) : [{ elements: json.elements }];
  const page = pages[0];
  const rows: Child[] = [];
  if (!page || page.visibleIf !== undefined || page.title !== undefined || page.description !== undefined)
    return { rows, complete: false };
  const elements = Array.isArray(page.elements) ? (page.elements as Json[]) : [];
  for (const [index, q] of elements.entries()) {
    const drawn = Element({ q, index, t });
    if (drawn === null) return { rows, complete: false };
    rows.push(<Row>{drawn}</Row>);
  }
  return { rows, complete: true };
}

function pageCount(json: Json): number {
  return Array.isArray(json.pages) ? json.pages.length : 1;
}

/** The questionnaire as SurveyJS's root element draws it at phone width. */
function SurveyRoot(props: FirstScreenProps) {
  const { json } = props;
  const t: ScreenText = { locale: props.contentLocale, facts: props.facts };
  const title = textIn(json.title, t.locale);
  const description = textIn(json.description, t.locale);
  const { rows, complete } = firstPage(json, t);
  const multi = pageCount(json) > 1;
  const words = surveyWords(t.locale);
  const button = multi ? (textIn(json.pageNextText, t.locale) ?? words?.next) : textIn(json.completeText, t.locale);
  const progress = json.showProgressBar === 'top';
  return (
    <div
      lang={htmlLangOf(props.contentLocale)}
      class={`sd-root-modern sd-progress--${String(json.progressBarType ?? 'pages')} sd-root-modern--mobile`}
    >
      <div class="sd-root-modern__wrapper">
        <form>
          <div class="sv_custom_header"></div>
          <div class="sd-container-modern">
            {title || description ? (
              <div class="sd-title sd-container-modern__title">
                <div class="sd-header__text">
                  {title ? (
                    <h1 aria-label={title} class="sd-title">
                      <span class="sv-string-viewer">{title}</span>
                    </h1>
                  ) : null}
                  {description ? (
                    <div class="sd-description">
                      <span class="sv-string-viewer sv-string-viewer--multiline">{description}</span>
                    </div>
                  ) : null}
                </div>
                <div class="sd-hidden"></div>
              </div>
            ) : null}
            <div class="sv-components-row">
              <div class="sv-components-column sv-components-column--expandable">
                {progress ? (
                  <div class="sv-components-column sv-components-container-center">
                    <div class="sd-progress sd-body__progress">
                      <div class="sd-progress__bar" style="width: 0%;"></div>
                    </div>
                  </div>
                ) : null}
                <div class="sd-body sd-body--static">
                  <div class="sd-page sd-body__page">{rows}</div>
                  {complete && button ? (
                    <div class="sv-components-column sv-components-container-contentBottom">
                      <div class="sd-action-bar sd-footer sd-body__navigation sd-clearfix">
                        <div class="sv-action">
                          <div class="sv-action__content">
                            <input
                              type="button"
                              title={button}
                              class={
                                multi
                                  ? 'sd-btn sd-navigation__next-btn'
                                  : 'sd-btn sd-btn--action sd-navigation__complete-btn'
                              }
                              value={button}
                              aria-disabled="true"
                            />
                          </div>
                        </div>
                      </div>
                    </div>
                  ) : null}
                </div>
              </div>
            </div>
          </div>
        </form>
      </div>
    </div>
  );
}

/**
 * The page's content: what client/page.ts show() puts into <main id="app">. The language switch is
 * a form, so it works before the runner has loaded (?lang=); the buttons that need the runner say
 * they are not active yet (aria-disabled) and look as they will.
 */
export function FirstScreen(props: FirstScreenProps) {
  const texts = textsFor(props.locale);
  const ui = uiLangOf(props.locale);
  const ownLang = ui !== props.contentLocale ? ui : undefined;
  const pages = pageCount(props.json);
  return (
    <>
      <nav class="lang-switch" aria-label={texts.languages}>
        <form method="get" class="first-screen-lang">
          {switchLanguages(props.contentLocale, new Set(props.languages)).map(({ lang, name }) => (
            <button type="submit" name="lang" value={lang} lang={htmlLangOf(lang)}>
              {name}
            </button>
          ))}
        </form>
      </nav>
      <p
        class="progress-text"
        lang={ownLang ? htmlLangOf(ownLang) : undefined}
        dir={ownLang ? dirOf(ownLang) : undefined}
      >
        {props.kind === 'survey' && pages > 1 ? texts.progress(1, pages) : ''}
      </p>
      {ownLang && ui !== 'sv' ? (
        // As the runner (client/survey-view.ts): the questionnaire is not offered in the language asked for.
        <p class="notice" lang={htmlLangOf(ui)} dir={dirOf(ui)}>
          {texts.page.notInYourLanguage}
        </p>
      ) : null}
      {props.renewing ? (
        <p class="notice error" role="alert">
          {texts.consentRenew}
        </p>
      ) : null}
      <div class="survey-host">
        <SurveyRoot {...props} />
      </div>
      {props.kind === 'survey' ? (
        <div class="save-later-row">
          <button type="button" class="save-later" lang={ownLang} aria-disabled="true">
            {texts.saveLater}
          </button>
        </div>
      ) : null}
      <footer class="participant-footer" lang={ownLang}>
        <a href="#aterkalla">{props.kind === 'survey' || props.renewing ? texts.withdrawLink : texts.declineLink}</a>
      </footer>
    </>
  );
}
