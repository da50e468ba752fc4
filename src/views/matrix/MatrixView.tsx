import { useDeferredValue, useEffect, useId, useMemo, useState } from 'react';
import type { Target } from '../../../workers/api';
import { formatScore, useLang, useT } from '../../i18n';
import { matrixStrings } from '../../i18n/strings/matrix';
import { useMatcher } from '../../matcher/useMatcher';
import { usePersistentLarge, usePersistentState } from '../../state/persist';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ProgressBar } from '../../components/ProgressBar';
import { downloadBlob, CSV_TYPE } from '../../export/download';
import { useJob } from '../titles/useJob';
import { TableFileInput } from '../titles/TableFileInput';
import { guessTitleTable, titlesFrom } from '../titles/titleTable';
import { Heatmap } from './Heatmap';
import { axisOrder, keepStrongestColumns, RAMP_STOPS, topPairs, valueRange, type Pair, type SortMode } from './heatmapModel';
import { matrixCsv, pairsCsv } from './matrixExport';
import { escoColumnIds } from './escoColumns';
import './matrix.css';

type Mode = 'lists' | Target;

/** What was computed, kept across reloads (IndexedDB stores the Float32Array as it is). */
interface MatrixResult {
  rowTexts: string[];
  colTexts: string[];
  /** ESCO URIs of the columns when the columns are ESCO entries. */
  colIds: string[] | null;
  rows: number;
  cols: number;
  values: Float32Array;
  /** Size of the ESCO side before the strongest columns were kept. */
  escoTotal?: number;
  target?: Target;
}

const MAX_LIST = 2000;
const MAX_ESCO_ROWS: Record<Target, number> = { occupations: 1000, skills: 200 };
/** ESCO columns kept for display: the ones most similar to any row. */
const ESCO_COLUMNS = 500;
const PAIRS_SHOWN = 50;
const PAIRS_EXPORTED = 100_000;

const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

