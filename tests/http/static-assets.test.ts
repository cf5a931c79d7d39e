/**
 * /assets on Node: hashed files immutable, others briefly cacheable, pre-compressed variants by
 * Accept-Encoding with Vary, and asset() answering with the manifest's hashed names.
 */
import { Hono } from 'hono';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { staticAssets } from '../../src/http/static-assets.node.ts';
import { asset } from '../../src/views/assets.ts';

const dir = mkdtempSync(join(tmpdir(), 'enkat-assets-'));
const js = 'console.log("hej");'.repeat(20);
writeFileSync(join(dir, 'runner-ABCD2345.js'), js);
writeFileSync(join(dir, 'runner-ABCD2345.js.gz'), gzipSync(js));
writeFileSync(join(dir, 'runner-ABCD2345.js.br'), 'not really brotli');
writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ 'runner.js': 'runner-ABCD2345.js' }));

const app = new Hono();
app.use('/assets/*', staticAssets(dir));
app.notFound((c) => c.text('nope', 404));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('staticAssets', () => {
  it('registers the manifest for asset(); unknown names stay as they are', () => {
    expect(asset('runner.js')).toBe('/assets/runner-ABCD2345.js');
    expect(asset('other.css')).toBe('/assets/other.css');
  });

  it('sends the brotli file to a client that accepts it, marked immutable and varying', async () => {
    const res = await app.request('/assets/runner-ABCD2345.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Encoding')).toBe('br');
    expect(res.headers.get('Content-Type')).toMatch(/javascript/);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await res.text()).toBe('not really brotli');
  });

  it('falls back to gzip, and to the plain file (still varying) without Accept-Encoding', async () => {
    const gz = await app.request('/assets/runner-ABCD2345.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    const plain = await app.request('/assets/runner-ABCD2345.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await plain.text()).toBe(js);
  });

  it('gives files without a hash a short lifetime, and a missing file is an uncached 404', async () => {
    expect((await app.request('/assets/robots.txt')).headers.get('Cache-Control')).toBe('public, max-age=300');
    const missing = await app.request('/assets/runner-ZZZZ2345.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Cache-Control')).toBeNull();
  });
});
