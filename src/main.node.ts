import { serve } from '@hono/node-server';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { createTokenService } from './auth/tokens.ts';
import { staticAssets } from './http/static-assets.node.ts';
import { parseConfig } from './config.ts';
import { openStore } from './store/open-database.node.ts';
import { createDemoIfEmpty, seedDefinitions, type DemoAccount } from './setup/first-start.ts';
import { readSurveyFiles } from './setup/read-surveys.node.ts';

const assetsDir = fileURLToPath(new URL('../dist/assets/', import.meta.url));

/** The signing secret: from SESSION_SECRET, else generated once and kept (mode 600) in DATA_DIR. */
async function sessionSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, 'session-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64url');
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

/**
 * The demo admin's one-time password, on the first start only (only its hash is stored). On a
 * terminal it is printed; when the output goes elsewhere (a service manager, a log collector) it
 * is written to DATA_DIR/first-login.txt (mode 600) instead, so no password lands in a log.
 */
async function announceDemo(demo: DemoAccount[], port: number, dataDir: string) {
  const text =
    demo.map((a) => `Demo ${a.roles}:\n  E-mail:   ${a.email}\n  Password: ${a.password}\n`).join('') +
    `Log in at http://localhost:${port}/login; the first login asks for a new password.\n`;
  if (process.stdout.isTTY) {
    console.log(`\nFirst start: demo accounts created (shown once).\n${text}`);
    return;
  }
  const file = join(dataDir, 'first-login.txt');
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${text}Delete this file after the first login.\n`, { mode: 0o600 });
  console.log(
    `First start: demo accounts created; their one-time passwords are in ${file} (delete it after the first login).`,
  );
}

async function main() {
  const config = parseConfig(process.env);
  const { store, description, applied } = await openStore(config);
  console.log(`Database: ${description}`);
  if (applied.length) console.log(`Applied ${applied.length} migration(s).`);
  await seedDefinitions(store, await readSurveyFiles());
  const demo = await createDemoIfEmpty(store, config.PASSWORD_ITERATIONS);

  const secret = await sessionSecret(config.SESSION_SECRET, config.DATA_DIR);
  const tokens = createTokenService({
    secret,
    staffTtlMinutes: config.SESSION_TTL_MINUTES,
    linkTtlDays: config.LINK_TTL_DAYS,
  });
  const app = createApp({
    store,
    tokens,
    passwordIterations: config.PASSWORD_ITERATIONS,
    secureCookies: config.INSECURE_COOKIES !== '1',
    publicOrigin: config.PUBLIC_ORIGIN ?? `http://localhost:${config.PORT}`,
    assets: staticAssets(assetsDir),
    peerAddress: (c) =>
      (c.env as { incoming?: { socket?: { remoteAddress?: string } } })?.incoming?.socket?.remoteAddress,
    trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    rateLimitSecret: secret,
  });

  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`Enkät listening on http://localhost:${info.port}`);
    if (demo) void announceDemo(demo, info.port, config.DATA_DIR);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close(async () => {
      await store.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(`Start failed: ${(error as Error).message}`);
  process.exit(1);
});