export default function MatrixView() {
  const t = useT(matrixStrings);
  const { lang, contentLang } = useLang();
  const matcher = useMatcher();
  const job = useJob();
  const headingId = useId();
  const [mode, setMode] = usePersistentState<Mode>('matrix.mode', 'lists');
  const [listA, setListA] = usePersistentLarge<string>('matrix.listA', '');
  const [listB, setListB] = usePersistentLarge<string>('matrix.listB', '');
  const [result, setResult] = usePersistentLarge<MatrixResult | null>('matrix.result', null);
  const [rowSort, setRowSort] = usePersistentState<SortMode>('matrix.rowSort', 'input');
  const [colSort, setColSort] = usePersistentState<SortMode>('matrix.colSort', 'input');
  const [threshold, setThreshold] = usePersistentState<number>('matrix.threshold', 0.5);
  const [message, setMessage] = useState<string | null>(null);
  const [inputError, setInputError] = useState<string | null>(null);

  const a = useMemo(() => lines(listA), [listA]);
  const b = useMemo(() => lines(listB), [listB]);

  async function compute() {
    setInputError(null);
    setMessage(null);
    if (a.length === 0) return setInputError(t('emptyList', { list: 'A' }));
    const maxA = mode === 'lists' ? MAX_LIST : MAX_ESCO_ROWS[mode];
    if (a.length > maxA) return setInputError(t('tooMany', { list: 'A', count: a.length, max: maxA }));
    if (mode === 'lists' && b.length === 0) return setInputError(t('emptyList', { list: 'B' }));
    if (mode === 'lists' && b.length > MAX_LIST) return setInputError(t('tooMany', { list: 'B', count: b.length, max: MAX_LIST }));
    const outcome = await job.run(async (signal, onProgress, setProgress) => {
      if (!matcher.model) {
        setProgress({ done: 0, total: 0, message: t('modelNotReady') });
        if (!(await matcher.ready())) throw new Error(t('needsModel'));
      }
      setProgress({ done: 0, total: 0, message: t('computing', { rows: a.length, cols: mode === 'lists' ? b.length : 'ESCO' }) });
      const matrix = await matcher.client.similarityMatrix(a, mode === 'lists' ? b : { target: mode }, { signal, onProgress });
      if (mode === 'lists') {
        setResult({ rowTexts: a, colTexts: b, colIds: null, rows: matrix.rows, cols: matrix.cols, values: matrix.values });
        return;
      }
      const ids = await escoColumnIds(matrix, mode, signal);
      const kept = keepStrongestColumns(matrix, ESCO_COLUMNS);
      const keptIds = ids ? Array.from(kept.columns, (c) => ids[c]) : null;
      const entries = keptIds ? await matcher.client.describe(keptIds, mode, contentLang, { signal }) : [];
      const labelById = new Map(entries.map((entry) => [entry.id, entry.label]));
      setResult({
        rowTexts: a,
        colTexts: keptIds ? keptIds.map((id) => labelById.get(id) ?? id) : Array.from(kept.columns, (c) => `#${c + 1}`),
        colIds: keptIds,
        rows: kept.matrix.rows,
        cols: kept.matrix.cols,
        values: kept.matrix.values,
        escoTotal: matrix.cols,
        target: mode,
      });
    });
    if (outcome === 'cancelled') setMessage(t('cancelled'));
  }

  // ESCO column labels follow the content language.
  useEffect(() => {
    if (!result?.colIds || !result.target) return;
    const controller = new AbortController();
    matcher.client
      .describe(result.colIds, result.target, contentLang, { signal: controller.signal })
      .then((entries) => {
        const labelById = new Map(entries.map((entry) => [entry.id, entry.label]));
        const colTexts = result.colIds!.map((id) => labelById.get(id) ?? id);
        if (colTexts.some((text, i) => text !== result.colTexts[i])) setResult({ ...result, colTexts });
      })
      .catch(() => {});
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contentLang, result?.colIds]);

  const matrix = result;
  const rowOrder = useMemo(() => (matrix ? axisOrder(matrix, 'rows', rowSort, matrix.rowTexts) : new Int32Array()), [matrix, rowSort]);
  const colOrder = useMemo(() => (matrix ? axisOrder(matrix, 'cols', colSort, matrix.colTexts) : new Int32Array()), [matrix, colSort]);
  const range = useMemo(() => (matrix ? valueRange(matrix.values) : { min: 0, max: 1 }), [matrix]);
  // Dragging the threshold slider over a 1,000 × 1,000 matrix: redraw and re-list when the input is idle.
  const shownThreshold = useDeferredValue(threshold);
  const pairs = useMemo(() => (matrix ? topPairs(matrix, shownThreshold, PAIRS_SHOWN) : { pairs: [], total: 0 }), [matrix, shownThreshold]);

  const fmt = (v: number) => formatScore(v, lang);
  const describeCell = (pair: Pair, group: { rowFrom: number; rowTo: number; colFrom: number; colTo: number } | null) => {
    if (!matrix) return '';
    const base = { row: pair.row + 1, col: pair.col + 1, a: matrix.rowTexts[pair.row] ?? '', b: matrix.colTexts[pair.col] ?? '', value: fmt(pair.value) };
    const text = group
      ? t('cellInfoGroup', { ...base, rowFrom: group.rowFrom + 1, rowTo: group.rowTo, colFrom: group.colFrom + 1, colTo: group.colTo })
      : t('cellInfo', base);
    return pair.value < threshold ? `${text} (${t('belowThreshold')})` : text;
  };

  const pairHeader = { rank: 'rank', aLine: t('hRowIndex'), a: t('hA'), bLine: t('hColIndex'), b: t('hB'), bUri: t('hBUri'), value: t('hValue') };

  return (
    <section aria-labelledby={headingId} className="matrix-view">
      <h2 id={headingId}>{t('heading')}</h2>
      <p className="muted">{t('intro')}</p>

      <fieldset className="mode-choice">
        <legend>{t('modeLabel')}</legend>
        {(['lists', 'occupations', 'skills'] as const).map((value) => (
          <label key={value} className="radio">
            <input type="radio" name="matrix-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
            {t(value === 'lists' ? 'modeLists' : value === 'occupations' ? 'modeOccupations' : 'modeSkills')}
          </label>
        ))}
      </fieldset>

      <div className="two-col">
        <ListInput id="matrix-list-a" label={t('listA')} value={listA} onChange={setListA} count={a.length} list="A" onError={setInputError} />
        {mode === 'lists' && (
          <ListInput id="matrix-list-b" label={t('listB')} value={listB} onChange={setListB} count={b.length} list="B" onError={setInputError} />
        )}
      </div>

      <div className="button-row">
        <button type="button" onClick={() => void compute()} disabled={job.running}>
          {t('compute')}
        </button>
        {job.running && (
          <button type="button" className="secondary" onClick={job.cancel}>
            {t('cancel')}
          </button>
        )}
        {result && !job.running && (
          <button type="button" className="secondary" onClick={() => setResult(null)}>
            {t('clear')}
          </button>
        )}
      </div>
      {job.running && (
        <ProgressBar
          label={job.progress?.message ?? t('progressLabel')}
          done={job.progress?.done}
          total={job.progress?.total}
          indeterminate={!job.progress?.total}
        />
      )}
      <ErrorMessage message={inputError} onDismiss={() => setInputError(null)} />
      <ErrorMessage message={job.error} onDismiss={job.clearError} onRetry={() => void compute()} />
      {message && <p role="status">{message}</p>}

      {matrix && matrix.rows > 0 && matrix.cols > 0 && (
        <div className="card matrix-result" data-testid="matrix-result">
          <h3>{t('matrixHeading', { rows: matrix.rows, cols: matrix.cols })}</h3>
          {matrix.escoTotal !== undefined && (
            <p className="muted">
              {t('escoColumns', { shown: matrix.cols, total: matrix.escoTotal })} {!matrix.colIds && t('missingIds')}
            </p>
          )}
          <div className="matrix-controls">
            <SortSelect label={t('sortRows')} value={rowSort} onChange={setRowSort} t={t} />
            <SortSelect label={t('sortCols')} value={colSort} onChange={setColSort} t={t} />
            <ThresholdInput label={t('threshold')} hint={t('thresholdHint')} value={threshold} onChange={setThreshold} min={range.min} max={range.max} />
          </div>
          <Legend min={range.min} max={range.max} label={t('legendLabel', { min: fmt(range.min), max: fmt(range.max) })} low={t('legendLow')} high={t('legendHigh')} below={t('belowThreshold')} />
          <Heatmap
            matrix={matrix}
            rowOrder={rowOrder}
            colOrder={colOrder}
            min={range.min}
            max={range.max}
            threshold={shownThreshold}
            label={t('canvasLabel', { rows: matrix.rows, cols: matrix.cols })}
            describe={describeCell}
            hint={t('hoverHint')}
            rowLabels={matrix.rowTexts}
            colLabels={matrix.colTexts}
          />
          <div className="button-row">
            <button
              type="button"
              className="secondary"
              onClick={() => downloadBlob(matrixCsv(matrix, matrix.rowTexts, matrix.colTexts, rowOrder, colOrder), 'similarity-matrix.csv', CSV_TYPE)}
            >
              {t('exportMatrix')}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={pairs.total === 0}
              onClick={() => downloadBlob(pairsCsv(topPairs(matrix, shownThreshold, PAIRS_EXPORTED).pairs, matrix.rowTexts, matrix.colTexts, matrix.colIds, pairHeader), 'similarity-pairs.csv', CSV_TYPE)}
            >
              {t('exportPairs')}
            </button>
          </div>
          <PairsTable pairs={pairs.pairs} total={pairs.total} threshold={shownThreshold} matrix={matrix} t={t} fmt={fmt} />
        </div>
      )}
    </section>
  );
}

