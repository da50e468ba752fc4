/// <reference lib="webworker" />
import { extractText } from './extract';
import { FileReadError } from './errors';

/** Parsing worker: PDF and DOCX parsing is CPU-heavy, so it runs off the UI thread. */
export type ParseRequest = { id: number; file: Blob; name: string };
export type ParseResponse =
  | { id: number; ok: true; text: string; pages?: number }
  | { id: number; ok: false; code: string; detail: string };

self.addEventListener('message', async (event: MessageEvent<ParseRequest>) => {
  const { id, file, name } = event.data;
  try {
    const bytes = await file.arrayBuffer();
    const result = await extractText(bytes, name);
    postMessage({ id, ok: true, ...result } satisfies ParseResponse);
  } catch (error) {
    const code = error instanceof FileReadError ? error.code : 'brokenFile';
    const detail = error instanceof Error ? error.message : String(error);
    postMessage({ id, ok: false, code, detail } satisfies ParseResponse);
  }
});
