/** Bundles the browser code into dist/assets (esbuild) and copies the stylesheets. */
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = `${root}dist/assets`;
await mkdir(out, { recursive: true });
await build({
  entryPoints: [`${root}src/client/survey-runner.ts`],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outdir: out,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
await copyFile(`${root}node_modules/survey-core/survey-core.fontless.min.css`, `${out}/survey-core.fontless.min.css`);
await copyFile(`${root}src/client/app.css`, `${out}/app.css`);
console.log('client built into dist/assets');
