import { defineConfig } from 'vitest/config';

// End-to-end suites drive the built web UI in Chromium against `dpo serve`; they run one file at a time.
export default defineConfig({
  test: {
    name: 'e2e',
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.test.ts'],
    // Some journeys work out the dates they expect with the rules engine itself.
    setupFiles: ['tests/setup-core.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