type T = ReturnType<typeof useT<keyof (typeof matrixStrings)['en'] & string>>;

function ListInput(props: { id: string; label: string; value: string; onChange: (v: string) => void; count: number; list: 'A' | 'B'; onError: (m: string) => void }) {
  const t = useT(matrixStrings);
  const countId = `${props.id}-count`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea id={props.id} value={props.value} onChange={(event) => props.onChange(event.target.value)} aria-describedby={countId} spellCheck={false} />
      <span id={countId} className="muted">
        {t('lineCount', { count: props.count })}
      </span>
      <TableFileInput
        label={t('openFile', { list: props.list })}
        testId={`${props.id}-file`}
        onError={props.onError}
        onTable={(table) => {
          const guess = guessTitleTable(table.rows);
          props.onChange(titlesFrom(table.rows, guess.hasHeader, guess.column).filter(Boolean).join('\n'));
        }}
      />
    </div>
  );
}

function SortSelect({ label, value, onChange, t }: { label: string; value: SortMode; onChange: (v: SortMode) => void; t: T }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as SortMode)}>
        <option value="input">{t('sortInput')}</option>
        <option value="max">{t('sortMax')}</option>
        <option value="mean">{t('sortMean')}</option>
        <option value="label">{t('sortLabel')}</option>
      </select>
    </div>
  );
}

