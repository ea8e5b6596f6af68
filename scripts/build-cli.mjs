// Builds the `dpo` command and its import worker into out/cli with esbuild, so the command starts without
// transpiling TypeScript at run time. Packages stay in node_modules (better-sqlite3 is native). Code a command
// loads only when it runs (the core, the readers, the web door) is split into chunks loaded on demand, so
// `dpo --help` starts without them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(new URL('../out/cli', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // jobs.ts starts the worker from import-worker.js beside the bundle that runs it.
  entryPoints: { main: 'cli/main.ts', 'import-worker': 'db/import/worker.ts' },
  outdir: 'out/cli',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // commander is CommonJS: its require() of Node's own modules needs a require in an ES module.
  banner: {
    js: "import { createRequire as __dpoRequire } from 'node:module'; const require = __dpoRequire(import.meta.url);",
  },
  plugins: [
    {
      // Packages stay in node_modules, but for three: JSON data (country names), which Node 20 would load only
      // with an import attribute, and zod and commander, read at every start: one bundled file loads faster than
      // their hundreds of modules.
      name: 'packages-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.endsWith('.json') ||
          args.kind === 'entry-point' ||
          /^(zod|commander)(\/|$)/.test(args.path)
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
});
