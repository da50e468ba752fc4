import { FileReadError, type FileErrorCode } from './errors';
import { MAX_FILE_BYTES, MAX_TEXT_BYTES } from './limits';
import type { ParseRequest, ParseResponse } from './parse.worker';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (r: { text: string; pages?: number }) => void; reject: (e: Error) => void }>();

function parsingWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<ParseResponse>) => {
    const entry = waiting.get(event.data.id);
    if (!entry) return;
    waiting.delete(event.data.id);
    if (event.data.ok) entry.resolve({ text: event.data.text, pages: event.data.pages });
    else entry.reject(new FileReadError(event.data.code as FileErrorCode, event.data.detail));
  });
  worker.addEventListener('error', (event) => {
    for (const entry of waiting.values()) entry.reject(new FileReadError('brokenFile', event.message));
    waiting.clear();
    worker?.terminate();
    worker = null;
  });
  return worker;
}

/** Reading a 10 MB PDF takes a few seconds; a minute means something is wrong. */
export const PARSE_TIMEOUT_MS = 60_000;

const isPlainText = (name: string) => /\.(txt|md|markdown|text)$/i.test(name);

/** Checks size limits, then reads the file's text in the parsing worker. Rejects with FileReadError. */
export function parseFile(file: File, maxBytes = MAX_FILE_BYTES): Promise<{ text: string; pages?: number }> {
  if (file.size === 0) return Promise.reject(new FileReadError('empty'));
  if (file.size > maxBytes) return Promise.reject(new FileReadError('tooLarge'));
  if (isPlainText(file.name) && file.size > MAX_TEXT_BYTES) return Promise.reject(new FileReadError('textTooLarge'));
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    // A parser stuck on a strange file must not leave the person waiting forever: end the worker
    // (the next file gets a fresh one) and say so.
    const timer = setTimeout(() => {
      waiting.delete(id);
      worker?.terminate();
      worker = null;
      for (const entry of waiting.values()) entry.reject(new FileReadError('timeout'));
      waiting.clear();
      reject(new FileReadError('timeout'));
    }, PARSE_TIMEOUT_MS);
    waiting.set(id, {
      resolve: (result) => {
        clearTimeout(timer);
        resolve(result);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    parsingWorker().postMessage({ id, file, name: file.name } satisfies ParseRequest);
  });
}
