/**
 * The frame of every participant page the runner draws: the language switch at the top, the
 * content, and at the bottom the way to withdraw consent. Also sets <html lang dir>.
 */
import { dirOf, htmlLangOf, switchLanguages, textsFor, uiLangOf } from './texts.ts';

export const root = document.getElementById('app')!;

/** What the frame needs to know about the page being drawn. */
export interface Frame {
  /** The locale asked for (?lang= or the switch). */
  locale: string;
  /** The language the content is actually in (a questionnaire may lack the locale asked for). */
  contentLocale: string;
  onLanguage: (lang: string) => void;
  /**
   * The languages the questionnaire on the page is offered in (the server's list: Swedish and the
   * approved ones); null on a page without one, which offers all of ours.
   */
  languages?: readonly string[] | null;
  /** The footer link: withdraw once consent is given, decline while it is not; none otherwise. */
  consent: 'given' | 'missing' | null;
  /** Move focus to the heading (after a person's action, not on first load). */
  focus?: boolean;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { class?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { class: cls, ...rest } = props;
  Object.assign(node, rest);
  if (cls) node.className = cls;
  node.append(...children);
  return node;
}

/** Marks our own words when they are in another language than the page (a fallback). */
function ownWords<T extends HTMLElement>(node: T, frame: Frame): T {
  const ui = uiLangOf(frame.locale);
  if (ui !== frame.contentLocale) {
    node.lang = htmlLangOf(ui);
    node.dir = dirOf(ui);
  }
  return node;
}

function languageSwitch(frame: Frame): HTMLElement {
  const nav = el('nav', { class: 'lang-switch' });
  nav.setAttribute('aria-label', textsFor(frame.locale).languages);
  for (const { lang, name } of switchLanguages(
    frame.contentLocale,
    frame.languages ? new Set(frame.languages) : null,
  )) {
    const b = el('button', { type: 'button', lang: htmlLangOf(lang) }, name);
    b.addEventListener('click', () => frame.onLanguage(lang));
    nav.append(b);
  }
  return nav;
}

function footer(frame: Frame): HTMLElement | null {
  if (!frame.consent) return null;
  const t = textsFor(frame.locale);
  const a = el('a', { href: '#aterkalla' }, frame.consent === 'given' ? t.withdrawLink : t.declineLink);
  return ownWords(el('footer', { class: 'participant-footer' }, a), frame);
}

/** Replaces the page with the frame around `content`. */
export function show(frame: Frame, ...content: HTMLElement[]): void {
  document.documentElement.lang = htmlLangOf(frame.contentLocale);
  document.documentElement.dir = dirOf(frame.contentLocale);
  const foot = footer(frame);
  root.replaceChildren(languageSwitch(frame), ...content, ...(foot ? [foot] : []));
  if (frame.focus) root.querySelector<HTMLElement>('h1')?.focus();
}

/** A page heading that can take focus when the page changes. */
export function heading(text: string, frame?: Frame): HTMLHeadingElement {
  const h = el('h1', { tabIndex: -1 }, text);
  return frame ? ownWords(h, frame) : h;
}

/** A page of our own words: heading, text and optional actions. */
export function message(frame: Frame, title: string, body = '', ...actions: HTMLElement[]): void {
  const section = ownWords(el('section', { class: 'message' }, heading(title)), frame);
  if (body) section.append(el('p', {}, body));
  section.append(...actions);
  show(frame, section);
}
