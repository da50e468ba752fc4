import { useState } from 'react';
import { useT } from '../i18n';
import { downloadText, toCsv } from './csv';

export interface CopyDownloadProps {
  /** File name for the download, e.g. "resume-occupations.csv". */
  filename: string;
  header: string[];
  /** The rows, or a function computing them when a button is pressed. */
  rows: string[][] | (() => string[][]);
  disabled?: boolean;
}

/** "Copy as CSV" and "Download CSV" buttons; every cell is neutralised against formula injection. */
export function CopyDownload({ filename, header, rows, disabled }: CopyDownloadProps) {
  const t = useT();
  const [status, setStatus] = useState('');
  const currentRows = () => (typeof rows === 'function' ? rows() : rows);

  async function copy() {
    const data = currentRows();
    try {
      await navigator.clipboard.writeText(toCsv(header, data));
      setStatus(t('copied', { rows: data.length }));
    } catch {
      setStatus(t('copyFailed'));
    }
  }

  return (
    <div className="button-row copy-download">
      <button type="button" className="secondary" onClick={copy} disabled={disabled}>
        {t('copyCsv')}
      </button>
      <button type="button" className="secondary" onClick={() => downloadText(filename, toCsv(header, currentRows()))} disabled={disabled}>
        {t('downloadCsv')}
      </button>
      <span className="status-text" role="status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
