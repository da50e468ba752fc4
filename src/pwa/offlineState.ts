import { createStore, useStore } from '../state/store';

/**
 * What the page knows about its offline copy. `offlineReady` turns true once a service worker
 * controls the page (it only activates after every precached file is stored); `updateReady` when
 * a newer version is installed and waits for the user (see UpdatePrompt).
 */
export interface OfflineState {
  /** False in the dev server and in browsers without service workers. */
  supported: boolean;
  offlineReady: boolean;
  updateReady: boolean;
  /** Bytes this origin stores (caches, IndexedDB, ...) and may store, from navigator.storage.estimate(). */
  usage: number | null;
  quota: number | null;
  /** Whether the browser promised not to evict this origin's storage under pressure. */
  persisted: boolean | null;
  error: string | null;
}

export const offlineStore = createStore<OfflineState>({
  supported: false,
  offlineReady: false,
  updateReady: false,
  usage: null,
  quota: null,
  persisted: null,
  error: null,
});

export function useOfflineState(): OfflineState {
  return useStore(offlineStore);
}

/** Reads storage use and persistence into the store (cheap; call after anything is cached). */
export async function refreshStorage(): Promise<void> {
  const storage = navigator.storage;
  if (!storage?.estimate) return;
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => null),
    storage.persisted ? storage.persisted().catch(() => null) : Promise.resolve(null),
  ]);
  offlineStore.set((s) => ({ ...s, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted }));
}

/**
 * Asks the browser to keep this origin's storage (the offline copy is tens of MB and costly to
 * fetch again). Chromium decides silently from site engagement; Firefox asks the user, which is
 * why this runs once the offline copy exists rather than on first paint.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = navigator.storage;
  if (!storage?.persist) return false;
  const granted = (await storage.persisted?.().catch(() => false)) || (await storage.persist().catch(() => false));
  offlineStore.set((s) => ({ ...s, persisted: granted }));
  return granted;
}

let applyUpdate: (() => Promise<void>) | null = null;

/** boot.ts hands over the function that activates the waiting version. */
export function setUpdateHandler(handler: () => Promise<void>): void {
  applyUpdate = handler;
}

/** Activates the waiting version and reloads the page (the user clicked "Update now"). */
export function installUpdate(): Promise<void> {
  return applyUpdate ? applyUpdate() : Promise.resolve(location.reload());
}
