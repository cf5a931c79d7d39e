/**
 * End-to-end harness: the app as the Node entry builds it (including /assets from dist/assets),
 * served on a free localhost port, and a headless Debian Chromium driven by playwright-core.
 */
import { serve, type ServerType } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, BrowserContextOptions, ConsoleMessage, Page } from 'playwright-core';
import type { SqlExecutor } from '../../src/store/executor.ts';
import type { RpcStore } from '../../src/store/rpc-store.ts';
import { openTestDatabase } from '../support/db.ts';
import { createWorld, TEST_PASSWORD, type World } from '../support/fixtures.ts';
import { readAssetManifest, staticAssets } from '../../src/http/static-assets.node.ts';
import type { Store } from '../../src/store/store.ts';
import { testApp } from '../support/app.ts';
import { captureConsole, logPrivacyProblems, secretsInDatabase } from '../support/log-privacy.ts';
import { CHROMIUM_PATH, sharedChromium } from '../support/chromium.ts';

export { CHROMIUM_PATH, launchChromium } from '../support/chromium.ts';
/** Browser tests run where Chromium is installed, and always in CI (where its absence is a failure). */
export const runBrowser = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
/**
 * Where screenshots go: test-results/screenshots/ (not committed), or with UPDATE_SCREENSHOTS=1 the
 * committed reference pictures in __screenshots__.
 */
export const screenshots = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS === '1' ? './__screenshots__/' : '../../test-results/screenshots/',
    import.meta.url,
  ),
);
/** A small phone (360 × 740) in Swedish: the participant pages' narrowest target. */
export const phone360: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: 'sv-SE',
};
const assetsAbs = fileURLToPath(new URL('../../dist/assets/', import.meta.url));

export function assetsBuilt(): boolean {
  const manifest = readAssetManifest(assetsAbs) ?? {};
  return ['survey-runner.js', 'app.css'].every(
    (name) => name in manifest && existsSync(`${assetsAbs}${manifest[name]}`),
  );
}

export interface RunningServer {
  baseUrl: string;
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Serves the app (with static assets) on 127.0.0.1 and a free port; links use http://localhost:<port>. */
export async function startServer(store: Store): Promise<RunningServer> {
  const { app, logs } = testApp(store, { assets: staticAssets(assetsAbs) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://localhost:${port}`,
    logs,
    close: () =>
      new Promise<void>((resolve, reject) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Collects what should never happen on a page: console errors (Chromium also reports CSP
 * violations and failed loads there), uncaught exceptions, CSP violation events and HTTP errors.
 */
export async function watchPage(page: Page): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    else if (m.type() !== 'error' && /Content[- ]Security[- ]Policy/i.test(m.text()))
      problems.push(`csp (${m.type()}): ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on('requestfailed', (r) => {
    problems.push(`request failed: ${r.method()} ${new URL(r.url()).pathname} (${r.failure()?.errorText})`);
  });
  // The securitypolicyviolation event fires inside the page; report it through the console.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return { problems };
}

/** Signs a staff member in through the login form (optionally with ?next=). */
export async function signIn(
  page: Page,
  email: string,
  options: { password?: string; next?: string } = {},
): Promise<void> {
  await page.goto(options.next ? `/login?next=${encodeURIComponent(options.next)}` : '/login');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(options.password ?? TEST_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/** One browser fixture per test file: in-memory PGlite with a world, the app served, the run's Chromium. */
export interface E2E {
  db: SqlExecutor;
  store: RpcStore;
  world: World;
  server: RunningServer;
  browser: Browser;
  /** A new context with the server as base URL and generous timeouts for a loaded 2-core machine. */
  newContext(options: BrowserContextOptions): Promise<BrowserContext>;
  /** Secrets the test typed (passwords, …): the log check at close() looks for them too. */
  secrets: string[];
  /** Closes everything, then fails if the captured logs hold a token, code, answer or password. */
  close(): Promise<void>;
}

export async function openE2E(
  options: { minGroupSize?: number; seed?: (store: RpcStore, world: World, db: SqlExecutor) => Promise<void> } = {},
): Promise<E2E> {
  const captured = captureConsole();
  const { db, store } = await openTestDatabase('pglite');
  const world = await createWorld(store, { minGroupSize: options.minGroupSize });
  await options.seed?.(store, world, db);
  const server = await startServer(store);
  const browser = await sharedChromium();
  const contexts: BrowserContext[] = [];
  const secrets: string[] = [];
  return {
    db,
    store,
    world,
    server,
    browser,
    secrets,
    async newContext(contextOptions) {
      const context = await browser.newContext({ ...contextOptions, baseURL: server.baseUrl });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.close();
      captured.stop();
      const allSecrets = [...secrets, ...(await secretsInDatabase(db))];
      const problems = logPrivacyProblems(server.logs, captured.lines, allSecrets);
      await db.close();
      console.info(
        `log privacy check: ${server.logs.length} log lines, ${captured.lines.length} console lines, ${allSecrets.length} secrets looked for, ${problems.length} problems`,
      );
      if (problems.length) throw new Error(`The logs are not clean:\n${problems.join('\n')}`);
    },
  };
}
