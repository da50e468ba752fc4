/**
 * Writes the prebuilt BM25 indexes (workers/engine/search/lexicalPrebuilt.ts) from the ESCO data in
 * public/data/esco/, and rewrites a file only when its bytes change. Called by tools/index/ensure.ts
 * (npm run build) and after npm run data.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EscoData } from '../../workers/engine/esco/store';
import { LexicalIndex } from '../../workers/engine/search/lexical';
import { lexicalDocs } from '../../workers/engine/search/lexicalCorpus';
import { encodeLexicalIndex, lexicalSource } from '../../workers/engine/search/lexicalFile';
import { lexicalIndexPath, PREBUILT_LEXICAL } from '../../workers/engine/search/lexicalPrebuilt';
import { nodeDataFiles, PUBLIC_DIR } from '../data/nodeFiles';

/** The bytes each prebuilt index must have, built now from the ESCO data under `publicDir`. */
export async function buildLexicalFiles(publicDir = PUBLIC_DIR): Promise<{ path: string; bytes: Uint8Array }[]> {
  const data = await EscoData.open(nodeDataFiles(publicDir));
  const out = [];
  for (const { target, lang } of PREBUILT_LEXICAL) {
    const docs = await lexicalDocs(data, target, lang);
    out.push({ path: lexicalIndexPath(target, lang), bytes: encodeLexicalIndex(LexicalIndex.build(docs), lexicalSource(docs)) });
  }
  return out;
}

/** Paths rewritten (empty when every file was current). */
export async function ensureLexicalIndexes(publicDir = PUBLIC_DIR): Promise<string[]> {
  const written: string[] = [];
  for (const { path, bytes } of await buildLexicalFiles(publicDir)) {
    const file = join(publicDir, path);
    if (existsSync(file) && Buffer.from(readFileSync(file)).equals(Buffer.from(bytes))) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    written.push(path);
  }
  return written;
}
