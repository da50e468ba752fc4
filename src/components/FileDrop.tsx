import { useId, useRef, useState, type DragEvent } from 'react';
import { formatBytes, useLang, useT } from '../i18n';
import { fileStrings } from '../i18n/strings/files';
import { FileReadError } from '../files/errors';
import { MAX_TEXT_CHARS } from '../files/limits';
import { parseFile } from '../files/parseFile';
import { ProgressBar } from './ProgressBar';

export interface FileDropProps {
  /** Extensions, e.g. ['.pdf', '.docx', '.txt', '.md']. */
  accept: string[];
  /** Files above this size are refused before they are read. */
  maxBytes: number;
  onText: (text: string, fileName: string) => void;
  /** A message that says what went wrong and what to do; the caller shows it. */
  onError: (message: string) => void;
  /** Visible label of the button; defaults to "Open a file…". */
  label?: string;
}

/**
 * A file button (keyboard: Tab + Enter/Space) and a drop zone. Files are parsed in a worker,
 * after the size checks; the text comes back as plain text.
 */
export function FileDrop({ accept, maxBytes, onText, onError, label }: FileDropProps) {
  const t = useT();
  const tf = useT(fileStrings);
  const { lang } = useLang();
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const [status, setStatus] = useState('');

  async function handle(file: File | undefined) {
    if (!file) return;
    setBusy(file.name);
    setStatus('');
    try {
      const { text } = await parseFile(file, maxBytes);
      setStatus(t('fileRead', { chars: text.length, name: file.name }));
      onText(text, file.name);
    } catch (error) {
      const code = error instanceof FileReadError ? error.code : 'brokenFile';
      const max = code === 'textTooLarge' ? tf('maxChars', { n: MAX_TEXT_CHARS }) : formatBytes(maxBytes, lang);
      onError(`${file.name}: ${tf(code, { max })}`);
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
      <input
        ref={inputRef}
        type="file"
        accept={accept.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="file-input"
        onChange={(event) => void handle(event.target.files?.[0])}
      />
      <button type="button" onClick={() => inputRef.current?.click()} aria-describedby={hintId} disabled={busy !== null}>
        {label ?? t('fileChoose')}
      </button>
      <span id={hintId} className="muted">
        {t('fileDropHint', { types: accept.map((a) => a.replace('.', '').toUpperCase()).join(', '), max: formatBytes(maxBytes, lang) })}
      </span>
      {busy && <ProgressBar label={t('fileReading', { name: busy })} indeterminate />}
      <span className="visually-hidden" role="status">
        {status}
      </span>
    </div>
  );
}
