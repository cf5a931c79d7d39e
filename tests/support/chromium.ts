/**
 * Headless Debian Chromium for the e2e files: one browser for the whole run, launched by global
 * setup as a playwright browser server; each test file connects to it and each test takes a fresh
 * context of its own (isolation is per context, as before).
 */
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A browser of its own (a new Chromium process). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args });
}

/** The run's shared Chromium, for global setup to start and stop. */
export function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, args });
}

/**
 * A connection to the run's shared Chromium (close() disconnects and closes this connection's
 * contexts), or a browser of its own when global setup started none (e.g. outside vitest).
 */
export async function sharedChromium(): Promise<Browser> {
  let endpoint: string | undefined;
  if (process.env.VITEST) endpoint = (await import('vitest')).inject('chromiumEndpoint');
  return endpoint ? chromium.connect(endpoint) : launchChromium();
}
