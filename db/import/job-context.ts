import { AppError } from '../../shared/errors';

/** What a long import job reports while it runs. */
export interface JobProgress {
  /** Rows read so far. */
  rows: number;
  /** Rows expected, when inspect counted them. */
  total: number | null;
  /** Share of the file read, 0–100, by bytes. */
  percent: number;
  message?: string;
}

/** How a job learns it was cancelled and reports progress; the worker and the inline runner both provide it. */
export interface JobContext {
  /** Throws AppError CANCELLED once the job was cancelled; called between batches of rows. */
  checkCancelled(): void;
  progress(p: JobProgress): void;
}

/** The AppError a cancelled job ends with; nothing it did is kept. */
export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'The import was cancelled; nothing was written.');
}

/** A context that never cancels and drops progress (tests, tools). */
export const quietJob: JobContext = { checkCancelled: () => undefined, progress: () => undefined };

/** A context backed by a cancel flag: a SharedArrayBuffer set from another thread, or a plain object. */
export function flagJob(
  flag: Int32Array | { cancelled: boolean },
  onProgress: (p: JobProgress) => void,
): JobContext {
  const isCancelled = () => (flag instanceof Int32Array ? Atomics.load(flag, 0) === 1 : flag.cancelled);
  return {
    checkCancelled() {
      if (isCancelled()) throw cancelledError();
    },
    progress: onProgress,
  };
}
