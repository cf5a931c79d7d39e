/**
 * The first page of a questionnaire as SurveyJS (survey-js-ui, "sd-" classes, phone layout) draws
 * it, written on the server so it paints before the runner has loaded (first-screen.tsx). The same
 * elements and classes, so that when SurveyJS draws over it nothing moves. Only what is certain is
 * drawn: the page stops before the first element whose look depends on something the server does
 * not know (a condition, a type not drawn here), and the rest appears once SurveyJS takes over.
 * Every text is escaped (JSX). Which element is drawn, and html elements: first-screen.tsx.
 */
import type { Child } from 'hono/jsx';

type Json = Record<string, unknown>;

/** How texts of the definition are read: in one locale, with the project facts filled in. */
export interface ScreenText {
  locale: string;
  facts: Readonly<Record<string, string>>;
}

/** A localisable string in the locale (SurveyJS falls back to "default"; ours to Swedish, then English). */
export function textIn(value: unknown, locale: string): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  const o = value as Record<string, unknown>;
  for (const key of [locale, 'default', 'sv', 'en']) if (typeof o[key] === 'string') return o[key] as string;
  return undefined;
}

export const PLACEHOLDER = /\{(\w+)\}/g;
/** A plain text with {projectName} etc. filled in (the caller's JSX escapes it). */
function plain(value: unknown, t: ScreenText): string | undefined {
  return textIn(value, t.locale)?.replace(PLACEHOLDER, (all, name: string) => t.facts[name] ?? all);
}

function Viewer(props: { text: string; multiline?: boolean }) {
  return (
    <span class={props.multiline ? 'sv-string-viewer sv-string-viewer--multiline' : 'sv-string-viewer'}>
      {props.text}
    </span>
  );
}

function Required() {
  return (
    <>
      <span>{'\u00a0'}</span>
      <span aria-hidden="true" class="sd-question__required-text">
        *
      </span>
    </>
  );
}

/** One row of the page, as SurveyJS wraps each element. */
function Row(props: { children: Child }) {
  return (
    <div class="sd-row sd-clearfix sd-page__row">
      <div style="flex: 1 1 100%; min-width: min(100%, 300px); max-width: 100%;">{props.children}</div>
    </div>
  );
}

function Header(props: { q: Json; id: string; t: ScreenText }) {
  const title = plain(props.q.title, props.t) ?? String(props.q.name);
  const description = plain(props.q.description, props.t);
  const required = props.q.isRequired === true;
  return (
    <div class="sd-question__header sd-element__header sd-question__header--location-top sd-element__header--location-top">
      <h2
        id={`${props.id}_ariaTitle`}
        class={`sd-title sd-element__title sd-question__title${required ? ' sd-question__title--required' : ''}`}
      >
        {required ? (
          <div class="sv-title-actions">
            <span class="sv-title-actions__title">
              <Viewer text={title} multiline />
              <Required />
            </span>
            <div class="sd-action-bar sd-action-title-bar sd-action-bar--empty" style="opacity: 0;"></div>
          </div>
        ) : (
          <Viewer text={title} multiline />
        )}
      </h2>
      {description ? (
        <div id={`${props.id}_ariaDescription`} class="sd-description sd-question__description">
          <Viewer text={description} multiline />
        </div>
      ) : null}
    </div>
  );
}

/** The options of a radiogroup or checkbox, with the "none" item SurveyJS adds; null when unsure. */
function options(q: Json, t: ScreenText): { value: string; text: string }[] | null {
  if (!Array.isArray(q.choices)) return null;
  if (q.showRefuseItem === true || q.showDontKnowItem === true) return null;
  const out = q.choices.map((c) => {
    const value = c !== null && typeof c === 'object' ? (c as Json).value : c;
    const text = c !== null && typeof c === 'object' ? plain((c as Json).text, t) : undefined;
    return { value: String(value), text: text ?? String(value) };
  });
  if (q.showNoneItem === true) {
    const none = plain(q.noneText, t);
    if (!none) return null; // SurveyJS's own word for it is in its locale files
    out.push({ value: 'none', text: none });
  }
  return out;
}

