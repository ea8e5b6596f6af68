import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createJobRunner } from '../../../db/import/jobs';
import { openDatabase } from '../../../db/open';
import { tempDir } from '../../helpers/core';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

describe("the job runner's auto mode (the command line)", () => {
  it('reads a small file on its own thread and hands a large one to a worker', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const dbPath = join(dir, 'auto.sqlite');
    const { db } = openDatabase(dbPath);
    cleanups.push(() => db.close());
    // A worker that cannot start shows which way a job went: inline succeeds, a worker fails.
    const runner = createJobRunner({
      dbPath,
      db,
      mode: 'auto',
      worker: { url: new URL('file:///nonexistent/import-worker.js'), execArgv: [] },
      onProgress: () => undefined,
    });
    cleanups.push(() => void runner.close());
    const small = join(dir, 'small.csv');
    writeFileSync(small, 'Name;Country\nAcme GmbH;Germany\n');
    const large = join(dir, 'large.csv');
    writeFileSync(
      large,
      'Name;Country\n' +
        Array.from({ length: 120_000 }, (_, i) => `Vendor ${i} Hosting GmbH;Germany`).join('\n'),
    );
    const env = { actor: 'tester', now: '2026-03-02T10:00:00Z' };
    const task = (path: string) => ({
      kind: 'inspect' as const,
      path,
      fileName: 'list.csv',
      register: 'vendors' as const,
      sheet: null,
      headerRow: null,
      preset: null,
    });
    await expect(runner.run(task(small), env)).resolves.toMatchObject({ headerRow: 1, rowCount: 1 });
    await expect(runner.run(task(large), env)).rejects.toThrow(/could not start/);
  });
});
