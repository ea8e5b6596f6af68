import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectFile } from '../../../db/import/inspect';
import { quietJob } from '../../../db/import/job-context';
import { smallInput } from '../../../db/import/jobs';
import type { ImportRequestParsed } from '../../../shared/import/types';
import { tempDir } from '../../helpers/core';

const { dir, cleanup } = tempDir();
afterAll(() => cleanup());

describe('where the command line runs an import', () => {
  it('judges a sampled file’s rows from the bytes the sample took', async () => {
    const path = join(dir, 'long.csv');
    writeFileSync(
      path,
      ['Vendor,Country', ...Array.from({ length: 60_000 }, (_, i) => `Vendor ${i} Ltd,Ireland`)].join('\n'),
    );
    const r = await inspectFile({ path, fileName: 'long.csv', sampleRows: 5_000 }, quietJob);
    expect(r.rowCount).toBeNull();
    // The reader reads ahead of the rows taken, so the judgement errs low: enough to know a long list.
    expect(r.rowEstimate).toBeGreaterThan(15_000);
    expect(r.rowEstimate).toBeLessThanOrEqual(60_000);
  });

  it('runs a long list in the worker even from a small file, and a short one inline', () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, 'Vendor\nAcme Ltd\n');
    const task = (expectedRows?: number) => ({
      kind: 'commit' as const,
      path,
      fileName: 'small.csv',
      request: { expectedRows } as ImportRequestParsed,
    });
    expect(smallInput(task(2))).toBe(true);
    // A narrow workbook of 100,000 rows is under 2 MB: its rows, not its bytes, decide.
    expect(smallInput(task(100_000))).toBe(false);
    expect(smallInput(task(undefined))).toBe(false);
  });
});
