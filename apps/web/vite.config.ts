import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// In development the API runs beside Vite (default :4000); the browser talks to one origin,
// so the session cookie and the WebSocket behave as in production, where the API serves dist/.
const apiUrl = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      // The domain's source, not its build: the same words and rules as the API, no build step first.
      '@baton/domain': fileURLToPath(new URL('../../packages/domain/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: apiUrl, changeOrigin: true, ws: true },
      '/healthz': { target: apiUrl, changeOrigin: true },
      // Downloads: the invoices report CSV and invoice PDFs, served by the API with the same session.
      '^/reports/[^/]+\\.csv': { target: apiUrl, changeOrigin: true },
      '^/invoices/[^/]+\\.pdf$': { target: apiUrl, changeOrigin: true },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/graphql': { target: apiUrl, changeOrigin: true, ws: true },
      '/healthz': { target: apiUrl, changeOrigin: true },
      '^/reports/[^/]+\\.csv': { target: apiUrl, changeOrigin: true },
      '^/invoices/[^/]+\\.pdf$': { target: apiUrl, changeOrigin: true },
    },
  },
});
