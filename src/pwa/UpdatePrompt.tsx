import { useState } from 'react';
import { useT } from '../i18n';
import './pwa.css';
import { pwaStrings } from './strings';
import { installUpdate, useOfflineState } from './offlineState';

/**
 * Shown when a new version (app or default model) is installed and waiting. The update is the
 * user's call: switching versions reloads the page, which would drop an analysis in progress.
 */
export function UpdatePrompt() {
  const t = useT(pwaStrings);
  const { updateReady } = useOfflineState();
  const [dismissed, setDismissed] = useState(false);
  if (!updateReady || dismissed) return null;
  return (
    <div className="update-prompt" role="alert" data-testid="update-prompt">
      <span>{t('updateReady')}</span>{' '}
      <button type="button" onClick={() => void installUpdate()}>{t('updateNow')}</button>{' '}
      <button type="button" className="secondary" onClick={() => setDismissed(true)}>{t('updateLater')}</button>
    </div>
  );
}
