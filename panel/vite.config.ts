import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The door panel: static files served by the hub at /panel/.
export default defineConfig({
  root: import.meta.dirname,
  base: '/panel/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    rollupOptions: {
      input: { index: resolve(import.meta.dirname, 'index.html'), harness: resolve(import.meta.dirname, 'harness.html') },
    },
  },
});
