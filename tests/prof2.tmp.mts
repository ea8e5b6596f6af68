import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openCore } from '/work/main/db/core';
import { activities, transfers, vendors } from '/work/main/shared/registers/index';
const dbPath = '/tmp/act100k.sqlite';
const fresh = !existsSync(dbPath);
let core = openCore({ dbPath, door: 'cli', actor: 'b' });
if (fresh) {
  const ctx = { actor: 'b', now: () => new Date() };
  core.registers.settings.update({ organisation: { name: 'B', country: 'NO' } }, ctx);
  const C = ['DE', 'FR', 'US', 'IN', 'GB', 'JP', 'BR', 'IE', 'CA', 'SG'];
  core.db.transaction(() => {
    for (let i = 0; i < 2000; i++) {
      core.registers.repoOf('vendors').insertOne(vendors.schemas.input.parse({ name: `V ${i}`, processingCountries: [C[i % 10], C[(i * 3) % 10]] }), ctx);
      if (i % 4 === 0) core.registers.repoOf('transfers').insertOne(transfers.schemas.input.parse({ importer: i + 1, destinationCountry: 'US', mechanism: 'scc-2021', sccModule: 2, tia: 'done' }), ctx);
    }
    for (let i = 0; i < 100000; i++) core.registers.repoOf('activities').insertOne(activities.schemas.input.parse({ name: `A ${i}`, purposes: ['p'], vendors: [1 + (i % 2000), 1 + ((i * 7) % 2000), 1 + ((i * 13) % 2000)] }), ctx);
  })();
  core.close();
  core = openCore({ dbPath, door: 'cli', actor: 'b' });
}
const time = async (label: string, f: () => unknown, n = 100) => {
  for (let i = 0; i < 10; i++) await f();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f();
  console.log(label, ((performance.now() - t0) / n).toFixed(2), 'ms');
};
await time('activities page', () => core.dispatch('activities:list', { limit: 100 }));
await time('activities page, 20 rows', () => core.dispatch('activities:list', { limit: 20 }));
await time('vendors page', () => core.dispatch('vendors:list', { limit: 100 }));
const ctx = { now: () => new Date() };
const repo = core.registers.repoOf('vendors');
const ids = Array.from({ length: 300 }, (_, j) => 1 + ((j * 7) % 2000));
await time('300 vendors depth 1', () => repo.recordsByIds(ids, ctx, 1));
await time('300 vendor rows', () => repo.storedByIds(ids));
await time('count activities', () => core.db.prepare('select count(*) from activities indexed by activities_active where archived_at is null').get());
core.close();
