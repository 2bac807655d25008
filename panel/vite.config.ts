import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The door panel (served by the hub at /panel/) and its element-test harness: a build of
 * its own. The office web app is another build (vite.app.config.ts, into panel/dist-app),
 * so nothing the app adds or changes can reach the panel's bytes (issue 9: the panel's
 * bundle must not grow from the app; a shared chunk once made it grow).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/panel/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        harness: resolve(import.meta.dirname, 'harness.html'),
      },
    },
  },
});
