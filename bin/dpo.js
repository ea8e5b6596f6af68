#!/usr/bin/env node
// The `dpo` command. Runs the TypeScript sources directly in a checkout through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv);
