// @ts-check
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const KYSELY_MESSAGE =
  'Kysely belongs in <x>.repository.ts, src/db/ and migrations: call the module’s repository (or its service) instead.';
const kyselyImports = {
  paths: [{ name: 'kysely', message: KYSELY_MESSAGE }],
  patterns: [{ group: ['kysely/*'], message: KYSELY_MESSAGE }],
};
/** The database's handle and helpers, and the Kysely table type: the same boundary as Kysely itself. */
const databaseHandles = [
  { group: ['**/db/connect.ts', '**/db/copy.ts'], message: KYSELY_MESSAGE },
  { group: ['**/db/schema*.ts'], importNames: ['Database'], message: KYSELY_MESSAGE },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/modules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$)',
              message: 'Reach another module only through its index.ts.',
            },
            {
              group: ['**/deps.ts', '**/app.tsx', '**/cli.ts', '**/server.ts'],
              message:
                'A module declares what it needs in its factory (index.ts); it never imports the composition root.',
            },
          ],
        },
      ],
    },
  },
  {
    // No cycle of files (value imports; a type-only import cannot make a cycle at run time). A cycle of
    // modules through different files, or through types, is caught by scripts/module-graph.ts (npm run lint).
    files: ['src/**/*.{ts,tsx,mts,mjs,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      // Cairn imports name their files with the extension (`./x.ts`), so Node's own resolution finds them.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Kysely only in repositories, migrations and the database layer (issue #15). A rule of its own name
    // (typescript-eslint's, which also refuses `import type`) so it adds to the module-boundary rule above
    // rather than replacing its options.
    files: ['src/**'],
    ignores: ['**/*.repository.ts', 'src/db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { ...kyselyImports, patterns: [...kyselyImports.patterns, ...databaseHandles] },
      ],
    },
  },
  {
    // A module's factory (its index.ts) hands the database to its repositories and services: it may name the
    // database's types, never query.
    files: ['src/modules/*/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'kysely', message: KYSELY_MESSAGE, allowTypeImports: true }],
          patterns: [
            { group: ['kysely/*'], message: KYSELY_MESSAGE },
            { group: ['**/db/copy.ts'], message: KYSELY_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    // Views and presenters (issue #15, item 5): props in, markup or JSON out. They may name a service's or a
    // repository's types, never call one: the handler calls the service and hands the view its result.
    files: ['src/modules/**/*.views.tsx', 'src/modules/**/*.presenters.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...kyselyImports,
          patterns: [
            ...kyselyImports.patterns,
            ...databaseHandles,
            {
              group: ['**/*.service.ts', '**/*.repository.ts', '**/*.routes.tsx'],
              allowTypeImports: true,
              message: 'A view or presenter takes what the handler gives it: types only from services.',
            },
          ],
        },
      ],
    },
  },
  {
    // The composition root opens the database (db/connect.ts) and hands it to the modules; Kysely stays out.
    files: ['src/deps.ts', 'src/app.tsx', 'src/cli.ts', 'src/server.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', kyselyImports] },
  },
  {
    files: ['src/core/**', 'src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'core/ and db/ import nothing from modules/.' }] },
      ],
    },
  },
);
