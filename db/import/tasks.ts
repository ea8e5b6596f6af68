import Database from 'better-sqlite3';
import type { ImportRegister, ImportRequestParsed } from '../../shared/import/types';
import { openDatabase, type Db } from '../open';
import { inspectFile } from './inspect';
import type { JobContext } from './job-context';
import { runImport } from './run-import';
import type { ExportRequestParsed } from '../../shared/export';
import { takeSnapshot } from '../backups';
import { undoImport } from './undo';

/** One unit of import work, as plain data so it can cross to a worker thread. */
export type ImportTask =
  | {
      kind: 'inspect';
      path: string;
      fileName: string;
      register: ImportRegister;
      sheet: string | null;
      headerRow: number | null;
      preset: Record<string, string | null> | null;
      /** Read the header and this many data rows only (see InspectInputSchema). */
      sampleRows?: number | null;
    }
  | { kind: 'preview' | 'commit'; path: string; fileName: string; request: ImportRequestParsed }
  | { kind: 'undo'; importId: string }
  | { kind: 'subprocessor-list'; path: string; fileName: string; sheet: string | null }
  | { kind: 'export'; path: string; request: ExportRequestParsed }
  | { kind: 'roundtrip-preview'; path: string; fileName: string; archiveMissing: boolean }
  | { kind: 'roundtrip-commit'; path: string; fileName: string; archiveMissing: boolean };

export interface TaskEnv {
  actor: string;
  /** ISO time the job started: the moment its audit entries carry. */
  now: string;
}

/** Where a task gets its database: a path (a worker opens its own connection) or the caller's connection. */
export type DbAccess = { path: string } | { db: Db };

function openFor(access: DbAccess, write: boolean): { db: Db; close: () => void } {
  if ('db' in access) return { db: access.db, close: () => undefined };
  if (write) {
    // openDatabase sets WAL, foreign keys and the busy timeout, and refuses a file from a newer version.
    const { db } = openDatabase(access.path);
    // A job's own connection writes one long transaction touching every index of the register. Its page cache
    // trades memory for CPU: measured on 100,000 rows (bench/cli.bench.ts), 64 MiB keeps the process above 400 MB,
    // 16 MiB costs some 10% more CPU re-reading index pages, 32 MiB stays under 400 MB within a few per cent of
    // the CPU.
    db.pragma('cache_size = -32768');
    return { db, close: () => db.close() };
  }
  const db = new Database(access.path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return { db, close: () => db.close() };
}

/**
 * Runs one import task. The same function runs in the worker thread (each job with its own connection to
 * the database file, so the serving thread keeps reading through WAL) and inline (an in-memory database,
 * which another connection cannot open).
 */
export async function runTask(
  task: ImportTask,
  env: TaskEnv,
  access: DbAccess,
  job: JobContext,
): Promise<unknown> {
  if (task.kind === 'inspect') {
    return inspectFile(
      {
        path: task.path,
        fileName: task.fileName,
        register: task.register,
        sheet: task.sheet,
        headerRow: task.headerRow,
        preset: task.preset,
        sampleRows: task.sampleRows ?? null,
      },
      job,
    );
  }
  if (task.kind === 'subprocessor-list') {
    const { readSubprocessorList } = await import('./read-list');
    return readSubprocessorList({ path: task.path, fileName: task.fileName, sheet: task.sheet }, job);
  }
  const { db, close } = openFor(
    access,
    task.kind !== 'preview' && task.kind !== 'export' && task.kind !== 'roundtrip-preview',
  );
  try {
    const now = new Date(env.now);
    // A checked snapshot before anything an import writes (or an undo, or a workbook's round trip).
    if (
      (task.kind === 'commit' || task.kind === 'undo' || task.kind === 'roundtrip-commit') &&
      db.name !== ':memory:'
    ) {
      takeSnapshot(db, db.name, 'before-import', now);
    }
    // Loaded when first needed: an import worker never carries the export's code (or its heap) at all.
    if (task.kind === 'export') {
      const { runExport } = await import('../export/run-export');
      return await runExport(db, { request: task.request, path: task.path, actor: env.actor, now }, job);
    }
    if (task.kind === 'roundtrip-preview' || task.kind === 'roundtrip-commit') {
      const { runRoundTrip } = await import('../export/round-trip');
      const params = {
        path: task.path,
        fileName: task.fileName,
        archiveMissing: task.archiveMissing,
        actor: env.actor,
        now,
      };
      return await runRoundTrip(db, params, task.kind === 'roundtrip-commit' ? 'commit' : 'preview', job);
    }
    if (task.kind === 'undo') return undoImport(db, { importId: task.importId, actor: env.actor, now }, job);
    const params = { path: task.path, fileName: task.fileName, request: task.request, actor: env.actor, now };
    if (task.kind === 'preview') return await runImport(db, params, 'preview', job);
    return await runImport(db, params, 'commit', job);
  } finally {
    close();
  }
}

export { taskError } from './task-error';
