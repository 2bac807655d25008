import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The office web app (served by the hub at /, its assets under /app/): its own build,
 * apart from the door panel's (vite.config.ts), so the two never share a chunk. The
 * app's pages are lazy chunks of their own.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist-app'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    rollupOptions: { input: { app: resolve(import.meta.dirname, 'app.html') } },
  },
});
