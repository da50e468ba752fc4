import { useCallback, useEffect, useRef, useState } from 'react';
import { loadLarge, saveLarge, deleteLarge } from '../../state/persist';
import { decodeBatch, encodeBatch, type Batch, type StoredBatch } from './batchModel';

const KEY = 'titles.batch';
/** While a long run updates the batch every chunk, it is saved at most this often. */
const SAVE_EVERY_MS = 3000;

/**
 * The batch of matched titles, kept in IndexedDB in a compact form. Saves are throttled (a run of
 * 20,000 titles changes the batch hundreds of times) and flushed when the page is hidden, so a
 * reload keeps everything matched up to the last few seconds.
 */
export function useStoredBatch(): [Batch | null, (next: Batch | null | ((prev: Batch | null) => Batch | null)) => void, boolean] {
  const [batch, setBatchState] = useState<Batch | null>(null);
  const [restored, setRestored] = useState(false);
  const latest = useRef<Batch | null>(null);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const touched = useRef(false);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (!dirty.current) return;
    dirty.current = false;
    const value = latest.current;
    void (value ? saveLarge<StoredBatch>(KEY, encodeBatch(value)) : deleteLarge(KEY));
  }, []);

  useEffect(() => {
    let alive = true;
    loadLarge<StoredBatch>(KEY).then((stored) => {
      if (!alive) return;
      if (stored?.format === 'titles-batch/1' && !touched.current) {
        const value = decodeBatch(stored);
        latest.current = value;
        setBatchState(value);
      }
      setRestored(true);
    });
    const onHide = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', flush);
    return () => {
      alive = false;
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const setBatch = useCallback(
    (next: Batch | null | ((prev: Batch | null) => Batch | null)) => {
      touched.current = true;
      const value = typeof next === 'function' ? next(latest.current) : next;
      latest.current = value;
      setBatchState(value);
      dirty.current = true;
      timer.current ??= setTimeout(flush, SAVE_EVERY_MS);
    },
    [flush],
  );

  return [batch, setBatch, restored];
}
