import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressCallback, ProgressEvent } from '../../../workers/api';
import { isAbortError } from '../../matcher/bridge';

export interface JobProgress {
  done: number;
  total: number;
  message?: string;
}

export type JobOutcome = 'done' | 'cancelled' | 'failed';

export interface Job {
  running: boolean;
  progress: JobProgress | null;
  error: string | null;
  /** Runs `work` with a fresh AbortSignal; resolves with how it ended (never rejects). */
  run: (work: (signal: AbortSignal, onProgress: ProgressCallback, setProgress: (p: JobProgress) => void) => Promise<void>) => Promise<JobOutcome>;
  cancel: () => void;
  clearError: () => void;
}

/**
 * One cancellable long call of a view (matching, analysing, a matrix): progress from the worker's
 * 'work'/'stage' events, Cancel through an AbortController, and the error message if it failed.
 * Leaving the view cancels it, so the worker does not keep computing for nobody.
 */
export function useJob(): Job {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback<Job['run']>(async (work) => {
    controller.current?.abort();
    const own = new AbortController();
    controller.current = own;
    setRunning(true);
    setError(null);
    setProgress(null);
    const onProgress: ProgressCallback = (event: ProgressEvent) => {
      if (own.signal.aborted) return;
      if (event.status === 'work') setProgress((p) => ({ ...p, done: event.done, total: event.total }));
      else if (event.status === 'stage') setProgress((p) => ({ done: p?.done ?? 0, total: p?.total ?? 0, message: event.message }));
    };
    try {
      await work(own.signal, onProgress, (p) => !own.signal.aborted && setProgress(p));
      return own.signal.aborted ? 'cancelled' : 'done';
    } catch (caught) {
      if (isAbortError(caught) || own.signal.aborted) return 'cancelled';
      setError(caught instanceof Error ? caught.message : String(caught));
      return 'failed';
    } finally {
      if (controller.current === own) {
        controller.current = null;
        setRunning(false);
        setProgress(null);
      }
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const clearError = useCallback(() => setError(null), []);
  return { running, progress, error, run, cancel, clearError };
}