function ThresholdInput({ label, hint, value, onChange, min, max }: { label: string; hint: string; value: number; onChange: (v: number) => void; min: number; max: number }) {
  const id = useId();
  const hintId = useId();
  const low = Math.floor(Math.min(min, value) * 100) / 100;
  const high = Math.ceil(Math.max(max, value) * 100) / 100;
  return (
    <div className="field threshold">
      <label htmlFor={id}>{label}</label>
      <div className="threshold-inputs">
        <input
          id={id}
          type="range"
          min={low}
          max={high}
          step={0.01}
          value={value}
          aria-describedby={hintId}
          onChange={(event) => onChange(Number(event.target.value))}
        />
        <input
          type="number"
          min={-1}
          max={1}
          step={0.01}
          value={value}
          aria-label={label}
          data-testid="threshold-number"
          onChange={(event) => Number.isFinite(event.target.valueAsNumber) && onChange(event.target.valueAsNumber)}
        />
      </div>
      <span id={hintId} className="muted">
        {hint}
      </span>
    </div>
  );
}

function Legend({ label, low, high, below, min, max }: { label: string; low: string; high: string; below: string; min: number; max: number }) {
  const { lang } = useLang();
  return (
    <div className="heatmap-legend" role="img" aria-label={label}>
      <span>
        {low} ({formatScore(min, lang)})
      </span>
      <span className="legend-ramp" style={{ background: `linear-gradient(to right, ${RAMP_STOPS.join(', ')})` }} />
      <span>
        {high} ({formatScore(max, lang)})
      </span>
      <span className="legend-below" aria-hidden="true" />
      <span>{below}</span>
    </div>
  );
}

function PairsTable({ pairs, total, threshold, matrix, t, fmt }: { pairs: Pair[]; total: number; threshold: number; matrix: MatrixResult; t: T; fmt: (v: number) => string }) {
  if (total === 0) return <p>{t('pairsNone', { threshold: fmt(threshold) })}</p>;
  const shown = pairs.slice(0, PAIRS_SHOWN);
  return (
    <>
      <h4>{t('pairsHeading', { threshold: fmt(threshold), count: total })}</h4>
      {total > PAIRS_SHOWN && <p className="muted">{t('pairsMore', { shown: PAIRS_SHOWN, max: PAIRS_EXPORTED })}</p>}
      <div className="table-scroll">
        <table className="plain" data-testid="pairs-table">
          <caption className="visually-hidden">{t('pairsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colRank')}</th>
              <th scope="col">{t('colA')}</th>
              <th scope="col">{t('colB')}</th>
              <th scope="col">{t('colValue')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((pair, i) => (
              <tr key={`${pair.row}-${pair.col}`}>
                <td>{i + 1}</td>
                <td>{matrix.rowTexts[pair.row]}</td>
                <td>{matrix.colTexts[pair.col]}</td>
                <td className="num">{fmt(pair.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
