import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Checks each import boundary of eslint.config.js on one-line snippets linted as if they were
// files of the capability layout (the files need not exist: the config resolves a relative
// import to the path it names when no file is there).
const root = fileURLToPath(new URL('../../', import.meta.url));
const overrideConfigFile = join(root, 'eslint.config.js');
const eslint = new ESLint({ cwd: root, overrideConfigFile });

const ZONE = 'import-x/no-restricted-paths';

/** Lints `import ... from '<source>'` as the file `file` (relative to the repository) and returns the boundary messages. */
async function boundaryMessages(file: string, source: string, kind: 'value' | 'type' = 'value'): Promise<string[]> {
  const code =
    kind === 'type'
      ? `import type { X } from '${source}';\nexport type Y = X;\n`
      : `import { x } from '${source}';\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  expect(result!.fatalErrorCount).toBe(0);
  return result!.messages.filter((m) => m.ruleId === ZONE).map((m) => m.message);
}

const refused: [file: string, source: string, because: RegExp][] = [
  // Capabilities do not import each other's internals.
  ['src/coach/routes.tsx', '../participant/session-api.ts', /never another capability's/],
  ['src/participant/routes.tsx', '../research/filter.ts', /never another capability's/],
  ['src/research/api.ts', '../admin/export-grant-api.ts', /never another capability's/],
  ['src/admin/views/projects.tsx', '../../coach/schedule.ts', /never another capability's/],
  ['src/auth/routes.tsx', '../participant/views/shell.tsx', /never another capability's/],
  ['src/coach/routes.tsx', '../auth/invite-routes.tsx', /auth only through its public files/],
  ['src/research/routes.tsx', '../auth/views/login.tsx', /auth only through its public files/],
  ['src/admin/routes.tsx', '../auth/middleware.ts', /auth only through its public files/],
  // The store.
  ['src/store/sql-store.ts', '../http/errors.ts', /The store imports nothing/],
  ['src/store/sql-store.ts', '../views/layout.tsx', /The store imports nothing/],
  ['src/store/types.ts', '../coach/schedule.ts', /The store imports nothing/],
  ['src/store/rpc-store.ts', '../auth/tokens.ts', /The store imports nothing/],
  // Browser code.
  ['src/client/editor.ts', '../admin/json-text.ts', /Browser code imports only/],
  ['src/client/survey-runner.ts', '../store/types.ts', /Browser code imports only/],
  ['src/client/api.ts', '../http/errors.ts', /Browser code imports only/],
  ['src/client/api.ts', '../errors.ts', /Browser code imports only/],
  ['src/client/editor.ts', '../surveys/definition-cache.ts', /server-side survey modules/],
  ['src/client/editor.ts', '../surveys/read-surveys.node.ts', /server-side survey modules/],
  // Shared views.
  ['src/views/layout.tsx', '../research/filter.ts', /Shared views .* import no capability/],
  ['src/views/layout.tsx', '../auth/guards.ts', /Shared views .* import no capability/],
  // Neutral modules.
  ['src/domain/vocabulary.ts', '../http/errors.ts', /are neutral/],
  ['src/domain/project-settings.ts', '../store/types.ts', /are neutral/],
  ['src/domain/pseudonym-code.ts', '../views/layout.tsx', /are neutral/],
  ['src/domain/vocabulary.ts', '../admin/routes.tsx', /are neutral/],
  ['src/errors.ts', './http/errors.ts', /are neutral/],
  ['src/errors.ts', './auth/tokens.ts', /are neutral/],
];

const allowed: [file: string, source: string][] = [
  ['src/coach/routes.tsx', '../auth/guards.ts'],
  ['src/participant/routes.tsx', '../auth/link-tokens.ts'],
  ['src/admin/staff-routes.tsx', '../auth/passwords.ts'],
  ['src/research/routes.tsx', '../auth/tokens.ts'],
  ['src/coach/routes.tsx', './views/list.tsx'],
  ['src/coach/views/list.tsx', '../schedule.ts'],
  ['src/auth/guards.ts', './link-tokens.ts'],
  ['src/research/api.ts', '../domain/vocabulary.ts'],
  ['src/research/api.ts', '../errors.ts'],
  ['src/research/api.ts', '../config.ts'],
  ['src/research/api.ts', '../http/errors.ts'],
  ['src/research/api.ts', '../views/layout.tsx'],
  ['src/research/api.ts', '../surveys/definition.ts'],
  ['src/research/api.ts', '../scoring/wai.ts'],
  ['src/research/api.ts', '../store/store.ts'],
  ['src/store/sql-store.ts', '../errors.ts'],
  ['src/store/sql-store.ts', '../domain/vocabulary.ts'],
  ['src/store/store.ts', '../surveys/definition.ts'],
  ['src/store/admin-types.ts', './types.ts'],
  ['src/client/editor.ts', '../surveys/json-text.ts'],
  ['src/client/editor.ts', '../domain/vocabulary.ts'],
  ['src/client/survey-runner.ts', '../scoring/wai.ts'],
  ['src/client/survey-runner.ts', './api.ts'],
  ['src/views/layout.tsx', './assets.ts'],
  ['src/domain/vocabulary.ts', './project-settings.ts'],
  ['src/domain/vocabulary.ts', '../errors.ts'],
  ['src/errors.ts', './domain/vocabulary.ts'],
  ['src/app.ts', './coach/routes.tsx'],
];

describe('import boundaries (eslint.config.js)', () => {
  it.each(refused)('%s may not import %s', async (file, source, because) => {
    const messages = await boundaryMessages(file, source);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(because);
  });

  it('applies to type-only imports too', async () => {
    expect(await boundaryMessages('src/client/editor.ts', '../admin/definition-rules.ts', 'type')).toHaveLength(1);
    expect(await boundaryMessages('src/store/types.ts', '../http/errors.ts', 'type')).toHaveLength(1);
  });

  it.each(allowed)('%s may import %s', async (file, source) => {
    expect(await boundaryMessages(file, source)).toEqual([]);
  });
});

describe('import cycles (eslint.config.js)', () => {
  let dir: string;
  let cwdLint: ESLint;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'enkat-lint-cycle-'));
    await mkdir(join(dir, 'src'));
    const files: Record<string, string> = {
      'a.ts': `import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n`,
      'b.ts': `import { c } from './c.ts';\nexport const b = (): number => c() + 1;\n`,
      'c.ts': `import { a } from './a.ts';\nexport const c = (): number => (a.length > 0 ? 1 : 0);\n`,
      'types-a.ts': `import type { B } from './types-b.ts';\nexport type A = { b?: B };\n`,
      'types-b.ts': `import type { A } from './types-a.ts';\nexport type B = { a?: A };\n`,
    };
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'src', name), text);
    cwdLint = new ESLint({ cwd: dir, overrideConfigFile });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a runtime import cycle through three modules', async () => {
    const [result] = await cwdLint.lintFiles(['src/a.ts']);
    expect(result!.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('leaves cycles of type-only imports alone (they vanish at run time)', async () => {
    const [result] = await cwdLint.lintFiles(['src/types-a.ts']);
    expect(result!.messages.map((m) => m.ruleId)).not.toContain('import-x/no-cycle');
  });
});
