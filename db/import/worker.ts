// The import worker thread. It waits for jobs from jobs.ts and runs one at a time, each with its own database
// connection; kept alive between jobs so its modules load once. Started through worker-boot.mjs from the
// sources; bundled for the desktop app as its own entry, out/main/import-worker.js.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { loadHolidayRules } from '../../shared/rules/holidays';
import { flagJob, type JobProgress } from './job-context';
import { runTask, taskError, type ImportTask, type TaskEnv } from './tasks';

/** A job for the worker. */
export interface RunMessage {
  jobId: string;
  task: ImportTask;
  env: TaskEnv;
  dbPath: string;
  /** One Int32: set to 1 by the serving thread to cancel; read between batches (works while a transaction runs). */
  cancel: SharedArrayBuffer;
}

export type WorkerMessage = { jobId: string } & (
  | { type: 'started' }
  | ({ type: 'progress' } & JobProgress)
  | { type: 'done'; value: unknown }
  | ({ type: 'error' } & ReturnType<typeof taskError>)
);

/** Progress at most ten times a second: enough for a progress bar, little work for the serving thread. */
const PROGRESS_EVERY_MS = 100;

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');

// An import is background work. On Linux a nice value belongs to the thread that sets it, so this lowers the
// worker alone and the thread serving the UI gets the CPU first when both want it (on a two-core machine the
// worker, its garbage collector and SQLite otherwise delay the serving thread by tens of milliseconds).
// Elsewhere the call would lower the whole app, so it is not made; nor at the command line, where no UI waits.
if (process.platform === 'linux' && (workerData as { lowPriority?: boolean } | null)?.lowPriority !== false) {
  try {
    setPriority(10);
  } catch {
    // Not permitted here: the import runs at normal priority.
  }
}

// The public-holiday rules, for the deadlines an import of requests computes.
const ready = loadHolidayRules();
port.on('message', (m: RunMessage) => void ready.then(() => run(m)));

async function run({ jobId, task, env, dbPath, cancel }: RunMessage): Promise<void> {
  const post = (m: WorkerMessage) => port!.postMessage(m);
  let last = 0;
  const job = flagJob(new Int32Array(cancel), (p) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    post({ jobId, type: 'progress', ...p });
  });
  post({ jobId, type: 'started' });
  try {
    const value = await runTask(task, env, { path: dbPath }, job);
    post({ jobId, type: 'done', value });
  } catch (err) {
    post({ jobId, type: 'error', ...taskError(err, task) });
  }
}
