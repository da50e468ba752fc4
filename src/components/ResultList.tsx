import type { ReactNode } from 'react';
import { formatScore, useLang, useT } from '../i18n';

export interface ResultItem {
  /** ESCO URI (or any stable key). */
  id: string;
  label: string;
  score: number;
  /** ESCO portal page. */
  url?: string;
  /** A short line under the label, e.g. "ISCO 2221 · Nursing professionals". */
  subtitle?: string;
  /** Shown when the person expands the item. */
  details?: ReactNode;
  /** Small extra content beside the score (e.g. "3 skills matched"). */
  extra?: ReactNode;
}

export interface ResultListProps {
  items: ResultItem[];
  /** Accessible name of the list, e.g. "Occupations for this resume". */
  label: string;
  /** Expand the first item's details at start. */
  openFirst?: boolean;
  emptyText?: string;
}

/**
 * Ranked ESCO hits: rank, label, score with a bar, and details behind a native <details>
 * element (keyboard and screen reader support come with it). Everything renders as text.
 */
export function ResultList({ items, label, openFirst, emptyText }: ResultListProps) {
  const t = useT();
  const { lang } = useLang();
  if (items.length === 0) return <p className="muted">{emptyText ?? t('noResults')}</p>;
  const top = Math.max(...items.map((item) => item.score), 1e-9);
  return (
    <ol className="result-list" aria-label={label}>
      {items.map((item, index) => (
        <li key={item.id} className="result-item">
          <div className="result-head">
            <span className="result-rank" aria-hidden="true">
              {index + 1}
            </span>
            <div className="result-main">
              <span className="result-label">{item.label}</span>
              {item.subtitle && <span className="result-subtitle">{item.subtitle}</span>}
            </div>
            {item.extra && <span className="result-extra">{item.extra}</span>}
            <span className="result-score" title={t('score')}>
              <span className="visually-hidden">{t('score')}: </span>
              {formatScore(item.score, lang)}
              <span className="score-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(0, Math.min(1, item.score / top)) * 100}%` }} />
              </span>
            </span>
          </div>
          {(item.details || item.url) && (
            <details open={openFirst && index === 0}>
              <summary>
                {t('showDetails')}
                <span className="visually-hidden">: {item.label}</span>
              </summary>
              <div className="result-details">
                {item.details}
                {item.url && (
                  <p>
                    <a href={item.url} target="_blank" rel="noopener noreferrer">
                      {t('openInEsco')}
                      <span className="visually-hidden">: {item.label}</span>
                    </a>
                  </p>
                )}
              </div>
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}
