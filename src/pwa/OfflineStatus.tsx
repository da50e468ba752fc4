import { useEffect } from 'react';
import { formatBytes, useLang, useT } from '../i18n';
import { pwaStrings } from './strings';
import './pwa.css';
import { refreshStorage, requestPersistence, useOfflineState } from './offlineState';

/**
 * One settings line: whether the app works offline, how much this origin stores, and whether
 * the browser promised to keep it.
 */
export function OfflineStatus() {
  const t = useT(pwaStrings);
  const { lang } = useLang();
  const state = useOfflineState();
  useEffect(() => {
    void refreshStorage();
  }, [state.offlineReady]);

  const status = !state.supported
    ? import.meta.env.PROD ? t('offlineNoWorker') : t('offlineUnsupported')
    : state.offlineReady ? t('offlineReady') : t('offlinePending');
  return (
    <section className="card offline-status" aria-labelledby="offline-heading" data-testid="offline-status"
      data-offline-ready={state.offlineReady ? 'true' : 'false'}>
      <h3 id="offline-heading">{t('offlineTitle')}</h3>
      <p role="status">{status}</p>
      {state.usage !== null && state.quota !== null && (
        <p data-testid="storage-usage">
          {t('storageUse', { usage: formatBytes(state.usage, lang), quota: formatBytes(state.quota, lang) })}
        </p>
      )}
      {state.persisted === true && <p>{t('storagePersisted')}</p>}
      {state.persisted === false && (
        <p>
          {t('storageNotPersisted')}{' '}
          <button type="button" onClick={() => void requestPersistence()}>{t('storagePersist')}</button>
        </p>
      )}
      {state.error && <p className="muted">{state.error}</p>}
    </section>
  );
}
