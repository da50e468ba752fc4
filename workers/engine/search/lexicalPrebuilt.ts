/**
 * Which BM25 indexes ship prebuilt (lexicalFile.ts), and loading them. The English ones ship:
 * occupations are on the cold-start path of every visit, and skills on every first resume
 * analysis, where building the index cost ~0.7 s of the worker (Node: 0.62–0.73 s to build
 * against 0.07–0.09 s to decode the 4.8 MB file, 1.7 MB gzip). The other languages' indexes are
 * built on first use; shipping them would add 0.9–2 MB (gzip) each to the download.
 */
import type { Lang, Target } from '../../api';
import type { DataFiles } from '../esco/files';
import type { LexicalDoc, LexicalIndex } from './lexical';
import { decodeLexicalIndex, lexicalSource } from './lexicalFile';

export const PREBUILT_LEXICAL: readonly { target: Target; lang: Lang }[] = [{ target: 'occupations', lang: 'en' }, { target: 'skills', lang: 'en' }];

/** Path under the app's public root. */
export function lexicalIndexPath(target: Target, lang: Lang): string {
  return `data/lexical/${target}.${lang}.bin`;
}

export function isPrebuiltLexical(target: Target, lang: Lang): boolean {
  return PREBUILT_LEXICAL.some((p) => p.target === target && p.lang === lang);
}

/** The shipped file's bytes (or why there are none), for loadPrebuiltLexical; null when none ships. */
export function fetchPrebuiltLexical(files: DataFiles, target: Target, lang: Lang): Promise<Uint8Array | Error> | null {
  if (!isPrebuiltLexical(target, lang)) return null;
  return files.bytes(lexicalIndexPath(target, lang)).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

/**
 * The shipped index for these documents, or null (it is missing or damaged, or it was built from
 * other documents): the caller then builds the index, so a stale file costs time, never wrong
 * results.
 */
export async function loadPrebuiltLexical(file: Uint8Array | Error, target: Target, lang: Lang, docs: LexicalDoc[]): Promise<LexicalIndex | null> {
  const path = lexicalIndexPath(target, lang);
  try {
    if (file instanceof Error) throw file;
    const index = decodeLexicalIndex(file, lexicalSource(docs));
    if (!index) console.warn(`${path} was built from other ESCO data or an older format; building the index instead (npm run build updates it)`);
    return index;
  } catch (error) {
    console.warn(`${path} could not be used (${error instanceof Error ? error.message : error}); building the index instead`);
    return null;
  }
}
