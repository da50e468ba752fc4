import { useId } from 'react';
import type { Lang } from '../../../workers/api';
import { CONTENT_LANGS, LANG_NAMES, useT } from '../../i18n';
import { titlesStrings } from '../../i18n/strings/titles';
import { usePersistentState } from '../../state/persist';
import { SingleTitle } from './SingleTitle';
import { BatchTitles } from './BatchTitles';
import './titles.css';

/** Job titles → ESCO occupations: one title with labels in every ESCO language, or a whole list. */
export default function TitlesView() {
  const t = useT(titlesStrings);
  const headingId = useId();
  const langId = useId();
  const [searchLang, setSearchLang] = usePersistentState<Lang | 'auto'>('titles.searchLang', 'auto');
  return (
    <section aria-labelledby={headingId} className="titles-view">
      <h2 id={headingId}>{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>
      <div className="field inline-field">
        <label htmlFor={langId}>{t('titleLang')}</label>
        <select id={langId} value={searchLang} onChange={(event) => setSearchLang(event.target.value as Lang | 'auto')}>
          <option value="auto">{t('langAuto')}</option>
          {CONTENT_LANGS.map((code) => (
            <option key={code} value={code} lang={code}>
              {LANG_NAMES[code]}
            </option>
          ))}
        </select>
      </div>
      <SingleTitle searchLang={searchLang} />
      <BatchTitles searchLang={searchLang} />
    </section>
  );
}
