import { useId, useState, type FormEvent } from 'react';
import type { EscoEntry, Lang, SearchMode } from '../../../workers/api';
import { useT } from '../../i18n';
import { resumeStrings } from '../../i18n/strings/resume';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProgressBar } from '../../components/ProgressBar';
import type { MatcherClient } from '../../matcher/bridge';
import { isAbortError } from '../../matcher/bridge';

export interface SkillEditorProps {
  /** The current list (detected minus removed plus added), in display order. */
  skills: { id: string; label: string; added: boolean; evidence?: string }[];
  onRemove: (id: string) => void;
  onAdd: (entry: EscoEntry) => void;
  onRestore?: () => void;
  client: MatcherClient;
  /** Language of the labels shown. */
  lang: Lang;
  /** Language the person types the search in (the interface language). */
  queryLang: Lang;
  /** 'lexical' when no model is loaded. */
  mode?: SearchMode;
}

/** The person's skills as removable chips, plus a search to add ESCO skills. */
export function SkillEditor({ skills, onRemove, onAdd, onRestore, client, lang, queryLang, mode }: SkillEditorProps) {
  const t = useT(resumeStrings);
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [found, setFound] = useState<EscoEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const inList = new Set(skills.map((skill) => skill.id));

  async function search(event: FormEvent) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    setBusy(true);
    setError(null);
    try {
      const [hits = []] = await client.search([q], { target: 'skills', k: 10, lang: queryLang, mode });
      const entries = await client.describe(hits.map((hit) => hit.id), 'skills', lang);
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      setFound(hits.map((hit) => byId.get(hit.id)).filter((entry): entry is EscoEntry => Boolean(entry)));
      setSearched(q);
    } catch (caught) {
      if (!isAbortError(caught)) setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="skill-editor">
      {skills.length === 0 ? (
        <p className="muted">{t('noSkills')}</p>
      ) : (
        <ul className="chips" aria-label={t('skillsLabel')} data-testid="skill-list">
          {skills.map((skill) => (
            <li key={skill.id} className={`chip${skill.added ? ' chip-added' : ''}`} title={skill.evidence}>
              <span>{skill.label}</span>
              {skill.added && <span className="visually-hidden"> ({t('addedByUser')})</span>}
              <button
                type="button"
                className="no-print"
                aria-label={t('removeSkill', { skill: skill.label })}
                onClick={() => {
                  onRemove(skill.id);
                  setAnnouncement(t('skillRemoved', { skill: skill.label }));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {onRestore && (
        <button type="button" className="link no-print" onClick={onRestore}>
          {t('restoreSkills')}
        </button>
      )}
      <form className="no-print skill-search" onSubmit={search} role="search">
        <label htmlFor={searchId}>{t('skillSearchLabel')}</label>
        <div className="button-row">
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder={t('skillSearchPlaceholder')}
            onChange={(event) => setQuery(event.target.value)}
          />
          <button type="submit" disabled={busy || !query.trim()}>
            {t('skillSearchButton')}
          </button>
        </div>
      </form>
      {busy && <ProgressBar label={t('skillSearchButton')} indeterminate />}
      <ErrorMessage message={error} onDismiss={() => setError(null)} />
      {found.length > 0 && (
        <div className="no-print">
          <h4>{t('skillSearchResults', { query: searched })}</h4>
          <ul className="plain-list" data-testid="skill-search-results">
            {found.map((entry) => (
              <li key={entry.id}>
                {inList.has(entry.id) ? (
                  <span className="muted">
                    {entry.label} ({t('added')})
                  </span>
                ) : (
                  <button
                    type="button"
                    className="link"
                    aria-label={t('addSkill', { skill: entry.label })}
                    onClick={() => {
                      onAdd(entry);
                      setAnnouncement(t('skillAdded', { skill: entry.label }));
                    }}
                  >
                    + {entry.label}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
