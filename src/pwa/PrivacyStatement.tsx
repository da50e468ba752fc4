import { useT } from '../i18n';
import { pwaStrings } from './strings';
import './pwa.css';

/** What the app does with the user's text, what it keeps on the device, and how to remove it. */
export function PrivacyStatement() {
  const t = useT(pwaStrings);
  return (
    <section className="card privacy-statement" aria-labelledby="privacy-heading" data-testid="privacy-statement">
      <h3 id="privacy-heading">{t('privacyHeading')}</h3>
      <p>{t('privacyNoUpload')}</p>
      <h4>{t('privacyStoredTitle')}</h4>
      <ul>
        <li>{t('privacyStoredSettings')}</li>
        <li>{t('privacyStoredResults')}</li>
        <li>{t('privacyStoredModels')}</li>
      </ul>
      <h4>{t('privacyClearTitle')}</h4>
      <ul>
        <li>{t('privacyClearApp')}</li>
        <li>{t('privacyClearBrowser')}</li>
      </ul>
      <p>{t('privacyNoTracking')}</p>
    </section>
  );
}
