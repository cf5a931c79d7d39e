/** Cache rules for /assets/*, shared by the Node (files on disk) and edge (embedded) middleware. */

/** Content-hashed names (the build's `<name>-<8 characters>.<ext>`) never change content. */
export const HASHED_NAME = /-[0-9A-Z]{8}\.[^/]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const SHORT = 'public, max-age=300';
/** The files the build pre-compresses (.br/.gz siblings). */
export const COMPRESSED = /\.(js|css)$/;

/** Cache-Control for a served asset path. */
export function assetCacheControl(path: string): string {
  return HASHED_NAME.test(path) ? IMMUTABLE : SHORT;
}
