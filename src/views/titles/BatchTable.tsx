import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Hit, Lang } from '../../../workers/api';
import { formatScore, useLang, useT } from '../../i18n';
import { titlesStrings } from '../../i18n/strings/titles';
import { useMatcher } from '../../matcher/useMatcher';
import { ErrorMessage } from '../../components/ErrorMessage';
import { bestOf, type Batch, type OccupationLabel, type Pick } from './batchModel';
import { useScoreFormat } from './scoreFormat';

const PAGE_SIZE = 50;
const RUNNER_UPS_SHOWN = 3;

type Filter = 'all' | 'unmatched' | 'edited';
type Order = 'row' | 'score';

/**
 * The matched titles, one page of 50 rows at a time (thousands of rows stay quick: only the page is
 * in the DOM). The best occupation of each row can be changed to a runner-up, or to any ESCO
 * occupation found with the row's search box.
 */
export function BatchTable({ batch, onChange, searchLang, disabled }: { batch: Batch; onChange: (b: Batch) => void; searchLang: Lang | 'auto'; disabled: boolean }) {
  const t = useT(titlesStrings);
  const { lang } = useLang();
  const filterId = useId();
  const orderId = useId();
  const [filter, setFilter] = useState<Filter>('all');
  const [order, setOrder] = useState<Order>('row');
  const [page, setPage] = useState(0);
  const [searchRow, setSearchRow] = useState<number | null>(null);

  const indexes = useMemo(() => {
    const rows: number[] = [];
    batch.titles.forEach((_, i) => {
      if (filter === 'unmatched' && !(batch.titles[i] && batch.hits[i] === null)) return;
      if (filter === 'edited' && !batch.picks[i]) return;
      rows.push(i);
    });
    if (order === 'score') {
      const score = (i: number) => bestOf(batch, i)?.score ?? Infinity;
      rows.sort((a, b) => score(a) - score(b) || a - b);
    }
    return rows;
  }, [batch, filter, order]);

  const pages = Math.max(1, Math.ceil(indexes.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const from = current * PAGE_SIZE;
  const visible = indexes.slice(from, from + PAGE_SIZE);

  // Stable across renders so unchanged rows skip re-rendering (TitleRow is memoised).
  const batchRef = useRef(batch);
  batchRef.current = batch;
  const choose = useCallback(
    (row: number, id: string, score: number) => {
      const current = batchRef.current;
      const top = current.hits[row]?.[0];
      const picks = current.picks.slice();
      picks[row] = top && top.id === id ? null : { id, score };
      onChange({ ...current, picks });
    },
    [onChange],
  );

  return (
    <div className="batch-table">
      <div className="button-row">
        <label htmlFor={filterId}>{t('filterLabel')}</label>
        <select id={filterId} value={filter} onChange={(event) => { setFilter(event.target.value as Filter); setPage(0); }}>
          <option value="all">{t('filterAll')}</option>
          <option value="unmatched">{t('filterUnmatched')}</option>
          <option value="edited">{t('filterEdited')}</option>
        </select>
        <label htmlFor={orderId}>{t('sortLabel')}</label>
        <select id={orderId} value={order} onChange={(event) => { setOrder(event.target.value as Order); setPage(0); }}>
          <option value="row">{t('sortRow')}</option>
          <option value="score">{t('sortScore')}</option>
        </select>
      </div>
      <Pager current={current} pages={pages} from={from} count={visible.length} total={indexes.length} onPage={setPage} />
      <div className="table-scroll">
        <table className="plain titles-table" data-testid="titles-table">
          <caption className="visually-hidden">{t('tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{t('colRow')}</th>
              <th scope="col">{t('colTitle')}</th>
              <th scope="col">{t('colBest')}</th>
              <th scope="col" className="num">{t('colScore')}</th>
              <th scope="col">{t('colRunnerUps')}</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <TitleRow
                key={row}
                row={row}
                title={batch.titles[row]}
                hits={batch.hits[row]}
                pick={batch.picks[row]}
                labels={batch.labels}
                disabled={disabled}
                searching={searchRow === row}
                onChoose={choose}
                onToggleSearch={(r) => setSearchRow((open) => (open === r ? null : r))}
                search={
                  searchRow === row ? (
                    <RowSearch
                      row={row}
                      initial={batch.titles[row]}
                      searchLang={searchLang}
                      onClose={() => setSearchRow(null)}
                      onPick={(id, score, label) => {
                        const picks = batch.picks.slice();
                        picks[row] = { id, score };
                        onChange({ ...batch, picks, labels: { ...batch.labels, [id]: batch.labels[id] ?? label } });
                        setSearchRow(null);
                      }}
                    />
                  ) : null
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      <Pager current={current} pages={pages} from={from} count={visible.length} total={indexes.length} onPage={setPage} />
    </div>
  );
}

interface TitleRowProps {
  row: number;
  title: string;
  hits: Hit[] | null;
  pick: Pick | null;
  labels: Record<string, OccupationLabel>;
  disabled: boolean;
  searching: boolean;
  onChoose: (row: number, id: string, score: number) => void;
  onToggleSearch: (row: number) => void;
  search: ReactNode;
}

/** Re-render a row only when something it shows changed (its hits, pick, labels of its occupations). */
function sameRow(a: TitleRowProps, b: TitleRowProps): boolean {
  if (a.row !== b.row || a.title !== b.title || a.hits !== b.hits || a.pick !== b.pick || a.disabled !== b.disabled || a.searching !== b.searching) return false;
  if (a.onChoose !== b.onChoose || a.searching) return false;
  if (a.labels === b.labels) return true;
  const ids = [...(a.hits ?? []).map((hit) => hit.id), ...(a.pick ? [a.pick.id] : [])];
  return ids.every((id) => a.labels[id]?.label === b.labels[id]?.label);
}

const TitleRow = memo(function TitleRow({ row, title, hits, pick, labels, disabled, searching, onChoose, onToggleSearch, search }: TitleRowProps) {
  const t = useT(titlesStrings);
  const fmt = useScoreFormat();
  const labelOf = (id: string) => labels[id]?.label ?? id;
  // When the row's search closes, keyboard focus goes back to the button that opened it.
  const toggleRef = useRef<HTMLButtonElement>(null);
  const wasSearching = useRef(searching);
  useEffect(() => {
    if (wasSearching.current && !searching) toggleRef.current?.focus();
    wasSearching.current = searching;
  }, [searching]);
  const best = pick ?? (hits?.[0] ? { id: hits[0].id, score: hits[0].score } : null);
  const options: Hit[] = [...(hits ?? [])];
  if (pick && !options.some((hit) => hit.id === pick.id)) options.unshift({ id: pick.id, score: pick.score });
  const others = (hits ?? []).filter((hit) => hit.id !== best?.id).slice(0, RUNNER_UPS_SHOWN);
  return (
    <>
      <tr data-row={row + 1}>
        <td className="num">{row + 1}</td>
        <td className="title-cell">{title || <span className="muted">{t('blankTitle')}</span>}</td>
        <td className="best-cell">
          {hits === null ? (
            <span className="muted">{t('notMatched')}</span>
          ) : options.length > 0 && best ? (
            <div className="best-edit">
              <select
                aria-label={t('bestFor', { title })}
                value={best.id}
                disabled={disabled}
                data-testid="best-select"
                onChange={(event) => {
                  const hit = options.find((h) => h.id === event.target.value);
                  if (hit) onChoose(row, hit.id, hit.score);
                }}
              >
                {options.map((hit) => (
                  <option key={hit.id} value={hit.id}>
                    {labelOf(hit.id)} ({fmt(hit.score)})
                  </option>
                ))}
              </select>
              {pick && <span className="badge">{t('edited')}</span>}
              <button
                ref={toggleRef}
                type="button"
                className="link"
                disabled={disabled}
                aria-expanded={searching}
                aria-label={t('searchFor', { row: row + 1 })}
                onClick={() => onToggleSearch(row)}
              >
                {t('searchOther')}
              </button>
            </div>
          ) : null}
        </td>
        <td className="num">{best ? fmt(best.score) : ''}</td>
        <td className="runner-ups">{others.map((hit) => `${labelOf(hit.id)} (${fmt(hit.score)})`).join(' · ')}</td>
      </tr>
      {search && (
        <tr className="search-row">
          <td colSpan={5}>{search}</td>
        </tr>
      )}
    </>
  );
}, sameRow);

function Pager({ current, pages, from, count, total, onPage }: { current: number; pages: number; from: number; count: number; total: number; onPage: (p: number) => void }) {
  const t = useT(titlesStrings);
  return (
    <nav className="pager button-row" aria-label={t('pagination')}>
      <button type="button" className="secondary" onClick={() => onPage(0)} disabled={current === 0}>
        «<span className="visually-hidden"> {t('pageFirst')}</span>
      </button>
      <button type="button" className="secondary" onClick={() => onPage(current - 1)} disabled={current === 0}>
        ‹ <span>{t('pagePrev')}</span>
      </button>
      <span className="status-text" data-testid="page-status">
        {t('pageStatus', { from: total ? from + 1 : 0, to: from + count, total })}
      </span>
      <button type="button" className="secondary" onClick={() => onPage(current + 1)} disabled={current >= pages - 1}>
        <span>{t('pageNext')}</span> ›
      </button>
      <button type="button" className="secondary" onClick={() => onPage(pages - 1)} disabled={current >= pages - 1}>
        <span className="visually-hidden">{t('pageLast')} </span>»
      </button>
    </nav>
  );
}

function RowSearch({ row, initial, searchLang, onPick, onClose }: {
  row: number;
  initial: string;
  searchLang: Lang | 'auto';
  onPick: (id: string, score: number, label: { label: string; isco?: string; url?: string }) => void;
  onClose: () => void;
}) {
  const t = useT(titlesStrings);
  const { lang, contentLang } = useLang();
  const { client, status } = useMatcher();
  const inputId = useId();
  const [query, setQuery] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<{ id: string; score: number; label: string; isco?: string; url?: string }[]>([]);

  async function search(event: FormEvent) {
    event.preventDefault();
    if (!query.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const [hits] = await client.search([query.trim()], {
        target: 'occupations',
        k: 10,
        lang: searchLang === 'auto' ? undefined : searchLang,
        mode: status === 'ready' ? undefined : 'lexical',
      });
      const entries = await client.describe((hits ?? []).map((hit) => hit.id), 'occupations', contentLang);
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      setFound((hits ?? []).map((hit) => ({ id: hit.id, score: hit.score, label: byId.get(hit.id)?.label ?? hit.id, isco: byId.get(hit.id)?.isco?.code, url: byId.get(hit.id)?.url })));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="row-search" role="group" aria-label={t('searchFor', { row: row + 1 })}>
      <form className="single-form" onSubmit={(event) => void search(event)}>
        <div className="field grow">
          <label htmlFor={inputId}>{t('searchLabel')}</label>
          <input id={inputId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} autoFocus />
        </div>
        <button type="submit" disabled={busy}>
          {t('searchGo')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('closeSearch')}
        </button>
      </form>
      <ErrorMessage message={error} onDismiss={() => setError(null)} />
      {found.length > 0 && (
        <ul className="row-search-results">
          {found.map((hit) => (
            <li key={hit.id}>
              <span>
                {hit.label} <span className="muted">({formatScore(hit.score, lang)})</span>
              </span>
              <button type="button" className="secondary" onClick={() => onPick(hit.id, hit.score, { label: hit.label, isco: hit.isco, url: hit.url })}>
                {t('pick')}
                <span className="visually-hidden">: {hit.label}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
