import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileStore, removeLeftoverUploads, UPLOAD_LIMITS } from '../../db/import/files';
import type { ProgressEvent } from '../../shared/contract';
import { ok, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(() => t?.close());

describe('long jobs', () => {
  it('run one at a time: the others wait in line, told their place, and a waiting one can be cancelled', async () => {
    t = testCore();
    await ok(t.core, 'demo:load', {});
    const events: ProgressEvent[] = [];
    t.core.onProgress((e) => events.push(e));
    const run = (jobId: string) =>
      t.core.dispatch('export:run', {
        format: 'xlsx',
        target: { path: join(t.dir, `${jobId}.xlsx`) },
        jobId,
      });
    const first = run('first-job');
    const second = run('second-job');
    const third = run('third-job');
    await new Promise((r) => setImmediate(r));
    expect((await ok(t.core, 'export:cancel', { jobId: 'third-job' })).cancelled).toBe(true);
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(a.ok && b.ok).toBe(true);
    expect(!c.ok && c.error.code).toBe('CANCELLED');
    const waited = events.filter((e) => e.jobId === 'second-job' && e.message?.startsWith('waiting'));
    expect(waited.map((e) => e.message)).toContain('waiting: 1 job ahead');
    expect(events.some((e) => e.jobId === 'third-job' && e.message === 'waiting: 2 jobs ahead')).toBe(true);
    expect(existsSync(join(t.dir, 'third-job.xlsx'))).toBe(false);
  });
});

describe('uploads', () => {
  it('are capped in number, and what a killed process left behind is removed on start', async () => {
    const leftover = join(tmpdir(), 'dpo-uploads-999999-abcdef');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(join(leftover, 'list'), 'a colleague’s vendor list');
    expect(removeLeftoverUploads()).toContain('dpo-uploads-999999-abcdef');
    expect(existsSync(leftover)).toBe(false);

    const files = createFileStore();
    try {
      for (let i = 0; i < UPLOAD_LIMITS.files; i++) await files.saveUpload(Readable.from(['x']), `f${i}.csv`);
      await expect(files.saveUpload(Readable.from(['x']), 'one-too-many.csv')).rejects.toThrowError(
        /20 uploaded files are waiting already/,
      );
    } finally {
      files.close();
    }
  });
});

describe('progress listeners', () => {
  it('any number of open pages may listen without a leak warning', async () => {
    t = testCore();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const offs = Array.from({ length: 25 }, () => t.core.onProgress(() => undefined));
      await new Promise((r) => setImmediate(r));
      offs.forEach((off) => off());
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
