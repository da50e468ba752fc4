import { registerSW } from 'virtual:pwa-register';
import { deleteStaleModelCaches, precacheMissing } from './caches';
import { offlineStore, refreshStorage, requestPersistence, setUpdateHandler } from './offlineState';

/**
 * Starts the offline machinery; vite.config.ts adds this module to index.html, so the app shell
 * does not need to know about it. In the dev server there is no service worker.
 */
async function onOfflineReady(): Promise<void> {
  offlineStore.set((s) => ({ ...s, offlineReady: true }));
  await requestPersistence();
  await refreshStorage();
}

const REPAIR_FLAG = 'esco-matcher:sw-repair';

/**
 * "Clear all data" deletes every cache, the precache included, but the service worker stays
 * registered and would serve a half-empty site. Unregistering it and reloading once (uncontrolled)
 * lets a fresh worker install and rebuild the offline copy. Once per tab session, so it cannot loop.
 */
async function repairIfCleared(): Promise<boolean> {
  if (sessionStorage.getItem(REPAIR_FLAG) || !(await precacheMissing())) return false;
  sessionStorage.setItem(REPAIR_FLAG, '1');
  await (await navigator.serviceWorker.getRegistration())?.unregister();
  location.reload();
  return true;
}

async function boot(): Promise<void> {
  const supported = import.meta.env.PROD && 'serviceWorker' in navigator;
  offlineStore.set((s) => ({ ...s, supported }));
  void refreshStorage();
  if (!supported) return;
  if (await repairIfCleared()) return;
  await deleteStaleModelCaches(__ESCO_MODEL_CACHES__);
  const updateServiceWorker = registerSW({
    immediate: true,
    onOfflineReady: () => void onOfflineReady(),
    onNeedRefresh: () => offlineStore.set((s) => ({ ...s, updateReady: true })),
    onRegisterError: (error: unknown) =>
      offlineStore.set((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) })),
  });
  setUpdateHandler(() => updateServiceWorker(true));
  // On later visits the worker already controls the page: onOfflineReady does not fire again.
  if (navigator.serviceWorker.controller) await onOfflineReady();
  navigator.serviceWorker.addEventListener('controllerchange', () => void onOfflineReady());
}

void boot();
