import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent } from '../../../shared/contract';
import { invoke, onProgress } from '../api/client';

/** What the page shows while a long import step runs. */
export interface RunningJob {
  jobId: string;
  /** What the user is waiting for, in their words ("Reading the file", "Importing"). */
  label: string;
  progress: ProgressEvent | null;
}

/**
 * Runs one long import step at a time with a fresh job id, follows its `job:progress` events, and cancels it
 * on request (the core rolls the step back and answers CANCELLED).
 */
export function useImportJob() {
  const [job, setJob] = useState<RunningJob | null>(null);
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      onProgress((event) => {
        if (event.jobId !== current.current) return;
        setJob((j) => (j && j.jobId === event.jobId ? { ...j, progress: event } : j));
      }),
    [],
  );

  const run = useCallback(async <T>(label: string, step: (jobId: string) => Promise<T>): Promise<T> => {
    const jobId = crypto.randomUUID();
    current.current = jobId;
    setJob({ jobId, label, progress: null });
    try {
      return await step(jobId);
    } finally {
      current.current = null;
      setJob(null);
    }
  }, []);

  const cancel = useCallback(async () => {
    const jobId = current.current;
    if (jobId) await invoke('import:cancel', { jobId });
  }, []);

  return { job, run, cancel };
}
