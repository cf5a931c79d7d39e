// ESLint flat config: typescript-eslint's recommended rules (no type information, to stay fast),
// no import cycles, and the import boundaries between the capability folders of src (issue 15).
// Run with `npm run lint`; `npm test` runs it first. tests/unit/lint-boundaries.test.ts checks each zone.
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const root = import.meta.dirname;

/**
 * Last resolver: a relative import that nothing else resolved is taken as the path it names.
 * Without it an import of a file that does not exist (yet) is skipped by no-restricted-paths, so a
 * boundary could not be checked on code written against a file still being moved, nor on the
 * inline snippets of tests/unit/lint-boundaries.test.ts. tsc reports imports that do not resolve.
 */
const asWrittenResolver = {
  interfaceVersion: 3,
  name: 'relative-as-written',
  resolve(source, file) {
    if (!source.startsWith('./') && !source.startsWith('../')) return { found: false };
    return { found: true, path: path.resolve(path.dirname(file), source) };
  },
};

const CAPABILITIES = ['auth', 'participant', 'coach', 'research', 'admin'];
/** Auth's public surface: the only capability files other capabilities may import. */
const AUTH_PUBLIC = ['guards.ts', 'device.ts', 'handover.ts', 'link-tokens.ts', 'passwords.ts', 'tokens.ts'];
const cap = (name) => `src/${name}`;

const capabilityZones = CAPABILITIES.flatMap((name) => {
  const others = CAPABILITIES.filter((other) => other !== name && other !== 'auth');
  const zones = [
    {
      target: cap(name),
      from: others.map(cap),
      message: `A capability imports only its own files and shared modules, never another capability's (src/${name} must not import ${others.map(cap).join(', ')}).`,
    },
  ];
  if (name !== 'auth') {
    zones.push({
      target: cap(name),
      from: cap('auth'),
      except: AUTH_PUBLIC.map((file) => `./${file}`),
      message: `Other capabilities use auth only through its public files (src/auth/${AUTH_PUBLIC.join(', ')}).`,
    });
  }
  return zones;
});

const boundaryZones = [
  ...capabilityZones,
  {
    target: 'src/store',
    from: ['src/http', 'src/views', ...CAPABILITIES.map(cap)],
    message:
      'The store imports nothing from http, views or the capabilities (it may use domain, errors.ts and survey types).',
  },
  {
    target: 'src/client',
    from: 'src/**',
    except: ['src/client/**', 'src/surveys/**', 'src/domain/**', 'src/scoring/**'].map((glob) => `${root}/${glob}`),
    message:
      'Browser code imports only src/client, src/domain, src/scoring and the pure modules of src/surveys, nothing server-side.',
  },
  {
    target: 'src/client',
    from: `${root}/src/surveys/{definition-cache,*.node}.ts`,
    message:
      'Browser code does not import the server-side survey modules (the definition cache reads the store; *.node.ts need Node).',
  },
  {
    target: 'src/views',
    from: CAPABILITIES.map(cap),
    message: "Shared views (layout, assets) import no capability; a capability's own pages live in its views/ folder.",
  },
  {
    target: ['src/domain', 'src/errors.ts'],
    from: ['src/http', 'src/views', 'src/store', ...CAPABILITIES.map(cap)],
    message:
      'src/domain and src/errors.ts are neutral: they import nothing from http, views, the store or the capabilities.',
  },
];

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'test-results/',
      'data/',
      'backups/',
      'scratch/',
      'tmp/',
      // Built by `npm run build:function`, never committed.
      'supabase/functions/api/app.bundle.js',
    ],
  },
  {
    files: ['{src,tests,bench}/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] }),
        asWrittenResolver,
      ],
    },
    rules: {
      // Runtime cycles only (import-x skips `import type`). Depth 3, 10 and unlimited all cost the
      // same here (~6-8 s CPU, spent parsing each module once), so the whole graph is searched.
      'import-x/no-cycle': ['error', { maxDepth: Infinity, ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: boundaryZones }],
      // House style drops a field with `const { field: _, ...rest } = value`; `_`-prefixed names are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      // Tests read JSON response bodies as Record<string, any> to assert on them; typing each body buys nothing there.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
