/**
 * Registers the service worker (service-worker.ts) for the participant pages only: its scope is
 * the /d (participant links, hand-over) or /l/ (short links) path of this page, under whatever
 * base path the app is served at, and the worker is /sw.js at that base.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const m = /^(.*?)\/(d|l)(?:\/|$)/.exec(location.pathname);
  if (!m) return;
  const base = m[1]!;
  const scope = m[2] === 'd' ? `${base}/d` : `${base}/l/`;
  // After the page has loaded, so installing (which fetches the assets) never slows the first screen.
  const register = () =>
    navigator.serviceWorker.register(`${base}/sw.js`, { scope }).catch(() => {
      // Not available (private mode, an old browser): the page works as before, without the offline page.
    });
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
