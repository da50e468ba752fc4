/**
 * Cache housekeeping that Workbox's generated service worker does not do itself.
 * Workbox names its precache "<cacheId>-precache-v2-<scope>"; runtime caches of optional models
 * are "esco-model-<id>-<content hash>" (vite.config.ts).
 */
export const CACHE_ID = 'esco-matcher';
const MODEL_CACHE_PREFIX = 'esco-model-';

export function isPrecacheName(name: string): boolean {
  return name.startsWith(`${CACHE_ID}-precache-`);
}

/** Model caches from earlier builds: their model changed (or was removed) since. */
export function staleModelCaches(existing: string[], current: string[]): string[] {
  return existing.filter((name) => name.startsWith(MODEL_CACHE_PREFIX) && !current.includes(name));
}

export async function deleteStaleModelCaches(current: string[]): Promise<string[]> {
  if (!('caches' in globalThis)) return [];
  const stale = staleModelCaches(await caches.keys(), current);
  await Promise.all(stale.map((name) => caches.delete(name)));
  return stale;
}

/** True when a service worker serves this page but its precache is gone (e.g. after "Clear all data"). */
export async function precacheMissing(): Promise<boolean> {
  if (!('caches' in globalThis) || !navigator.serviceWorker?.controller) return false;
  return !(await caches.keys()).some(isPrecacheName);
}
