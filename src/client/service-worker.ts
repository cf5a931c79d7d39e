/**
 * The participant pages' service worker, so that reloading a participant page without a network
 * shows a page of our own (the answers are kept on the phone; reload when online) instead of the
 * browser's error page. It keeps only what is the same for everyone: the offline page, which
 * carries no link token, and the content-hashed assets. A participant page itself (no-store, its
 * token in the address or the page) and every API answer go to the network and are never stored.
 * Drafts and the submission queue live in the page's own storage (drafts.ts, offline-queue.ts):
 * this worker does not touch them.
 *
 * Served by the app at /sw.js (participant/offline-routes.ts), which sets ENKAT (the assets to
 * keep, the offline page's address relative to the worker, a version) and imports this file.
 */

interface Config {
  assets: string[];
  offline: string;
  version: string;
}
interface FetchEventLike extends Event {
  request: Request;
  preloadResponse: Promise<Response | undefined>;
  respondWith(response: Promise<Response>): void;
  waitUntil(work: Promise<unknown>): void;
}
interface WorkerScope {
  ENKAT: Config;
  location: Location;
  registration: { navigationPreload?: { enable(): Promise<void> } };
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: FetchEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
}

const worker = self as unknown as WorkerScope;
const config = worker.ENKAT;
const CACHE = `enkat-${config.version}`;
const OFFLINE_URL = new URL(config.offline, worker.location.href).href;
/** A content-hashed asset (build.node.ts): its content never changes, so a stored copy is always right. */
const HASHED_ASSET = /\/assets\/[^/]+-[0-9A-Z]{8}\.(js|css)$/;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([new Request(OFFLINE_URL, { cache: 'reload' }), ...config.assets]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys())
        if (name.startsWith('enkat-') && name !== CACHE) await caches.delete(name);
      // The page request starts while the worker boots, so the worker costs no time online.
      await worker.registration.navigationPreload?.enable();
      await worker.clients.claim();
    })(),
  );
});

async function page(event: FetchEventLike): Promise<Response> {
  try {
    return (await event.preloadResponse) ?? (await fetch(event.request));
  } catch {
    return (await caches.match(OFFLINE_URL)) ?? Response.error();
  }
}

async function asset(request: Request): Promise<Response> {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') return event.respondWith(page(event));
  const url = new URL(request.url);
  if (url.origin === worker.location.origin && HASHED_ASSET.test(url.pathname)) event.respondWith(asset(request));
  // Anything else (the participant API) is left to the network, untouched and unstored.
});
