/**
 * Public URLs of the browser assets. Runtime-neutral: the Node entry registers the build's
 * manifest (logical name -> content-hashed name); without one, the logical names are used.
 */
let manifest: Readonly<Record<string, string>> = {};

/** Makes asset() answer with the hashed names of this build (dist/assets/manifest.json). */
export function registerAssetManifest(map: Record<string, string>): void {
  manifest = { ...map };
}

/** The URL of an asset by its logical name, e.g. asset('app.css') -> /assets/app-691AE2E6.css. */
export function asset(logicalName: string): string {
  return `/assets/${manifest[logicalName] ?? logicalName}`;
}
