import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createFunctionApp, parseFunctionEnv } from '../../src/edge/function-app.ts';
import { embeddedAssets } from '../../src/http/embedded-assets.ts';
import { asset } from '../../src/views/assets.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('embedded assets (the Edge Function serves /assets/* from the bundle)', () => {
  const app = new Hono();
  app.use(
    '/assets/*',
    embeddedAssets(
      {
        'app-0123ABCD.css': { contentType: 'text/css; charset=utf-8', body: bytes('body{}'), gz: bytes('gz!') },
        'logo.svg': { contentType: 'image/svg+xml', body: bytes('<svg/>') },
      },
      { 'app.css': 'app-0123ABCD.css' },
    ),
  );
  app.notFound((c) => c.text('nope', 404));

  it('registers the manifest, answers hashed names as immutable and picks an accepted encoding', async () => {
    expect(asset('app.css')).toBe('/assets/app-0123ABCD.css');
    const gz = await app.request('/assets/app-0123ABCD.css', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(gz.headers.get('vary')).toBe('Accept-Encoding');
    const plain = await app.request('/assets/app-0123ABCD.css', { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect([plain.headers.get('content-encoding'), await plain.text()]).toEqual([null, 'body{}']);
  });

  it('unhashed names get a short cache; unknown names and other methods fall through', async () => {
    expect((await app.request('/assets/logo.svg')).headers.get('cache-control')).toBe('public, max-age=300');
    expect((await app.request('/assets/constructor')).status).toBe(404);
    expect((await app.request('/assets/nope.js')).status).toBe(404);
    expect((await app.request('/assets/logo.svg', { method: 'POST' })).status).toBe(404);
    const head = await app.request('/assets/logo.svg', { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '6', '']);
  });
});

describe('the function environment', () => {
  const secret = 'x'.repeat(32);
  it('requires a session secret of 32 characters and never echoes values', () => {
    expect(() => parseFunctionEnv({ DATABASE_URL: 'postgres://u:hunter2@h/db' })).toThrow(
      /SESSION_SECRET: is required/,
    );
    expect(() => parseFunctionEnv({ SESSION_SECRET: 'short-secret-value' })).toThrow(/at least 32/);
    expect(() => parseFunctionEnv({ SESSION_SECRET: 'short-secret-value' })).not.toThrow(/short-secret-value/);
  });
  it('takes DATABASE_URL or SUPABASE_DB_URL and a BASE_PATH like /api; ignores unrelated variables', () => {
    expect(
      parseFunctionEnv({
        SESSION_SECRET: secret,
        PUBLIC_ORIGIN: 'https://enkat.example.se',
        SUPABASE_DB_URL: 'postgresql://x/y',
        BASE_PATH: '/api',
        HOME: '/root',
      }),
    ).toMatchObject({ SUPABASE_DB_URL: 'postgresql://x/y', BASE_PATH: '/api', DB_POOL_SIZE: 3 });
    expect(() => parseFunctionEnv({ SESSION_SECRET: secret, BASE_PATH: 'api/' })).toThrow(/BASE_PATH/);
  });
  it('requires PUBLIC_ORIGIN: links are never built from the Host header on an edge', () => {
    expect(() => parseFunctionEnv({ SESSION_SECRET: secret })).toThrow(/PUBLIC_ORIGIN: is required/);
  });
});

describe('createFunctionApp', () => {
  it('strips BASE_PATH (Supabase puts the function name before the app path)', async () => {
    // postgres.js connects lazily: /healthz never touches this address.
    const fn = createFunctionApp(
      {
        SESSION_SECRET: 'y'.repeat(32),
        PUBLIC_ORIGIN: 'https://enkat.example.se',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none',
        BASE_PATH: '/api',
      },
      { files: {}, manifest: {} },
    );
    try {
      expect((await fn.fetch(new Request('http://edge/api/healthz'))).status).toBe(200);
      expect((await fn.fetch(new Request('http://edge/api/api/p/session'))).status).toBe(401);
    } finally {
      await fn.close();
    }
  });
});
