/**
 * Mounts the editor's preview (src/client/editor-preview.ts, mountPreview) on one of our own pages
 * in Chromium, as the editor page does, before the editor is wired to it: the module is bundled
 * here and run through the DevTools protocol (page.evaluate is not subject to the page's CSP).
 */
import { build } from 'esbuild';
import type { Page } from 'playwright-core';

let bundled: Promise<string> | null = null;

function bundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [new URL('../../src/client/editor-preview.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'EditorPreview',
    target: 'es2020',
  }).then((r) => r.outputFiles[0]!.text);
  return bundled;
}

/** Adds a host (width in CSS px) at the top of <main> and mounts the preview in it; `window.preview` is its handle. */
export async function mountPreviewOn(
  page: Page,
  opts: { definitionId: string; languages: string[]; width: number },
): Promise<void> {
  const code = await bundle();
  await page.evaluate(
    `${code}
    {
      const host = document.createElement('section');
      host.id = 'preview-host';
      host.setAttribute('aria-label', 'Förhandsvisning');
      host.style.width = '${opts.width}px';
      document.querySelector('main').prepend(host);
      window.preview = EditorPreview.mountPreview(host, ${JSON.stringify({ definitionId: opts.definitionId, languages: opts.languages })});
    }`,
  );
}
