/**
 * Builds dist/assets: the browser code bundled by esbuild and the stylesheets, all under
 * content-hashed names (served as immutable), manifest.json mapping logical to hashed names, and
 * pre-compressed .br/.gz siblings for the server to send as they are. Files of earlier builds are
 * removed once the new manifest is in place.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { criticalCss, firstScreenClasses } from './critical-css.node.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = `${root}dist/assets`;
const stylesheets = [
  `${root}node_modules/survey-core/survey-core.fontless.min.css`,
  `${root}src/client/app.css`,
  `${root}src/client/editor.css`,
];
// Quality 10, not 11: the bundle is ~1 % larger but compresses in ~1 s instead of ~2.5 s.
const BROTLI_QUALITY = 10;

/**
 * Bundles the runner and the admin editor as modules (separate entries: the participant bundle
 * stays as it is), and the editor's preview (participant-preview.ts) as a classic script: it runs
 * in a sandboxed frame with an opaque origin, where a module script would need CORS; and the
 * service worker, which /sw.js loads with importScripts (classic). Returns logical name -> hashed
 * name, and every file esbuild wrote.
 */
async function bundleScripts(): Promise<{ manifest: Record<string, string>; written: string[] }> {
  const results = await Promise.all([
    bundle(
      {
        'survey-runner': `${root}src/client/survey-runner.ts`,
        editor: `${root}src/client/editor.ts`,
        // The staff pages' "Kopiera länken" button.
        'copy-link': `${root}src/client/copy-link.ts`,
      },
      'esm',
    ),
    bundle(
      {
        'participant-preview': `${root}src/client/participant-preview.ts`,
        'service-worker': `${root}src/client/service-worker.ts`,
      },
      'iife',
    ),
  ]);
  const manifest: Record<string, string> = {};
  const written: string[] = [];
  for (const outputs of results) {
    written.push(...Object.keys(outputs).map((file) => basename(file)));
    for (const [file, output] of Object.entries(outputs)) {
      if (output.entryPoint) manifest[`${basename(output.entryPoint, extname(output.entryPoint))}.js`] = basename(file);
    }
  }
  return { manifest, written };
}

async function bundle(entryPoints: Record<string, string>, format: 'esm' | 'iife') {
  const result = await build({
    entryPoints,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format,
    target: 'es2020',
    outdir: out,
    // The map stays on disk for debugging, without a sourceMappingURL comment: no page fetches it.
    sourcemap: 'external',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  return result.metafile.outputs;
}

/** Copies a stylesheet as <name>-<hash>.css (8 hex digits of SHA-256, like esbuild's [hash] in length). */
async function copyHashed(source: string): Promise<[string, string]> {
  return writeHashed(basename(source), await readFile(source));
}

async function writeHashed(logical: string, content: Buffer | string): Promise<[string, string]> {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 8).toUpperCase();
  const hashed = `${basename(logical, '.css')}-${hash}.css`;
  await writeFile(`${out}/${hashed}`, content);
  return [logical, hashed];
}

/** Writes <file>.br and <file>.gz next to a js or css file; returns their names. */
async function precompress(file: string): Promise<string[]> {
  const content = await readFile(`${out}/${file}`);
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    promisify(gzip)(content, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${out}/${file}.br`, br), writeFile(`${out}/${file}.gz`, gz)]);
  return [`${file}.br`, `${file}.gz`];
}

/** survey-core's rules for the server-drawn first screen (critical-css.node.ts). */
async function criticalStylesheet(): Promise<[string, string]> {
  const views = ['first-screen.tsx', 'first-screen-survey.tsx'].map((f) => `${root}src/participant/views/${f}`);
  const css = criticalCss(await readFile(stylesheets[0]!, 'utf8'), await firstScreenClasses(views));
  return writeHashed('survey-core.critical.css', css);
}

await mkdir(out, { recursive: true });
const [scripts, ...styles] = await Promise.all([bundleScripts(), ...stylesheets.map(copyHashed), criticalStylesheet()]);
const manifest = { ...scripts.manifest, ...Object.fromEntries(styles) };
const served = [...scripts.written, ...styles.map(([, hashed]) => hashed)];
const compressed = await Promise.all(served.filter((f) => /\.(js|css)$/.test(f)).map(precompress));
// The manifest last and by rename: a server starting meanwhile never reads half of it.
await writeFile(`${out}/manifest.json.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
await rename(`${out}/manifest.json.tmp`, `${out}/manifest.json`);
const keep = new Set([...served, ...compressed.flat(), 'manifest.json']);
for (const file of await readdir(out))
  if (!keep.has(file)) await rm(`${out}/${file}`, { force: true, recursive: true });
console.log(`client built into dist/assets: ${Object.values(manifest).join(', ')}`);
