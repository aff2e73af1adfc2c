import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const domainSrc = fileURLToPath(new URL('./packages/domain/src/index.ts', import.meta.url));

// One runner for the whole workspace: pure rules, the API through GraphQL on real PostgreSQL,
// the web app's components, and the cross-app tests (contract, browser).
export default defineConfig({
  test: {
    reporters: ['default'],
    // Two test files at a time even on a two-core machine (vitest's default there is one): an API
    // file spends much of its time waiting on PostgreSQL, a second server or a timer, so two overlap
    // well (the API suite: 14 m 47 s with one, 8 m 18 s with two, on this machine; README "Tests").
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      'apps/web/vitest.config.ts',
      {
        test: { name: 'domain', include: ['packages/domain/src/**/*.test.ts'] },
      },
      {
        // The arrows of eslint.config.js, proved on files placed where a wrong import would live.
        // Each case lints real files with ESLint; its first pays ESLint's start-up, seconds on a loaded machine.
        test: { name: 'architecture', include: ['test/architecture/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        // swc emits the decorator metadata type-graphql and MikroORM need (esbuild does not).
        plugins: [swc.vite({ jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } } })],
        esbuild: false,
        resolve: {
          alias: [
            { find: '@baton/domain', replacement: domainSrc },
            // One graphql for everyone: Node loads it as CommonJS for type-graphql and Apollo, so
            // tests must too (vite would pick its .mjs build: "another module or realm").
            { find: /^graphql$/, replacement: 'graphql/index.js' },
          ],
        },
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.test.ts', 'test/api/**/*.test.ts'],
          setupFiles: ['test/support/setup-api.ts'],
          globalSetup: ['test/support/global-database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
