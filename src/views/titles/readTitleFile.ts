import { wrap, transfer, type Remote } from 'comlink';
import type { TitleFileApi, TitleFileInput, TitleFileResult } from './titleFile.worker';

/** One parsing worker, started on first use and kept: opening a second file is then instant. */
let remote: Remote<TitleFileApi> | null = null;

function parser(): Remote<TitleFileApi> {
  remote ??= wrap<TitleFileApi>(new Worker(new URL('./titleFile.worker.ts', import.meta.url), { type: 'module' }));
  return remote;
}

export const MAX_TITLE_ROWS = 20_000;
export const MAX_TITLE_FILE_BYTES = 50 * 1024 * 1024;

export async function readTitleFile(file: File): Promise<TitleFileResult> {
  const bytes = await file.arrayBuffer();
  const input: TitleFileInput = { kind: 'bytes', name: file.name, bytes, maxRows: MAX_TITLE_ROWS };
  return parser().parse(transfer(input, [bytes]));
}

export async function readTitleText(text: string): Promise<TitleFileResult> {
  return parser().parse({ kind: 'text', text, maxRows: MAX_TITLE_ROWS });
}

export type { TitleFileResult };
