// Page weight, FCP and LCP of the participant survey page on a slow phone (360 x 740): system
// Chromium with 4x CPU throttling and Fast 3G, first visit and repeat visit in the same browser
// context. Requests a service worker makes (installing, or answering for the page) are counted too.
//   npm run build:client && npm run bench:page-weight
//   BENCH_ACCEPT_ENCODING=gzip npm run bench:page-weight   (as a browser without brotli: plain http, not localhost)
import { availableParallelism, loadavg } from 'node:os';
import type { BrowserContext, CDPSession, Request } from 'playwright-core';
import { createTokenService } from '../src/auth/tokens.ts';
import { openPglite } from '../src/store/pglite-executor.ts';
import { assetsBuilt, CHROMIUM_PATH, launchChromium, startServer } from '../tests/e2e/harness.ts';
import { TEST_SECRET } from '../tests/support/app.ts';
import { prepareDatabase } from '../tests/support/db.ts';
import { createWorld, enrolWithConsent } from '../tests/support/fixtures.ts';

/** Chrome DevTools' "Fast 3G" preset: 562.5 ms latency, 1.6 Mbit/s down and 750 kbit/s up, each x 0.9. */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
};
const CPU_SLOWDOWN = 4;
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING;
const KB = 1000;
const GOALS = { firstBytes: 350 * KB, repeatBytes: 20 * KB, firstLcpMs: 2500, repeatLcpMs: 1500 };
const phone = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
  locale: 'sv-SE',
};

interface Resource {
  path: string;
  status?: number;
  encoding?: string;
  cached: boolean;
  wire: number;
  decoded: number;
  failed?: string;
  startS: number;
  endS?: number;
  viaWorker?: boolean;
}
interface Visit {
  name: string;
  resources: Resource[];
  wire: number;
  fcpMs?: number;
  lcpMs?: number;
  lcpElement?: string;
  acceptEncoding?: string;
}

/** Resource rows from the DevTools protocol: bytes on the wire (headers included) and decoded. */
function recordNetwork(cdp: CDPSession, origin: string) {
  const byId = new Map<string, Resource>();
  let acceptEncoding: string | undefined;
  let t0: number | undefined;
  const path = (url: string) =>
    url.startsWith(origin) ? new URL(url).pathname.replace(/^\/d\/[^/]+/, '/d/[token]') : url;
  cdp.on('Network.requestWillBeSent', (e) => {
    t0 ??= e.timestamp;
    byId.set(e.requestId, { path: path(e.request.url), cached: false, wire: 0, decoded: 0, startS: e.timestamp - t0 });
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    acceptEncoding ??= Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'accept-encoding')?.[1] as
      string | undefined;
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.cached = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = byId.get(e.requestId);
    if (!r) return;
    r.status = e.response.status;
    // Fetched by a service worker from the network (a navigation preload, which no worker or page
    // event reports in bytes): counted as the first visit's bytes for the same path (main()).
    r.viaWorker = e.response.fromServiceWorker && e.response.serviceWorkerResponseSource === 'network';
    r.cached ||= Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker);
    r.encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] as
      string | undefined;
  });
  cdp.on('Network.dataReceived', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) Object.assign(r, { wire: e.encodedDataLength, endS: e.timestamp - t0! });
  });
  cdp.on('Network.loadingFailed', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.failed = e.errorText;
  });
  return { resources: () => [...byId.values()], acceptEncoding: () => acceptEncoding };
}

// Playwright reports a service worker's own requests only with this set (Chromium).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

/** Requests a service worker of the context made (the page's CDP session does not see them). */
function recordWorker(context: BrowserContext, origin: string) {
  const rows: Resource[] = [];
  const t0 = Date.now();
  const onFinished = async (request: Request) => {
    if (!request.serviceWorker()) return;
    const sizes = await request.sizes().catch(() => null);
    const response = await request.response().catch(() => null);
    const url = request.url();
    const path = url.startsWith(origin) ? new URL(url).pathname.replace(/^\/d\/[^/]+/, '/d/[token]') : url;
    rows.push({
      path: `(worker) ${path}`,
      status: response?.status(),
      encoding: (await response?.headerValue('content-encoding').catch(() => null)) ?? undefined,
      cached: false,
      wire: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
      decoded: 0,
      startS: (request.timing().startTime - t0) / 1000,
    });
  };
  const listener = (request: Request) => void onFinished(request);
  context.on('requestfinished', listener);
  return { rows, stop: () => context.off('requestfinished', listener) };
}

