import { openCore } from '/work/main/db/core';
const core = openCore({ dbPath: '/tmp/act100k.sqlite', door: 'cli', actor: 'b' });
const ctx = { now: () => new Date() };
const repo = core.registers.repoOf('vendors');
const ids = Array.from({ length: 300 }, (_, j) => 1 + ((j * 7) % 2000));
for (let i = 0; i < 1500; i++) repo.recordsByIds(ids, ctx, 1);
core.close();
