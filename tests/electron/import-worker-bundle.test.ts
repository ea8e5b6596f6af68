import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktopBundles } from './helpers/build-bundles';
import { writeCsv } from '../db/import/fixtures';
import { openCore } from '../../db/core';
import { ExportRequestSchema } from '../../shared/export';

// The desktop app runs imports in a worker thread started from its own bundled file. This builds the main
// bundle with the project's electron.vite.config.ts and runs that file's worker under Node, as Electron would.
let out: string;

beforeAll(async () => {
  out = await buildDesktopBundles(['main'], 'import-worker-bundle-');
}, 120_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the bundled import worker', () => {
  it('is emitted beside the main bundle, which looks for it there', () => {
    expect(readFileSync(join(out, 'main', 'index.js'), 'utf8')).toContain('./import-worker.js');
    expect(readFileSync(join(out, 'main', 'import-worker.js'), 'utf8')).toMatch(/parentPort/);
  });

  it('runs an import job from the bundle', async () => {
    const csv = join(out, 'list.csv');
    writeCsv(
      csv,
      [
        ['Vendor', 'Country'],
        ['Acme', 'Germany'],
      ],
      { delimiter: ';', bom: true },
    );
    const worker = new Worker(join(out, 'main', 'import-worker.js'));
    const done = new Promise<{ type: string; value?: { rowCount: number; columns: { field: string }[] } }>(
      (resolve, reject) => {
        worker.on('message', (m: { type: string }) => {
          if (m.type === 'done' || m.type === 'error') resolve(m);
        });
        worker.on('error', reject);
      },
    );
    worker.postMessage({
      jobId: 'bundle-test',
      task: { kind: 'inspect', path: csv, fileName: 'list.csv', sheet: null, headerRow: null, preset: null },
      env: { actor: 'test', now: new Date().toISOString() },
      dbPath: join(out, 'unused.sqlite'),
      cancel: new SharedArrayBuffer(4),
    });
    const message = await done;
    await worker.terminate();
    expect(message.type).toBe('done');
    expect(message.value?.rowCount).toBe(1);
    expect(message.value?.columns.map((c) => c.field)).toEqual(['name', 'processingCountries']);
  });

  it('runs an export job from the bundle: the workbook and the PDF report with its shipped fonts', async () => {
    const dbPath = join(out, 'export.sqlite');
    const core = openCore({ dbPath, door: 'cli', actor: 'test' });
    await core.dispatch('demo:load', {});
    core.close();
    const worker = new Worker(join(out, 'main', 'import-worker.js'));
    const run = (jobId: string, file: string, format: 'xlsx' | 'pdf') => {
      const done = new Promise<{ type: string; value?: { bytes: number }; error?: unknown }>(
        (resolve, reject) => {
          const onMessage = (m: { type: string; jobId: string }) => {
            if (m.jobId !== jobId || (m.type !== 'done' && m.type !== 'error')) return;
            worker.off('message', onMessage);
            resolve(m);
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
        },
      );
      worker.postMessage({
        jobId,
        task: {
          kind: 'export',
          path: file,
          request: ExportRequestSchema.parse({ format, target: { path: file } }),
        },
        env: { actor: 'test', now: new Date().toISOString() },
        dbPath,
        cancel: new SharedArrayBuffer(4),
      });
      return done;
    };
    const xlsx = await run('bundle-xlsx', join(out, 'registers.xlsx'), 'xlsx');
    const pdf = await run('bundle-pdf', join(out, 'report.pdf'), 'pdf');
    await worker.terminate();
    expect(xlsx).toMatchObject({ type: 'done' });
    expect(pdf).toMatchObject({ type: 'done' });
    expect(readFileSync(join(out, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
