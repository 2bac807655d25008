import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const HARNESS = resolve(import.meta.dirname, 'src/harness.ts');

// The door panel (served by the hub at /panel/) and the office web app (served at /, its
// assets under /panel/assets/): one Lit build. The app's pages are lazy chunks of their own.
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
        app: resolve(import.meta.dirname, 'app.html'),
      },
      output: {
        // The panel's shared code (Lit, its elements, its words: everything the element
        // harness reaches) stays one chunk, as before the app: the app loads that chunk too
        // rather than splitting it, so the panel's JavaScript does not grow by the app.
        manualChunks(id, { getModuleInfo }) {
          if (id === HARNESS) return undefined;
          // Vite's modulepreload polyfill, inlined in the panel's entry before: with the panel's code.
          if (id.includes('modulepreload-polyfill')) return 'room-status';
          const seen = new Set<string>();
          const fromHarness = (m: string): boolean => {
            if (seen.has(m)) return false;
            seen.add(m);
            return (getModuleInfo(m)?.importers ?? []).some((i) => i === HARNESS || fromHarness(i));
          };
          return fromHarness(id) ? 'room-status' : undefined;
        },
      },
    },
  },
});
