import { useId, useRef, useState, type DragEvent } from 'react';
import { formatBytes, useLang, useT } from '../../i18n';
import { titlesStrings } from '../../i18n/strings/titles';
import { ProgressBar } from '../../components/ProgressBar';
import { MAX_TITLE_FILE_BYTES, MAX_TITLE_ROWS, readTitleFile } from './readTitleFile';

export interface TableFile {
  rows: string[][];
  name: string;
  sheet?: string;
}

const ACCEPT = ['.csv', '.tsv', '.txt', '.xlsx', '.xls'];

/**
 * A file button and drop zone for spreadsheets (CSV/TSV/TXT/XLSX). The file is read in a worker;
 * size and row limits are checked before the parse, and every failure becomes a sentence that
 * says what to do.
 */
export function TableFileInput({ label, onTable, onError, testId }: {
  label: string;
  onTable: (table: TableFile) => void;
  onError: (message: string) => void;
  testId?: string;
}) {
  const t = useT(titlesStrings);
  const { lang } = useLang();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [over, setOver] = useState(false);

  async function handle(file: File | undefined) {
    if (!file) return;
    if (!ACCEPT.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      onError(t('fileWrongType', { name: file.name }));
      return;
    }
    if (file.size > MAX_TITLE_FILE_BYTES) {
      onError(t('fileTooLarge', { size: formatBytes(file.size, lang), max: formatBytes(MAX_TITLE_FILE_BYTES, lang) }));
      return;
    }
    setBusy(file.name);
    try {
      const result = await readTitleFile(file);
      if (result.ok) onTable({ rows: result.rows, name: file.name, sheet: result.sheet });
      else if (result.code === 'too-many-rows') onError(t('fileTooBig', { rows: result.rows, max: MAX_TITLE_ROWS }));
      else if (result.code === 'empty') onError(t('fileEmpty'));
      else if (result.code === 'old-excel') onError(t('fileOldExcel'));
      else onError(t('fileUnreadable', { detail: result.detail }));
    } catch (error) {
      onError(t('fileUnreadable', { detail: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    void handle(event.dataTransfer.files[0]);
  }

  return (
    <div
      className={`file-drop${over ? ' file-drop-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {/* A real, labelled file input (keyboard: Tab, then Enter or Space opens the picker). */}
      <label htmlFor={inputId} className="file-label">
        {label}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        type="file"
        accept={ACCEPT.join(',')}
        aria-describedby={hintId}
        disabled={busy !== null}
        data-testid={testId}
        onChange={(event) => void handle(event.target.files?.[0])}
      />
      <span id={hintId} className="muted">
        {t('fileDropHint')}
      </span>
      {busy && <ProgressBar label={t('fileReading', { name: busy })} indeterminate />}
    </div>
  );
}
