/**
 * The language of the staff pages. A route renders its page inside <InLang lang={c.get('lang')}>;
 * every component below reads the language (useLang) or its own catalogue (useTexts) from there,
 * so nested parts need no language prop. Outside a provider everything is Swedish and the top bar
 * offers no switch (pages not translated yet).
 */
import { createContext, useContext } from 'hono/jsx';
import type { Child } from 'hono/jsx';
import type { Lang } from '../domain/vocabulary.ts';

/** A catalogue of one page's or capability's texts: English has exactly the Swedish keys. */
export interface Catalogue<T> {
  sv: T;
  en: T;
}

/** null: a page not (yet) offered in English; it renders in Swedish and shows no switch. */
const LangContext = createContext<Lang | null>(null);

export function InLang(props: { lang: Lang; children: Child }) {
  return <LangContext.Provider value={props.lang}>{props.children}</LangContext.Provider>;
}

export function useLang(): Lang {
  return useContext(LangContext) ?? 'sv';
}

/** Whether the page being rendered is offered in both languages (rendered inside InLang). */
export function useBilingual(): boolean {
  return useContext(LangContext) !== null;
}

/** The catalogue's texts in the language of the page being rendered. */
export function useTexts<T>(catalogue: Catalogue<T>): T {
  return catalogue[useLang()];
}

/** A page element rendered in the given language (for c.html in routes). */
export function inLang(lang: Lang, page: Child) {
  return <InLang lang={lang}>{page}</InLang>;
}
