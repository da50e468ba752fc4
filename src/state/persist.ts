import { useCallback, useEffect, useRef, useState } from 'react';
import { openDB, type IDBPDatabase } from 'idb';

/**
 * Inputs and results survive a reload. Small values (settings, short inputs) go to localStorage;
 * large ones (extracted resume text, analysis results) go to IndexedDB, which has no 5 MB limit
 * and does not block the UI thread while writing.
 */
export const STORAGE_PREFIX = 'esco-matcher:';
export const APP_DB_NAME = 'esco-matcher-app';
const STORE = 'kv';
/** Cache API names the model runtime writes to (transformers.js v4 default cache). */
export const MODEL_CACHES = ['transformers-cache'];

export function loadSmall<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function saveSmall<T>(key: string, value: T): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled (private mode): the app keeps working, just forgets on reload.
  }
}

/** useState that is mirrored to localStorage under `key`. Keep values small (< 100 kB). */
export function usePersistentState<T>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => loadSmall(key, initial));
  useEffect(() => saveSmall(key, value), [key, value]);
  return [value, setValue];
}

let dbPromise: Promise<IDBPDatabase> | null = null;
function db(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(APP_DB_NAME, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
  return dbPromise;
}

export async function loadLarge<T>(key: string): Promise<T | undefined> {
  try {
    return (await (await db()).get(STORE, key)) as T | undefined;
  } catch {
    return undefined;
  }
}

export async function saveLarge<T>(key: string, value: T): Promise<void> {
  try {
    await (await db()).put(STORE, value, key);
  } catch {
    // Storage unavailable: nothing to do, the value lives in memory for this session.
  }
}

export async function deleteLarge(key: string): Promise<void> {
  try {
    await (await db()).delete(STORE, key);
  } catch {
    /* nothing stored */
  }
}

/**
 * useState mirrored to IndexedDB. `restored` turns true once the stored value (if any) is in,
 * so a view can wait before auto-running anything. Writes are debounced.
 */
export function usePersistentLarge<T>(
  key: string,
  initial: T,
): [T, (next: T | ((prev: T) => T)) => void, boolean] {
  const [value, setValue] = useState<T>(initial);
  const [restored, setRestored] = useState(false);
  const touched = useRef(false);
  useEffect(() => {
    let alive = true;
    loadLarge<T>(key).then((stored) => {
      if (!alive) return;
      if (stored !== undefined && !touched.current) setValue(stored);
      setRestored(true);
    });
    return () => {
      alive = false;
    };
  }, [key]);
  useEffect(() => {
    if (!restored) return;
    const timer = setTimeout(() => void saveLarge(key, value), 250);
    return () => clearTimeout(timer);
  }, [key, value, restored]);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    touched.current = true;
    setValue(next);
  }, []);
  return [value, set, restored];
}

/**
 * Removes everything this app stored on the device: settings and inputs (localStorage),
 * saved results (IndexedDB), and the downloaded model files (Cache API). Reload afterwards.
 */
export async function clearAllData(): Promise<void> {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(STORAGE_PREFIX)) localStorage.removeItem(key);
  }
  if (dbPromise) {
    (await dbPromise.catch(() => null))?.close();
    dbPromise = null;
  }
  const names = new Set<string>([APP_DB_NAME]);
  // Every database of this origin belongs to the app (model runtimes may create their own).
  if ('databases' in indexedDB) {
    for (const info of await indexedDB.databases().catch(() => [])) if (info.name) names.add(info.name);
  }
  await Promise.all([...names].map(deleteDatabase));
  if ('caches' in globalThis) {
    const cacheNames = new Set([...MODEL_CACHES, ...(await caches.keys().catch(() => []))]);
    await Promise.all([...cacheNames].map((name) => caches.delete(name).catch(() => false)));
  }
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
