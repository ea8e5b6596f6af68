import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The browser door serves this build from `dpo serve`; relative asset paths keep it independent of the mount point.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${import.meta.dirname}/../out/web`,
    emptyOutDir: true,
    // One offline bundle for a desktop-class app; the default 500 kB warning is meant for websites.
    chunkSizeWarningLimit: 2000,
  },
});
