// @ts-check
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * Files outside repositories and src/db/ that import Kysely (or the database's handle, table types or COPY
 * helper) today. THIS LIST IS TO BE EMPTIED, not added to: move each file's queries into its module's
 * `<x>.repository.ts` (or, for core/, into the database layer) and delete its line. 47 files when the rule
 * was added (issue #15).
 */
const KYSELY_ALLOWED_FOR_NOW = [
  'src/core/audit.ts',
  'src/core/data-version.ts',
  'src/core/tx.ts',
  'src/modules/accounts/accounts.service.ts',
  'src/modules/areas/areas.service.ts',
  'src/modules/audit/audit.service.ts',
  'src/modules/backup/backup.service.ts',
  'src/modules/community/bodies.service.ts',
  'src/modules/community/land.service.ts',
  'src/modules/community/registers.service.ts',
  'src/modules/community/reminders.service.ts',
  'src/modules/community/requests.service.ts',
  'src/modules/community/visibility.ts',
  'src/modules/datasets/datasets.ts',
  'src/modules/deadlines/deadlines.service.ts',
  'src/modules/demo/demo.case-studies.ts',
  'src/modules/demo/demo.community.ts',
  'src/modules/demo/demo.plans.ts',
  'src/modules/demo/demo.recommendations.ts',
  'src/modules/demo/demo.self-evaluation.ts',
  'src/modules/demo/demo.support.ts',
  'src/modules/imports/boundaries.importer.ts',
  'src/modules/imports/cpop-communities.importer.ts',
  'src/modules/imports/cpop-inequality.importer.ts',
  'src/modules/imports/cpop.importer.ts',
  'src/modules/imports/family-groups.importer.ts',
  'src/modules/imports/geography.importer.ts',
  'src/modules/imports/imports.service.ts',
  'src/modules/imports/lgbf.importer.ts',
  'src/modules/imports/local-data.importer.ts',
  'src/modules/imports/npf.importer.ts',
  'src/modules/imports/observations-writer.ts',
  'src/modules/imports/population.importer.ts',
  'src/modules/imports/simd.importer.ts',
  'src/modules/improvement/case-studies.service.ts',
  'src/modules/improvement/fields.ts',
  'src/modules/improvement/national-view.service.ts',
  'src/modules/improvement/recommendations.service.ts',
  'src/modules/improvement/self-evaluation.service.ts',
  'src/modules/improvement/support.service.ts',
  'src/modules/outcomes/communities.service.ts',
  'src/modules/outcomes/indicators.service.ts',
  'src/modules/outcomes/outcomes.service.ts',
  'src/modules/partnerships/partnerships.service.ts',
  'src/modules/plans/plans.service.ts',
  'src/modules/plans/reports.service.ts',
  'src/modules/plans/resources.service.ts',
];

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
    // The demo seeder still takes the whole composition root (it builds every module's services inside its
    // own transaction): the one exception to the rule above, to be removed by giving it a factory too.
    files: ['src/modules/demo/demo.seed.ts', 'src/modules/demo/demo.support.ts', 'src/modules/demo/demo.time.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.ts$)',
              message: 'Reach another module only through its index.ts.',
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
    ignores: ['**/*.repository.ts', 'src/db/**', ...KYSELY_ALLOWED_FOR_NOW],
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
