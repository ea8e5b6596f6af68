import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProgressEvent } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Db } from '../open';
import { cancelledError, flagJob, type JobProgress } from './job-context';
import { taskError } from './task-error';
import type { ImportTask, TaskEnv } from './tasks';
import type { RunMessage, WorkerMessage } from './worker';

/** Where the worker's code is and how Node must start it. */
export interface WorkerEntry {
  url: URL;
  execArgv: string[];
}

/**
 * The worker entry for the way this code runs. From the TypeScript sources (tests, the `dpo` command, the
 * web door) it is worker-boot.mjs, which registers tsx's loader in the new thread (a worker does not inherit
 * its parent's loader hooks) and imports worker.ts. From the desktop bundle it is import-worker.js, which
 * electron-vite emits as its own entry beside the main bundle (electron.vite.config.ts).
 */
export function defaultWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (/\.ts$/.test(here)) return { url: new URL('./worker-boot.mjs', here), execArgv: [] };
  const beside = new URL('./import-worker.js', here);
  const above = new URL('../import-worker.js', here);
  return { url: existsSync(fileURLToPath(beside)) ? beside : above, execArgv: [] };
}

export interface JobRunnerOptions {
  /** The database file workers open; ':memory:' runs jobs inline on `db`. */
  dbPath: string;
  db: Db;
  /**
   * 'worker' (default for files) keeps the serving thread free; 'inline' runs on the caller's thread; 'auto' runs
   * a task on a small file inline and the rest in a worker (see AUTO_INLINE_BYTES).
   */
  mode?: 'worker' | 'inline' | 'auto';
  worker?: WorkerEntry;
  /**
   * Lower the worker's priority (Linux): where a UI thread shares the machine (the desktop, the web door), not
   * at the command line, where the import is the work asked for.
   */
  lowPriority?: boolean;
  onProgress(event: ProgressEvent): void;
  /** Where unforeseen failures are logged (never shown to the user). */
  onUnexpected?(kind: string, detail: string): void;
}

interface Running {
  kind: ImportTask['kind'];
  cancel(): void;
}

/** The rows a finished job handled, for its last progress event. */
function finalRows(value: unknown): number {
  const v = value as {
    sheets?: Record<string, number> | { rows: number }[];
    rows?: number;
    rowCount?: number;
    counts?: { rows: number };
    removed?: number;
    reverted?: number;
  };
  if (Array.isArray(v.sheets)) return v.sheets.reduce((n, s) => n + s.rows, 0);
  if (v.sheets) return Object.values(v.sheets).reduce((n, r) => n + r, 0);
  return v.rows ?? v.rowCount ?? v.counts?.rows ?? (v.removed ?? 0) + (v.reverted ?? 0);
}

/** How long a cancelled worker gets to roll back before it is stopped. */
const CANCEL_GRACE_MS = 10_000;
/**
 * The worker's heap limit. A streaming import keeps little alive (100,000 rows need under 100 MB), but V8
 * grows a heap far past what is alive when nothing stops it; the limit makes it collect instead, which keeps
 * the whole process under its memory goal. A file that truly needs more ends with a clear error.
 */
const WORKER_HEAP_MB = 256;
/**
 * The worker's young generation, where the short-lived objects of each row are made. Capped at 16 MB, a
 * 100,000-row workbook with a link on every row peaks ~25 MB lower (390–392 → 368 MB, whole process), and the
 * 100,000-row CSV 10–20 MB lower, for a few per cent more collecting (within the noise of paired runs).
 */
const WORKER_YOUNG_MB = 16;
/**
 * Below this size a file is read on the caller's thread in 'auto' mode (the command line): starting a worker loads
 * the readers and the core a second time, about 0.4 s of CPU, as much as the whole import of a short list, and a
 * small file cannot take the process's memory near its goal. Above it the worker's heap limit keeps the memory
 * bounded, whatever the file's length. 3 MB is some 16,000 rows of a twelve-column CSV, or some 38,000 of an xlsx.
 */
const AUTO_INLINE_BYTES = 3 * 2 ** 20;
/**
 * An import of more rows than this runs in the worker whatever the file's size: a narrow workbook of 100,000
 * rows is under 2 MB compressed, and read inline, with no heap limit, it took the process to some 470 MB.
 */
const AUTO_INLINE_ROWS = 15_000;

/** Whether a task runs inline in 'auto' mode: a file to read, a small one, and a short list (when it is known). */
export function smallInput(task: ImportTask): boolean {
  if (task.kind === 'undo' || task.kind === 'export') return false;
  if (task.kind === 'preview' || task.kind === 'commit') {
    const rows = task.request.expectedRows;
    if (rows === undefined || rows > AUTO_INLINE_ROWS) return false;
  }
  try {
    return statSync(task.path).size < AUTO_INLINE_BYTES;
  } catch {
    return false;
  }
}

