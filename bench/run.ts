// `npm run bench`: runs every bench/*.bench.ts and prints one JSON object. Goals are reported, never asserted.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

import { loadHolidayRules } from '../shared/rules/holidays';

await loadHolidayRules();

type BenchModule = { run: () => Promise<Record<string, unknown>> };

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
const results: Record<string, unknown> = {
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  at: new Date().toISOString(),
};
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as BenchModule;
  process.stderr.write(`bench: ${f}\n`);
  results[f.replace(/\.bench\.ts$/, '')] = await mod.run();
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
