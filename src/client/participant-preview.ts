/**
 * The preview runner: the participant page of one definition version, drawn by the participant's
 * own code (survey-view.ts: the same question screens, progress and first-screen take-over) but
 * in preview mode: answers are kept by nobody (a draft keeper that stores nothing), no API is
 * called, and completing shows the participant's thank-you page. The definition and the project
 * facts come as data in the page (participant/preview-page.tsx). It runs in the editor's sandboxed
 * frame (opaque origin), so it cannot reach the editor, its cookies or the API anyway.
 */
import type { DraftKeeper } from './drafts.ts';
import { el, message, type Frame } from './page.ts';
import { contentLocaleOf, showSurvey, type ProjectFacts, type PublicDefinition } from './survey-view.ts';
import { textsFor, uiLangOf } from './texts.ts';
import { fullStyles } from './takeover.ts';

interface PreviewData {
  locale: string;
  definition: PublicDefinition & { kind: 'consent' | 'survey' };
  /** Facts per language of our texts (the admin's project, or examples). */
  projects: Record<'sv' | 'en', ProjectFacts>;
}

const data = JSON.parse(document.getElementById('preview-data')!.textContent!) as PreviewData;
const def = data.definition;
let locale = data.locale;
const t = () => textsFor(locale);
const ui = () => uiLangOf(locale);

/** Keeps nothing: a preview's answers go nowhere. */
const keeper: DraftKeeper = {
  initial: () => null,
  update: () => undefined,
  flush: async () => true,
  discard: () => undefined,
  stop: () => undefined,
};

function frame(contentLocale: string, focus: boolean): Frame {
  const consent = def.kind === 'consent' ? 'missing' : 'given';
  // The language switch redraws here: a new address would load without the editor's cookie.
  const onLanguage = (lang: string) => {
    locale = lang;
    draw(true);
  };
  return { locale, contentLocale, consent, focus, onLanguage };
}

function saved(): void {
  const again = el('button', { type: 'button', class: 'primary' }, t().continue);
  again.addEventListener('click', () => draw(true));
  message(frame(ui(), true), t().savedTitle, t().savedBody, again);
}

function draw(focus: boolean): void {
  const contentLocale = contentLocaleOf(def, locale);
  showSurvey({
    def,
    keeper,
    project: data.projects[uiLangOf(contentLocale) === 'en' ? 'en' : 'sv'],
    start: null,
    frame: frame(contentLocale, focus),
    checkboxRequired: def.kind === 'consent' ? t().consentRequired : undefined,
    onComplete: () => message(frame(ui(), true), t().thanks, t().thanksBody),
    onSaveLater: def.kind === 'survey' ? saved : undefined,
    history: false,
  });
}

// The footer's "Återkalla samtycke" leads nowhere in a preview: it would need a participant.
addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href="#aterkalla"]');
  if (link) event.preventDefault();
});
void fullStyles().then(() => draw(false));