/** Opens the link in a new tab of the context, throttled, and waits until the first question shows. */
async function visit(context: BrowserContext, name: string, url: string): Promise<Visit> {
  const worker = recordWorker(context, new URL(url).origin);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const network = recordNetwork(cdp, new URL(url).origin);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.emulateNetworkConditions', FAST_3G);
  if (ACCEPT_ENCODING)
    await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': ACCEPT_ENCODING } });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.getByRole('radiogroup').first().waitFor({ state: 'visible', timeout: 120_000 });
  // Quiet network: every request of the visit is counted, and the survey's paint has happened.
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const paint = await page.evaluate(
    () =>
      new Promise<{ fcp?: number; lcp?: number; element?: string }>((resolve) => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        new PerformanceObserver((list) => {
          const last = list.getEntries().at(-1) as PerformanceEntry & { element?: Element | null };
          const el = last.element;
          resolve({
            fcp,
            lcp: last.startTime,
            element: el
              ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''}`
              : '(removed)',
          });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve({ fcp }), 3000);
      }),
  );
  // A service worker installs after the page has loaded: count what it fetches to this visit.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) await navigator.serviceWorker.ready;
  });
  await page.waitForTimeout(500);
  await page.close();
  worker.stop();
  const resources = [...network.resources(), ...worker.rows];
  return {
    name,
    resources,
    wire: resources.reduce((sum, r) => sum + r.wire, 0),
    fcpMs: paint.fcp,
    lcpMs: paint.lcp,
    lcpElement: paint.element,
    acceptEncoding: network.acceptEncoding(),
  };
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);
const ms = (value: number | undefined) => (value === undefined ? 'n/a' : value.toFixed(0));

function table(head: string[], rows: string[][], left = 1) {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((v, c) => (c < left ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ');
  console.log(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

function report(visits: Visit[]) {
  for (const v of visits) {
    console.log(`\n${v.name} (Accept-Encoding sent: ${v.acceptEncoding ?? 'n/a'})`);
    table(
      ['resource', 'status', 'encoding', 'cache', 'wire KB', 'decoded KB', 'sent ms', 'done ms'],
      v.resources.map((r) => [
        r.path,
        r.failed ? `failed: ${r.failed}` : String(r.status ?? '?'),
        r.encoding ?? '-',
        r.viaWorker ? 'sw:net' : r.cached ? 'yes' : 'no',
        kb(r.wire),
        kb(r.decoded),
        ms(r.startS * 1000),
        ms(r.endS === undefined ? undefined : r.endS * 1000),
      ]),
      4,
    );
  }
  console.log('\nsummary (KB = 1000 bytes, on the wire incl. headers; times from navigation start)');
  table(
    ['visit', 'requests', 'from cache', 'wire KB', 'FCP ms', 'LCP ms', 'LCP element'],
    visits.map((v) => [
      v.name,
      String(v.resources.length),
      String(v.resources.filter((r) => r.cached && !r.viaWorker).length),
      kb(v.wire),
      ms(v.fcpMs),
      ms(v.lcpMs),
      v.lcpElement ?? 'n/a',
    ]),
    1,
  );
  const [first, repeat] = visits as [Visit, Visit];
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('\ngoals');
  console.log(
    `  first visit  <= ${kb(GOALS.firstBytes)} KB: ${verdict(first.wire <= GOALS.firstBytes)} (${kb(first.wire)} KB)`,
  );
  console.log(
    `  repeat visit <= ${kb(GOALS.repeatBytes)} KB: ${verdict(repeat.wire <= GOALS.repeatBytes)} (${kb(repeat.wire)} KB)`,
  );
  for (const [v, goal] of [
    [first, GOALS.firstLcpMs],
    [repeat, GOALS.repeatLcpMs],
  ] as const)
    console.log(
      `  LCP ${v.name.padEnd(12)} <= ${goal} ms: ${verdict(v.lcpMs !== undefined && v.lcpMs <= goal)} (${ms(v.lcpMs)} ms)`,
    );
}

async function main() {
  if (!assetsBuilt()) throw new Error('dist/assets has no built client: run `npm run build:client` first.');
  console.log(
    `bench:page-weight: ${CHROMIUM_PATH}, ${CPU_SLOWDOWN}x CPU slowdown, Fast 3G (${FAST_3G.latency} ms, ${kb(FAST_3G.downloadThroughput)} KB/s down, ${kb(FAST_3G.uploadThroughput)} KB/s up), phone viewport ${phone.viewport.width}x${phone.viewport.height}`,
  );
  // Chromium's slowdown multiplies this machine's speed: other work on the CPUs raises LCP.
  console.log(
    `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs${loadavg()[0]! > availableParallelism() / 2 ? ' (busy: LCP will be high and noisy)' : ''}`,
  );
  const db = await openPglite();
  const store = await prepareDatabase(db);
  const server = await startServer(store);
  const browser = await launchChromium();
  try {
    const who = await enrolWithConsent(store, await createWorld(store));
    const tokens = createTokenService({ secret: TEST_SECRET, staffTtlMinutes: 60, linkTtlDays: 14 });
    const { token } = await tokens.signParticipantLink({
      participantId: who.participantId,
      projectId: who.projectId,
      survey: who.survey,
      linkId: who.linkId,
      occasion: who.occasion,
    });
    const url = `${server.baseUrl}/d/${token}`;
    // A server in service is warm: one request of each kind first, outside the browser (whose
    // caches stay empty), so the first visit measures the page and not the server's cold start.
    await fetch(url).then((r) => r.arrayBuffer());
    await fetch(`${server.baseUrl}/api/p/session`, { headers: { Authorization: `Bearer ${token}` } }).then((r) =>
      r.arrayBuffer(),
    );
    const context = await browser.newContext(phone);
    const visits = [await visit(context, 'first visit', url), await visit(context, 'repeat visit', url)];
    for (const r of visits[1]!.resources.filter((row) => row.viaWorker)) {
      r.wire = visits[0]!.resources.find((row) => row.path === r.path)?.wire ?? 0;
      visits[1]!.wire += r.wire;
    }
    await context.close();
    report(visits);
  } finally {
    await browser.close();
    await server.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
