import { useEffect, useId, useMemo, useState } from 'react';
import type { Lang, SearchMode } from '../../../workers/api';
import { useLang, useT } from '../../i18n';
import { titlesStrings } from '../../i18n/strings/titles';
import { useMatcher } from '../../matcher/useMatcher';
import { usePersistentLarge } from '../../state/persist';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { toCsv } from '../../export/csv';
import { toXlsx } from '../../export/xlsx';
import { CSV_TYPE, XLSX_TYPE, downloadBlob } from '../../export/download';
import { MAX_TITLE_ROWS, readTitleText } from './readTitleFile';
import { TableFileInput } from './TableFileInput';
import { columnCount, columnNames, guessTitleTable, titlesFrom, type TitleTableGuess } from './titleTable';
import { allOccupationIds, distinctCount, matchedCount, newBatch, pendingCount, pendingGroups, withHits, type OccupationLabel } from './batchModel';
import { batchTable } from './titlesExport';
import { BatchTable } from './BatchTable';
import { useJob } from './useJob';
import { useStoredBatch } from './useStoredBatch';

interface Source {
  rows: string[][];
  /** File name, or null for pasted text. */
  name: string | null;
  sheet?: string;
  hasHeader: boolean;
  column: number;
  reason: TitleTableGuess['reason'];
}

/** Distinct titles per search call: small enough for frequent progress and a quick cancel. */
const CHUNK = 50;
/** Best hit plus runner-ups kept per title. */
const K = 6;

type RunStatus = { kind: 'done' | 'cancelled'; done: number; total: number } | null;