export function Choices(props: { q: Json; id: string; t: ScreenText; kind: 'radio' | 'checkbox' }) {
  const items = options(props.q, props.t);
  if (!items || (props.q.colCount !== undefined && props.q.colCount !== 1)) return null;
  const { q, id, kind } = props;
  const name = String(q.name);
  return (
    <div
      data-name={name}
      class="sd-element--with-frame sd-element sd-question sd-row__question sd-question--title-top sd-question--mobile"
    >
      <Header q={q} id={id} t={props.t} />
      <div role="presentation" class="sd-element__content sd-question__content">
        <fieldset
          role={kind === 'radio' ? 'radiogroup' : undefined}
          aria-required={q.isRequired === true ? 'true' : 'false'}
          aria-labelledby={`${id}_ariaTitle`}
          aria-describedby={q.description ? `${id}_ariaDescription` : undefined}
          class="sd-selectbase sd-selectbase--mobile"
        >
          {items.map((item, i) => (
            <div
              role="presentation"
              class={`sd-item sd-${kind} sd-selectbase__item sv-q-col-1 sd-item--allowhover sd-${kind}--allowhover`}
            >
              <label class="sd-selectbase__label">
                <input
                  id={`${id}i_${i}`}
                  type={kind}
                  name={`${name}_${id}`}
                  data-q={name}
                  class={`sd-visuallyhidden sd-item__control sd-${kind}__control`}
                  value={item.value}
                />
                <span class={`sd-item__decorator sd-${kind}__decorator`}></span>
                <span class="sd-item__control-label">
                  <Viewer text={item.text} />
                </span>
              </label>
            </div>
          ))}
        </fieldset>
      </div>
    </div>
  );
}

/** A yes/no drawn as one checkbox (the consent question), its title as the label. */
export function CheckboxBoolean(props: { q: Json; id: string; t: ScreenText }) {
  const { q, id } = props;
  if (q.renderAs !== 'checkbox' || q.titleLocation !== 'hidden') return null;
  if (q.valueTrue !== undefined || q.valueFalse !== undefined) return null;
  const title = plain(q.title, props.t) ?? String(q.name);
  return (
    <div
      data-name={String(q.name)}
      class="sd-element--with-frame sd-element sd-question sd-row__question sd-question--boolean sd-question--mobile"
    >
      <div role="presentation" class="sd-element__content sd-question__content">
        <div class="sd-selectbase">
          <div class="sd-item sd-selectbase__item sd-checkbox sd-checkbox--intermediate sd-checkbox--label-rendered">
            <label class="sd-selectbase__label">
              <input
                type="checkbox"
                name={String(q.name)}
                data-q={String(q.name)}
                data-boolean="true"
                id={`${id}i`}
                aria-required={q.isRequired === true ? 'true' : 'false'}
                aria-label={title}
                class="sd-visuallyhidden sd-item__control sd-checkbox__control"
                value=""
              />
              <span class="sd-item__decorator sd-checkbox__decorator">
                <span class="check"></span>
              </span>
              <span id={`${id}_ariaTitle`} class="sd-item__control-label">
                <Viewer text={title} multiline />
                {q.isRequired === true ? <Required /> : null}
              </span>
            </label>
          </div>
        </div>
      </div>
    </div>
  );
}

/** The signature pad's frame and placeholder; drawing needs the runner. */
export function Signature(props: { q: Json; id: string; t: ScreenText; placeholder: string }) {
  const { q, id } = props;
  const width = typeof q.signatureWidth === 'number' ? q.signatureWidth : 300;
  const height = typeof q.signatureHeight === 'number' ? q.signatureHeight : 200;
  return (
    <div
      data-name={String(q.name)}
      class="sd-element--with-frame sd-element sd-question sd-question--signature sd-row__question sd-question--title-top sd-row__question--small sd-row__question--small sd-question--mobile"
    >
      <Header q={q} id={id} t={props.t} />
      <div role="presentation" class="sd-element__content sd-question__content">
        <div class="sd-signaturepad sjs_sp_container" style={`width: ${width}px;`}>
          <div class="sjs_sp_placeholder">
            <Viewer text={props.placeholder} multiline />
          </div>
          <div>
            <canvas
              tabindex={-1}
              class="sjs_sp_canvas sd-signaturepad__canvas"
              width={String(width)}
              height={String(height)}
              style={`touch-action: none; user-select: none; width: ${width}px;`}
            ></canvas>
          </div>
        </div>
      </div>
    </div>
  );
}

export { Row };
