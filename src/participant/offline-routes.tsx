import { Hono } from 'hono';
import { publicRoute } from '../auth/guards.ts';
import type { AppEnv } from '../http/env.ts';
import { asset } from '../views/assets.ts';
import { OfflinePage } from './views/offline.tsx';

/** What a participant page loads: kept by the service worker so a page works again from them. */
const PAGE_ASSETS = ['survey-runner.js', 'survey-core.critical.css', 'survey-core.fontless.min.css', 'app.css'];

/** A short fingerprint of the assets, so a new build installs a new worker (and cache). */
async function versionOf(urls: string[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(urls.join('\n')));
  return Array.from(new Uint8Array(digest).slice(0, 6), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The participant pages' service worker and its offline page (mounted at /). Public and the same
 * for everyone: neither carries a token or anything personal. The worker sits at the root of the
 * app's paths so that it may control /d and /l/ (client/sw-register.ts chooses the scope).
 */
export function offlineRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/sw.js', publicRoute, async function serviceWorker(c) {
    const assets = PAGE_ASSETS.map(asset);
    const config = { assets, offline: 'offline', version: await versionOf(assets) };
    const source = `self.ENKAT = ${JSON.stringify(config)};\nimportScripts(${JSON.stringify(asset('service-worker.js'))});\n`;
    // no-cache: the browser asks for a new worker on every visit, so a new build is picked up.
    return c.body(source, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
  });

  app.get('/offline', publicRoute, function offlinePage(c) {
    return c.html(<OfflinePage />, 200, { 'Cache-Control': 'no-cache' });
  });

  return app;
}
