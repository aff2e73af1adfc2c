import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const domainSrc = fileURLToPath(new URL('../../packages/domain/src/index.ts', import.meta.url));

// `pnpm scale-out`: the scale-out suite alone (README, "Running several instances"); not part of
// `pnpm test`. Same transforms as the API project (the suite imports the API's config and helpers).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: [swc.vite({ jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } } })],
  esbuild: false,
  resolve: {
    alias: [
      { find: '@baton/domain', replacement: domainSrc },
      { find: /^graphql$/, replacement: 'graphql/index.js' },
    ],
  },
  test: {
    name: 'scale-out',
    include: ['test/scale-out/**/*.test.ts'],
    setupFiles: ['test/support/setup-api.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
});