/** How long an idle worker is kept for the next job. */
const IDLE_MS = 60_000;

/**
 * Runs import jobs off the serving thread: each in a worker thread with its own connection, reporting
 * progress as `job:progress` events and cancellable through a shared flag it checks between batches (a
 * cancelled commit rolls back: nothing is left behind). One job runs at a time; the others wait in line.
 */
export function createJobRunner(options: JobRunnerOptions) {
  // A worker cannot open an in-memory database: its jobs always run inline.
  const mode = options.dbPath === ':memory:' ? 'inline' : (options.mode ?? 'worker');
  const entry = options.worker ?? defaultWorkerEntry();
  const running = new Map<string, Running>();
  const workers = new Set<Worker>();

  /** The event's kind names the work: `import:commit`, `export:run`, `roundtrip:preview`. */
  const kindName = (kind: ImportTask['kind']) =>
    kind === 'export'
      ? 'export:run'
      : kind.startsWith('roundtrip-')
        ? kind.replace('-', ':')
        : `import:${kind}`;
  const emit = (jobId: string, kind: ImportTask['kind'], p: JobProgress) =>
    options.onProgress({
      jobId,
      kind: kindName(kind),
      done: p.rows,
      total: p.total,
      percent: Math.max(0, Math.min(100, Math.round(p.percent * 10) / 10)),
      ...(p.message ? { message: p.message } : {}),
    });

  /** Idle workers, kept a while so the next job does not load the modules again. */
  const idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];

  function acquire(): Worker {
    const kept = idle.pop();
    if (kept) {
      clearTimeout(kept.timer);
      kept.worker.ref();
      return kept.worker;
    }
    const worker = new Worker(entry.url, {
      execArgv: entry.execArgv,
      workerData: { lowPriority: options.lowPriority ?? true },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    workers.add(worker);
    worker.on('exit', () => {
      workers.delete(worker);
      const i = idle.findIndex((k) => k.worker === worker);
      if (i >= 0) idle.splice(i, 1);
    });
    return worker;
  }

  function release(worker: Worker): void {
    // An idle worker must not keep the process alive (the CLI exits when its command is done).
    worker.unref();
    const timer = setTimeout(() => {
      const i = idle.findIndex((k) => k.worker === worker);
      if (i >= 0) idle.splice(i, 1);
      void worker.terminate();
    }, IDLE_MS);
    timer.unref();
    idle.push({ worker, timer });
  }

  function inWorker(jobId: string, task: ImportTask, env: TaskEnv): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const cancel = new SharedArrayBuffer(4);
      const worker = acquire();
      let started = false;
      let settled = false;
      let killTimer: NodeJS.Timeout | null = null;
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (killTimer) clearTimeout(killTimer);
      };
      const settle = (fn: () => void, reusable: boolean) => {
        if (settled) return;
        settled = true;
        cleanup();
        if (reusable) release(worker);
        fn();
      };
      const onMessage = (m: WorkerMessage) => {
        if (m.jobId !== jobId) return;
        if (m.type === 'started') started = true;
        else if (m.type === 'progress') emit(jobId, task.kind, m);
        else if (m.type === 'done') settle(() => resolve(m.value), true);
        else {
          if (m.unexpected) options.onUnexpected?.(`import:${task.kind}`, m.unexpected);
          settle(() => reject(new AppError(m.error.code, m.error.message, m.error.details)), true);
        }
      };
      const onError = (err: Error) => {
        if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          const message = `The import needs more memory than it may use (${WORKER_HEAP_MB} MB). Nothing was written. Split the list into smaller files and import them one by one.`;
          settle(() => reject(new AppError('VALIDATION', message, { problem: 'too-large' })), false);
          return;
        }
        options.onUnexpected?.(`import:${task.kind}`, err.stack ?? err.message);
        // Thrown out of the job's own error handling (inside a parser's callback): once the job had started
        // it is the file, reported as such; before that, the worker itself could not start.
        const { error } = started
          ? taskError(err, task)
          : {
              error: {
                code: 'INTERNAL' as const,
                message: 'The import could not start. Nothing was written.',
                details: undefined,
              },
            };
        settle(() => reject(new AppError(error.code, error.message, error.details)), false);
      };
      const onExit = (code: number) => {
        if (Atomics.load(new Int32Array(cancel), 0) === 1) settle(() => reject(cancelledError()), false);
        settle(
          () =>
            reject(
              new AppError(
                'INTERNAL',
                `The import stopped unexpectedly (exit code ${code}). Nothing was written.`,
              ),
            ),
          false,
        );
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      running.set(jobId, {
        kind: task.kind,
        cancel() {
          Atomics.store(new Int32Array(cancel), 0, 1);
          // A worker stuck inside a parser never reaches its next check: stop it. Its connection closes with
          // the thread, and SQLite rolls back the transaction it had open.
          killTimer = setTimeout(() => void worker.terminate(), CANCEL_GRACE_MS);
          killTimer.unref();
        },
      });
      const message: RunMessage = { jobId, task, env, dbPath: options.dbPath, cancel };
      worker.postMessage(message);
    });
  }

  async function inline(jobId: string, task: ImportTask, env: TaskEnv): Promise<unknown> {
    const flag = { cancelled: false };
    running.set(jobId, { kind: task.kind, cancel: () => (flag.cancelled = true) });
    const job = flagJob(flag, (p) => emit(jobId, task.kind, p));
    try {
      // Loaded when first needed: the serving thread of a worker-mode core never carries the readers' code.
      const { runTask } = await import('./tasks');
      return await runTask(task, env, { db: options.db }, job);
    } catch (err) {
      const { error, unexpected } = taskError(err, task);
      if (unexpected) options.onUnexpected?.(`import:${task.kind}`, unexpected);
      throw new AppError(error.code, error.message, error.details);
    }
  }

  /**
   * One job runs at a time; the others wait their turn in order, each told its place in the line (a progress
   * event with a message), so a burst of uploads or exports cannot run side by side and exhaust memory.
   */
  const waiting: { jobId: string; kind: ImportTask['kind']; start: () => void; cancel: () => void }[] = [];
  let busy = false;
  const tellPlaces = () =>
    waiting.forEach((w, i) =>
      emit(w.jobId, w.kind, {
        rows: 0,
        total: null,
        percent: 0,
        message: `waiting: ${i + 1} ${i === 0 ? 'job' : 'jobs'} ahead`,
      }),
    );
  function turn(jobId: string, kind: ImportTask['kind']): Promise<void> {
    if (!busy) {
      busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      waiting.push({ jobId, kind, start: resolve, cancel: () => reject(cancelledError()) });
      tellPlaces();
    });
  }
  function next(): void {
    const w = waiting.shift();
    if (!w) {
      busy = false;
      return;
    }
    tellPlaces();
    w.start();
  }

  return {
    /** True while a job that writes (commit, undo) runs: other writes wait for it to finish. */
    isWriting(): boolean {
      return [...running.values()].some(
        (r) => r.kind === 'commit' || r.kind === 'undo' || r.kind === 'roundtrip-commit',
      );
    },

    /** Runs a task as job `jobId` (a fresh id when absent) and resolves with its result. */
    async run(task: ImportTask, env: TaskEnv, jobId: string = randomUUID()): Promise<unknown> {
      if (running.has(jobId)) throw new AppError('CONFLICT', `A job with id ${jobId} is already running.`);
      // A first and a last event, so a progress bar appears at once and completes even for a short job.
      const expected =
        (task.kind === 'preview' || task.kind === 'commit') && !task.request.rowsEstimated
          ? (task.request.expectedRows ?? null)
          : null;
      emit(jobId, task.kind, { rows: 0, total: expected, percent: 0 });
      await turn(jobId, task.kind);
      try {
        const here = mode === 'inline' || (mode === 'auto' && smallInput(task));
        const value = await (here ? inline(jobId, task, env) : inWorker(jobId, task, env));
        emit(jobId, task.kind, {
          rows: finalRows(value),
          total: finalRows(value),
          percent: 100,
          message: 'done',
        });
        return value;
      } finally {
        running.delete(jobId);
        next();
      }
    },

    /** Asks a running job to stop; it ends with CANCELLED and leaves nothing behind. False when no such job runs. */
    cancel(jobId: string): boolean {
      const queued = waiting.findIndex((w) => w.jobId === jobId);
      if (queued >= 0) {
        const [w] = waiting.splice(queued, 1);
        w!.cancel();
        tellPlaces();
        return true;
      }
      const job = running.get(jobId);
      if (!job) return false;
      job.cancel();
      return true;
    },

    /** Stops every worker (the core is closing); their transactions roll back. */
    async close(): Promise<void> {
      for (const r of running.values()) r.cancel();
      for (const k of idle.splice(0)) clearTimeout(k.timer);
      await Promise.all([...workers].map((w) => w.terminate()));
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
