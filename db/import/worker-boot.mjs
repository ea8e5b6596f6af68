// Starts the TypeScript import worker from the sources (tests, the `dpo` command, the web door). A worker thread
// does not inherit the loader hooks its parent registered, and Node 20 ignores `--import` in a worker's
// execArgv, so the worker registers tsx's loader itself before importing worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
