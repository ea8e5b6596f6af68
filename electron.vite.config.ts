import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cspHtmlPlugin } from './electron/build/csp-html';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      // package.json is "type": "module", so the main bundle is ESM (out/main/index.js, the package "main").
      // Dependencies (better-sqlite3 and its native binary, zod…) stay external and load from node_modules.
      // i18n-iso-countries is external by its exact name only: shared/ also imports its langs/*.json files,
      // which Node's ESM loader refuses without an import attribute, so those few are bundled.
      externalizeDeps: { exclude: ['i18n-iso-countries'] },
      rolldownOptions: {
        // The import worker is an entry of its own: a worker thread starts from a file, so it cannot live inside
        // index.js. db/import/jobs.ts looks for import-worker.js beside the chunk that starts it.
        input: { index: here('./electron/main/index.ts'), 'import-worker': here('./db/import/worker.ts') },
        external: ['i18n-iso-countries'],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot load ES modules or require anything but a few Electron modules, so it is
      // one self-contained CommonJS file; .cjs because the package is "type": "module".
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: here('./renderer'),
    plugins: [react(), cspHtmlPlugin()],
    build: {
      rolldownOptions: { input: { index: here('./renderer/index.html') } },
    },
  },
});
