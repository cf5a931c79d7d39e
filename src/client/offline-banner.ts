/**
 * "Du är offline" while answering: shown when the browser says it is offline, or when a draft
 * save could not reach the server; gone when the connection is back and a save got through. The
 * answers are on the device either way (drafts.ts); this only says so, so nobody thinks them lost.
 */
import { el } from './page.ts';

let saveFailed = false;
let current: { node: HTMLElement; text: string } | null = null;

function isOffline(): boolean {
  return saveFailed || !navigator.onLine;
}

function render(): void {
  if (!current) return;
  const { node, text } = current;
  node.hidden = !isOffline();
  // Written into the live region only when shown, so a screen reader hears it once.
  node.textContent = node.hidden ? '' : text;
}

/** The banner for the page being drawn (one at a time); `text` in the page's language. */
export function offlineBanner(text: string, lang?: string): HTMLElement {
  const node = el('p', { class: 'offline-banner', role: 'status' });
  if (lang) node.lang = lang;
  current = { node, text };
  render();
  return node;
}

/** What the last draft save came to: `network` when the server could not be reached. */
export function reportDraftSave(result: 'saved' | 'network' | 'refused'): void {
  saveFailed = result === 'network';
  render();
}

addEventListener('offline', render);
addEventListener('online', () => {
  // The next save (drafts.ts flushes on `online`) decides whether the server is reachable again.
  saveFailed = false;
  render();
});
