/** Serving dist/assets on Node (the Node entry and the e2e harness). */
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerAssetManifest } from '../views/assets.ts';
import { assetCacheControl, COMPRESSED } from './asset-cache.ts';

/** The build's logical -> hashed names, or undefined when the directory has no manifest.json. */
export function readAssetManifest(dir: string): Record<string, string> | undefined {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

/**
 * Middleware for /assets/* serving files from `dir` (absolute): registers the directory's
 * manifest for asset(), sends pre-compressed .br/.gz variants the client accepts, and marks
 * hashed files immutable and the rest cacheable for a few minutes.
 */
export function staticAssets(dir: string): MiddlewareHandler {
  const manifest = readAssetManifest(dir);
  if (manifest) registerAssetManifest(manifest);
  const serve = serveStatic({ root: dir, precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/assets/, '') });
  return async function assets(c, next) {
    const res = await serve(c, next);
    // Not a file here: the next handler answered (404) and set c.res itself.
    if (!(res instanceof Response)) return;
    if (res.status === 200 || res.status === 206) {
      res.headers.set('Cache-Control', assetCacheControl(c.req.path));
      // serveStatic sets Vary only on a compressed answer; caches must also know the plain one varies.
      if (COMPRESSED.test(c.req.path) && !res.headers.has('Vary')) res.headers.set('Vary', 'Accept-Encoding');
    }
    return res;
  };
}
