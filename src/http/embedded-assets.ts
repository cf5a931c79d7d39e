/**
 * Serving /assets/* from files embedded in the code (the Supabase Edge Function has no
 * dist/ directory on disk). Runtime-neutral: the function bundle passes the build's files as
 * bytes; the same cache and compression rules as on Node apply.
 */
import type { MiddlewareHandler } from 'hono';
import { registerAssetManifest } from '../views/assets.ts';
import { assetCacheControl, COMPRESSED } from './asset-cache.ts';

export interface EmbeddedAsset {
  contentType: string;
  body: Uint8Array;
  /** Pre-compressed variants from the client build, when it wrote them. */
  br?: Uint8Array;
  gz?: Uint8Array;
}

/** Picks the best pre-compressed variant the client accepts (q=0 means refused). */
function pickEncoding(accept: string, asset: EmbeddedAsset): 'br' | 'gzip' | undefined {
  const accepted = new Set(
    accept
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (asset.br && accepted.has('br')) return 'br';
  if (asset.gz && (accepted.has('gzip') || accepted.has('*'))) return 'gzip';
  return undefined;
}

/**
 * Middleware for /assets/* answering from `files` (file name -> bytes). Registers `manifest` for
 * asset() so pages link the hashed names; unknown names fall through to the app's 404.
 */
export function embeddedAssets(
  files: Readonly<Record<string, EmbeddedAsset>>,
  manifest: Record<string, string>,
): MiddlewareHandler {
  registerAssetManifest(manifest);
  return async function assets(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const name = c.req.path.replace(/^\/assets\//, '');
    const asset = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!asset) return next();
    const encoding = pickEncoding(c.req.header('accept-encoding') ?? '', asset);
    const body = encoding === 'br' ? asset.br! : encoding === 'gzip' ? asset.gz! : asset.body;
    const headers: Record<string, string> = {
      'Content-Type': asset.contentType,
      'Content-Length': String(body.byteLength),
      'Cache-Control': assetCacheControl(c.req.path),
    };
    if (encoding) headers['Content-Encoding'] = encoding;
    if (COMPRESSED.test(name)) headers['Vary'] = 'Accept-Encoding';
    // Through c.body so the security headers middleware sees and decorates this response too.
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
  };
}
