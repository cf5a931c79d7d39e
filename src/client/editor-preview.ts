/**
 * The editor's preview (issue 19): the participant page of the definition, in a phone-sized frame
 * (360 × 740 CSS px, scaled down when the column is narrower), in each language of the definition.
 * The frame loads GET /admin/definitions/:id/preview?lang= (admin/definition-preview-routes.tsx).
 *
 * Safety: a draft is anyone's text (an imported file). The frame is sandboxed with allow-scripts
 * and without allow-same-origin, so the page in it runs in an opaque origin: it cannot read this
 * page, the staff cookie or the admin API, navigate the editor, open windows or submit forms.
 * The frame's own request carries the staff cookie (SameSite=Strict) because this page, same-site,
 * starts it; so reload() and the language buttons set the frame's address from here.
 *
 * Styles: the "editor preview" section of app.css.
 */
import { LOCALE_TAG, localesOf } from './locales.ts';
import { UI_LANGS } from './texts.ts';

export const PHONE = { width: 360, height: 740 } as const;

export interface PreviewHandle {
  /** Loads the frame again (after each autosave). */
  reload(): void;
  /** The languages of the definition changed: redraws the buttons (Swedish first). */
  setLanguages(languages: string[]): void;
}

/** A language's name in itself: the participant page's words for ours, else the browser's. */
export function languageName(lang: string): string {
  const own = UI_LANGS.find((l) => l.lang === lang);
  if (own) return own.name;
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
    if (name && name !== lang) return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    // not a language the browser knows
  }
  return lang;
}

/** The languages a definition has texts in (what to pass as `languages`), Swedish first. */
export function definitionLanguages(json: unknown): string[] {
  return ordered([...localesOf(json)].sort());
}

/** Swedish first, then the others in their order; no duplicates. */
function ordered(languages: string[]): string[] {
  return [...new Set(['sv', ...languages.filter((l) => LOCALE_TAG.test(l))])];
}

export function mountPreview(host: HTMLElement, opts: { definitionId: string; languages: string[] }): PreviewHandle {
  let languages = ordered(opts.languages);
  let current = 'sv';

  const buttons = document.createElement('div');
  buttons.className = 'editor-preview-langs';
  buttons.setAttribute('role', 'group');
  buttons.setAttribute('aria-label', 'Språk i förhandsvisningen');

  const frame = document.createElement('iframe');
  frame.className = 'editor-preview-frame';
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.title = 'Förhandsvisning: deltagarens sida på en mobil';
  frame.width = String(PHONE.width);
  frame.height = String(PHONE.height);
  const phone = document.createElement('div');
  phone.className = 'editor-preview-phone';
  phone.append(frame);
  const viewport = document.createElement('div');
  viewport.className = 'editor-preview-viewport';
  viewport.append(phone);

  const root = document.createElement('div');
  root.className = 'editor-preview';
  root.append(buttons, viewport);
  host.replaceChildren(root);

  const url = () =>
    `/admin/definitions/${encodeURIComponent(opts.definitionId)}/preview?lang=${encodeURIComponent(current)}`;
  // One load at a time: a reload asked for while the frame is loading follows when it has loaded,
  // so quick saves do not cut the participant page off half-way.
  let loading = false;
  let again = false;
  const load = () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    frame.setAttribute('src', url());
  };
  frame.addEventListener('load', () => {
    loading = false;
    if (again) {
      again = false;
      load();
    }
  });

  function drawButtons() {
    buttons.replaceChildren(
      ...languages.map((lang) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.lang = lang;
        b.dir = 'auto';
        b.textContent = languageName(lang);
        b.setAttribute('aria-pressed', String(lang === current));
        b.addEventListener('click', () => {
          if (lang === current) return;
          current = lang;
          drawButtons();
          load();
        });
        return b;
      }),
    );
  }

  /** The phone at full size when it fits the column, else scaled down to the column's width. */
  function fit() {
    const available = viewport.parentElement?.clientWidth ?? PHONE.width;
    const scale = Math.min(1, Math.max(0.3, available / PHONE.width));
    phone.style.transform = scale < 1 ? `scale(${scale})` : '';
    viewport.style.width = `${Math.floor(PHONE.width * scale)}px`;
    viewport.style.height = `${Math.ceil(PHONE.height * scale)}px`;
  }

  drawButtons();
  load();
  fit();
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(fit).observe(root);

  return {
    reload: load,
    setLanguages(next) {
      languages = ordered(next);
      if (!languages.includes(current)) {
        current = 'sv';
        load();
      }
      drawButtons();
    },
  };
}