function sameTitles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function BatchTitles({ searchLang }: { searchLang: Lang | 'auto' }) {
  const t = useT(titlesStrings);
  const { contentLang } = useLang();
  const matcher = useMatcher();
  const job = useJob();
  const pasteId = useId();
  const columnId = useId();
  const [paste, setPaste] = usePersistentLarge<string>('titles.paste', '');
  const [source, setSource] = usePersistentLarge<Source | null>('titles.source', null);
  const [batch, setBatch] = useStoredBatch();
  const [inputError, setInputError] = useState<string | null>(null);
  const [runStatus, setRunStatus] = useState<RunStatus>(null);
  const [exporting, setExporting] = useState(false);
  const [keywordsOnly, setKeywordsOnly] = useState(false);

  const titles = useMemo(() => (source ? titlesFrom(source.rows, source.hasHeader, source.column) : []), [source]);
  const nonBlank = useMemo(() => titles.filter(Boolean).length, [titles]);
  const distinct = useMemo(() => distinctCount(titles), [titles]);
  const batchTitles = batch?.titles;
  const current = useMemo(() => batchTitles !== undefined && sameTitles(batchTitles, titles), [batchTitles, titles]);
  const remaining = useMemo(() => (current && batch ? pendingCount(batch) : 0), [current, batch]);

  function applyTable(rows: string[][], name: string | null, sheet?: string) {
    const guess = guessTitleTable(rows);
    setSource({ rows, name, sheet, hasHeader: guess.hasHeader, column: guess.column, reason: guess.reason });
    setInputError(null);
    setRunStatus(null);
  }

  async function applyPasted() {
    const result = await readTitleText(paste);
    if (result.ok) applyTable(result.rows, null);
    else if (result.code === 'too-many-rows') setInputError(t('fileTooBig', { rows: result.rows, max: MAX_TITLE_ROWS }));
    else setInputError(t('fileEmpty'));
  }

  async function matchTitles(fresh: boolean) {
    if (nonBlank === 0) return setInputError(t('fileEmpty'));
    setRunStatus(null);
    let working = !fresh && current && batch ? batch : newBatch(titles, contentLang);
    setBatch(working);
    const groups = pendingGroups(working);
    const total = distinctCount(working.titles);
    const before = total - groups.length;
    let done = before;
    const outcome = await job.run(async (signal, _onProgress, setProgress) => {
      setProgress({ done, total, message: matcher.model ? undefined : t('modelNotReady') });
      // Without a model (it failed to load) the engine still matches keywords; the page says so.
      const mode: SearchMode | undefined = (await matcher.ready()) ? undefined : 'lexical';
      setKeywordsOnly(mode === 'lexical');
      setProgress({ done, total });
      for (let i = 0; i < groups.length; i += CHUNK) {
        const chunk = groups.slice(i, i + CHUNK);
        const hits = await matcher.client.search(
          chunk.map((group) => group.title),
          { target: 'occupations', k: K, lang: searchLang === 'auto' ? undefined : searchLang, mode, signal },
        );
        let next = withHits(working, chunk, hits);
        const unknown = [...new Set(hits.flat().map((hit) => hit.id))].filter((id) => !next.labels[id]);
        if (unknown.length) {
          const entries = await matcher.client.describe(unknown, 'occupations', next.labelsLang as Lang, { signal });
          next = { ...next, labels: { ...next.labels, ...labelsOf(entries) } };
        }
        // Only whole chunks (hits and labels) are kept, so a cancel never leaves a half-labelled row.
        working = next;
        setBatch(working);
        done += chunk.length;
        setProgress({ done, total });
      }
    });
    if (outcome !== 'failed') setRunStatus({ kind: outcome, done, total });
  }

  // Occupation labels follow the ESCO content language.
  useEffect(() => {
    if (!batch || batch.labelsLang === contentLang || job.running) return;
    const controller = new AbortController();
    const ids = allOccupationIds(batch);
    matcher.client
      .describe(ids, 'occupations', contentLang, { signal: controller.signal })
      .then((entries) => setBatch((b) => (b ? { ...b, labels: labelsOf(entries), labelsLang: contentLang } : b)))
      .catch(() => {});
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contentLang, batch?.labelsLang, job.running]);

  const exportHeader = {
    row: t('hExportRow'),
    title: t('hExportTitle'),
    uri: t('hExportUri'),
    label: t('hExportLabel'),
    isco: t('hExportIsco'),
    score: t('hExportScore'),
    edited: t('hExportEdited'),
    runnerUps: t('hExportRunnerUps'),
  };

  async function exportAs(kind: 'csv' | 'xlsx') {
    if (!batch) return;
    setExporting(true);
    try {
      const { header, rows } = batchTable(batch, exportHeader, t('edited'));
      if (kind === 'csv') downloadBlob(toCsv(header, rows), 'job-titles-esco.csv', CSV_TYPE);
      else {
        const bytes = await toXlsx([{ name: 'ESCO', header, rows, widths: [6, 40, 45, 40, 10, 8, 10, 80] }]);
        downloadBlob(bytes, 'job-titles-esco.xlsx', XLSX_TYPE);
      }
    } catch (error) {
      setInputError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  }

  const names = source ? columnNames(source.rows, source.hasHeader, (n) => t('columnN', { n })) : [];
  const headerCell = source?.rows[0]?.[source.column] ?? '';
  const matched = useMemo(() => (batch ? matchedCount(batch) : 0), [batch]);
  const matchable = useMemo(() => (batch ? batch.titles.filter(Boolean).length : 0), [batch]);

  return (
    <div className="card batch-titles">
      <h3>{t('batchHeading')}</h3>
      <p className="muted">{t('batchIntro', { max: MAX_TITLE_ROWS })}</p>
      <div className="two-col">
        <div className="field">
          <label htmlFor={pasteId}>{t('pasteLabel')}</label>
          <textarea id={pasteId} value={paste} onChange={(event) => setPaste(event.target.value)} spellCheck={false} data-testid="titles-paste" />
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => void applyPasted()} disabled={job.running || !paste.trim()}>
              {t('usePasted')}
            </button>
          </div>
        </div>
        <div className="field">
          <TableFileInput label={t('fileLabel')} testId="titles-file" onError={setInputError} onTable={(table) => applyTable(table.rows, table.name, table.sheet)} />
        </div>
      </div>
      <ErrorMessage message={inputError} onDismiss={() => setInputError(null)} />

      {source && (
        <div className="source-info" data-testid="titles-source">
          <p role="status">
            {source.name
              ? source.sheet
                ? t('sourceSheet', { rows: source.rows.length, sheet: source.sheet, name: source.name })
                : t('sourceFile', { rows: source.rows.length, name: source.name })
              : t('sourcePasted', { rows: source.rows.length })}{' '}
            <span data-testid="header-message">{source.hasHeader ? t('headerFound', { header: headerCell }) : t('headerNotFound')}</span>
          </p>
          <div className="button-row">
            <label className="checkbox">
              <input
                type="checkbox"
                checked={source.hasHeader}
                disabled={job.running}
                onChange={(event) => setSource({ ...source, hasHeader: event.target.checked })}
              />
              {t('firstRowHeader')}
            </label>
            {columnCount(source.rows) > 1 && (
              <>
                <label htmlFor={columnId}>{t('columnLabel')}</label>
                <select id={columnId} value={source.column} disabled={job.running} onChange={(event) => setSource({ ...source, column: Number(event.target.value) })}>
                  {names.map((name, c) => (
                    <option key={c} value={c}>
                      {name}
                    </option>
                  ))}
                </select>
              </>
            )}
          </div>
          <p data-testid="title-count">{t('titleCount', { count: nonBlank, distinct, blank: titles.length - nonBlank })}</p>
          <div className="button-row">
            <button type="button" onClick={() => void matchTitles(true)} disabled={job.running || nonBlank === 0}>
              {t('matchAll')}
            </button>
            {current && remaining > 0 && matched > 0 && !job.running && (
              <button type="button" className="secondary" onClick={() => void matchTitles(false)}>
                {t('matchRest', { count: remaining })}
              </button>
            )}
            {job.running && (
              <button type="button" className="secondary" onClick={job.cancel} data-testid="titles-cancel">
                {t('cancel')}
              </button>
            )}
            {!job.running && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setSource(null);
                  setBatch(null);
                  setPaste('');
                  setRunStatus(null);
                }}
              >
                {t('clear')}
              </button>
            )}
          </div>
        </div>
      )}

      {job.running && job.progress && (
        <ProgressBar
          label={job.progress.message ?? t('progress', { done: job.progress.done, total: job.progress.total })}
          done={job.progress.done}
          total={job.progress.total}
        />
      )}
      <ErrorMessage message={job.error} onDismiss={job.clearError} onRetry={() => void matchTitles(false)} />
      {keywordsOnly && <p className="notice">{t('keywordsOnly')}</p>}
      {runStatus && (
        <p role="status" className={runStatus.kind === 'cancelled' ? 'notice' : 'done-status'} data-testid="run-status">
          {runStatus.kind === 'done' ? t('done', { count: matched }) : t('cancelledPartial', { done: runStatus.done, total: runStatus.total })}
        </p>
      )}

      {batch && (
        <>
          <div className="button-row">
            <button type="button" className="secondary" onClick={() => void exportAs('csv')} disabled={exporting || matched === 0}>
              {t('exportCsv')}
            </button>
            <button type="button" className="secondary" onClick={() => void exportAs('xlsx')} disabled={exporting || matched === 0}>
              {t('exportXlsx')}
            </button>
            {exporting && <span className="status-text">{t('exporting')}</span>}
            {matched > 0 && matched < matchable && (
              <span className="status-text">{t('exportPartial', { done: matched, total: matchable })}</span>
            )}
          </div>
          <BatchTable batch={batch} onChange={setBatch} searchLang={searchLang} disabled={job.running} />
        </>
      )}
    </div>
  );
}

function labelsOf(entries: { id: string; label: string; isco?: { code: string }; url?: string }[]): Record<string, OccupationLabel> {
  const labels: Record<string, OccupationLabel> = {};
  for (const entry of entries) labels[entry.id] = { label: entry.label, isco: entry.isco?.code, url: entry.url };
  return labels;
}
