import { useId, useState, type FormEvent } from 'react';
import type { EscoEntry, Hit, Lang, SearchMode } from '../../../workers/api';
import { CONTENT_LANGS, LANG_NAMES, useLang, useT } from '../../i18n';
import { titlesStrings } from '../../i18n/strings/titles';
import { useMatcher } from '../../matcher/useMatcher';
import { usePersistentLarge, usePersistentState } from '../../state/persist';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { ResultList, type ResultItem } from '../../components/ResultList';
import { useJob } from './useJob';

interface SingleResult {
  title: string;
  hits: Hit[];
  /** ESCO details per language: the same occupations in every language ESCO offers. */
  entries: Partial<Record<Lang, EscoEntry[]>>;
  keywordsOnly?: boolean;
  /** The language the title was searched in, when it was detected ("Detect automatically"). */
  detectedLang?: Lang;
}

const K = 10;

/** One title → similar ESCO occupations, each with its labels in the other ESCO languages. */
export function SingleTitle({ searchLang }: { searchLang: Lang | 'auto' }) {
  const t = useT(titlesStrings);
  const { contentLang } = useLang();
  const matcher = useMatcher();
  const job = useJob();
  const inputId = useId();
  const [title, setTitle] = usePersistentState<string>('titles.single', '');
  const [result, setResult] = usePersistentLarge<SingleResult | null>('titles.singleResult', null);
  const [inputError, setInputError] = useState<string | null>(null);

  async function find(event?: FormEvent) {
    event?.preventDefault();
    const query = title.trim();
    if (!query) return setInputError(t('emptyTitle'));
    setInputError(null);
    await job.run(async (signal, onProgress, setProgress) => {
      if (!matcher.model) setProgress({ done: 0, total: 0, message: t('modelNotReady') });
      // Without a model (it failed to load) the engine still matches keywords; the result says so.
      const mode: SearchMode | undefined = (await matcher.ready()) ? undefined : 'lexical';
      const [hits] = await matcher.client.search([query], {
        target: 'occupations',
        k: K,
        mode,
        lang: searchLang === 'auto' ? undefined : searchLang,
        signal,
        onProgress,
      });
      // The same detection the search made, to say which labels it searched.
      const [detectedLang] = searchLang === 'auto' ? await matcher.client.detectLanguages([query], { signal }) : [];
      const ids = (hits ?? []).map((hit) => hit.id);
      const entries: SingleResult['entries'] = {};
      for (const lang of CONTENT_LANGS) entries[lang] = await matcher.client.describe(ids, 'occupations', lang, { signal });
      setResult({ title: query, hits: hits ?? [], entries, keywordsOnly: mode === 'lexical', detectedLang });
    });
  }

  const items: ResultItem[] = (result?.hits ?? []).map((hit) => {
    const main = result?.entries[contentLang]?.find((entry) => entry.id === hit.id) ?? result?.entries.en?.find((entry) => entry.id === hit.id);
    const others = CONTENT_LANGS.filter((lang) => lang !== contentLang)
      .map((lang) => ({ lang, entry: result?.entries[lang]?.find((entry) => entry.id === hit.id) }))
      .filter((x) => x.entry && x.entry.lang === x.lang);
    return {
      id: hit.id,
      label: main?.label ?? hit.id,
      score: hit.score,
      url: main?.url,
      subtitle: main?.isco ? t('iscoGroup', { code: main.isco.code, label: main.isco.label }) : undefined,
      extra: others.length ? (
        <span className="other-labels-inline" aria-hidden="true">
          {others.slice(0, 2).map((x) => (
            <span key={x.lang} lang={x.lang}>
              {x.lang.toUpperCase()}: {x.entry!.label}
            </span>
          ))}
        </span>
      ) : undefined,
      details: (
        <>
          {main?.description && <p>{main.description}</p>}
          {others.length > 0 && (
            <>
              <p className="details-heading">{t('otherLanguages')}</p>
              <dl className="other-labels">
                {others.map((x) => (
                  <div key={x.lang}>
                    <dt>{LANG_NAMES[x.lang]}</dt>
                    <dd lang={x.lang}>{x.entry!.label}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </>
      ),
    };
  });

  return (
    <div className="card">
      <h3>{t('singleHeading')}</h3>
      <form onSubmit={(event) => void find(event)} className="single-form">
        <div className="field grow">
          <label htmlFor={inputId}>{t('titleLabel')}</label>
          <input
            id={inputId}
            type="search"
            value={title}
            placeholder={t('titlePlaceholder')}
            onChange={(event) => setTitle(event.target.value)}
            data-testid="single-title"
          />
        </div>
        <button type="submit" disabled={job.running}>
          {t('findOne')}
        </button>
        {job.running && (
          <button type="button" className="secondary" onClick={job.cancel}>
            {t('cancel')}
          </button>
        )}
      </form>
      {job.running && <ProgressBar label={job.progress?.message ?? t('progressLabel')} indeterminate />}
      <ErrorMessage message={inputError} onDismiss={() => setInputError(null)} />
      <ErrorMessage message={job.error} onDismiss={job.clearError} onRetry={() => void find()} />
      {result && (
        <div data-testid="single-results">
          <h4>{t('singleResults', { title: result.title })}</h4>
          {result.detectedLang && (
            <p className="muted" data-testid="detected-lang">
              {t('detectedLang', { lang: LANG_NAMES[result.detectedLang] })}
            </p>
          )}
          {result.keywordsOnly && <p className="notice">{t('keywordsOnly')}</p>}
          <ResultList items={items} label={t('singleResults', { title: result.title })} openFirst />
        </div>
      )}
    </div>
  );
}
