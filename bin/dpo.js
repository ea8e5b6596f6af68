#!/usr/bin/env node
// The `dpo` command: the build in out/cli (`npm install` makes it; `npm run build:cli` makes it again after a
// change to the sources). In a checkout where it was never built, the TypeScript sources run through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/main.js', import.meta.url);
let main;
if (existsSync(built)) {
  ({ main } = await import(built.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv);
