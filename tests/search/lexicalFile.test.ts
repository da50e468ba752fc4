/**
 * The prebuilt BM25 index (lexicalFile.ts, lexicalPrebuilt.ts): a stored index ranks exactly like
 * the one built from the same labels, the shipped file is the one today's code and ESCO data build,
 * and a stale or damaged file is not used (the engine builds the index instead).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_DIR, nodeDataFiles } from '../../tools/data/nodeFiles';
import { buildLexicalFiles } from '../../tools/index/lexical';
import { EscoData } from '../../workers/engine/esco/store';
import { LexicalIndex, type LexicalDoc } from '../../workers/engine/search/lexical';
import { lexicalDocs } from '../../workers/engine/search/lexicalCorpus';
import type { LexicalSearcher } from '../../workers/engine/search/translate';
import { decodeLexicalIndex, encodeLexicalIndex, LexicalFileError, lexicalSource } from '../../workers/engine/search/lexicalFile';
import { lexicalIndexPath, PREBUILT_LEXICAL } from '../../workers/engine/search/lexicalPrebuilt';
import { SearchEngine } from '../../workers/engine/search/engine';
import { memoryFiles, smallEscoData } from './helpers';

const QUERIES = [
  'software developer', 'sofware developper', 'nurse', 'Krankenpfleger', 'Softwareentwickler',
  'c++ programmer', 'head chef in a restaurant kitchen', 'managing director', 'the of and', 'xyzzy',
];

function expectSameRanking(a: LexicalSearcher, b: LexicalSearcher, queries = QUERIES): void {
  for (const query of queries) {
    for (const loose of [true, false]) {
      expect(b.search(query, 20, { loose }), `${query} (loose ${loose})`).toEqual(a.search(query, 20, { loose }));
    }
    expect(b.knownShare(query)).toBe(a.knownShare(query));
  }
}

const docs: LexicalDoc[] = [
  { id: 0, labels: ['software developer', 'Softwareentwickler'], english: ['software developer'] },
  { id: 1, labels: ['nurse responsible for general care', 'Krankenpfleger'] },
  { id: 2, labels: ['head chef', 'executive chef'], description: 'Runs a restaurant kitchen.' },
  { id: 3, labels: ['C++ programmer'] },
  { id: 5, labels: [] },
];

describe('lexical index file', () => {
  it('stores an index that ranks exactly like the built one, and the same index gives the same bytes', () => {
    const built = LexicalIndex.build(docs);
    const source = lexicalSource(docs);
    const bytes = encodeLexicalIndex(built, source);
    expect(encodeLexicalIndex(LexicalIndex.build(docs), source)).toEqual(bytes);
    const loaded = decodeLexicalIndex(bytes, source);
    expect(loaded).not.toBeNull();
    expectSameRanking(built, loaded!);
    expect(loaded!.compoundParts('Softwareentwickler')).toEqual(built.compoundParts('Softwareentwickler'));
    // An odd offset (a slice of a larger download) still decodes.
    const shifted = new Uint8Array(bytes.byteLength + 1);
    shifted.set(bytes, 1);
    expectSameRanking(built, decodeLexicalIndex(shifted.subarray(1), source)!);
  });

  it('is not used for other documents, and a damaged file is an error', () => {
    const bytes = encodeLexicalIndex(LexicalIndex.build(docs), lexicalSource(docs));
    const changed = docs.map((d) => (d.id === 2 ? { ...d, labels: ['sous chef'] } : d));
    expect(lexicalSource(changed)).not.toBe(lexicalSource(docs));
    expect(decodeLexicalIndex(bytes, lexicalSource(changed))).toBeNull();
    expect(() => decodeLexicalIndex(bytes.slice(0, bytes.byteLength - 40), lexicalSource(docs))).toThrow(LexicalFileError);
    expect(() => decodeLexicalIndex(new TextEncoder().encode('PK\u0003\u0004 not an index at all'), lexicalSource(docs))).toThrow(/bad magic/);
  });

  it('ships the index that the current code builds from the current ESCO data', async () => {
    const expected = await buildLexicalFiles();
    expect(expected.map((f) => f.path)).toEqual(PREBUILT_LEXICAL.map((p) => lexicalIndexPath(p.target, p.lang)));
    for (const { path, bytes } of expected) {
      const shipped = new Uint8Array(readFileSync(join(PUBLIC_DIR, path)));
      expect(Buffer.from(shipped).equals(Buffer.from(bytes)), `${path} is stale: run npm run build (or npx tsx tools/index/ensure.ts)`).toBe(true);
    }
    // and the shipped English occupations index ranks like one built now from the real labels
    const data = await EscoData.open(nodeDataFiles());
    const real = await lexicalDocs(data, 'occupations', 'en');
    const shipped = decodeLexicalIndex(new Uint8Array(readFileSync(join(PUBLIC_DIR, lexicalIndexPath('occupations', 'en')))), lexicalSource(real));
    expectSameRanking(LexicalIndex.build(real), shipped!);
  }, 60_000);
});

describe('SearchEngine with a prebuilt lexical index', () => {
  async function engineWith(file: (docs: LexicalDoc[]) => Uint8Array | null) {
    const { data, files } = await smallEscoData();
    const read: string[] = [];
    const docs = await lexicalDocs(data, 'occupations', 'en');
    const bytes = file(docs);
    if (bytes) files.set(lexicalIndexPath('occupations', 'en'), bytes);
    const tracked = memoryFiles(files);
    const spied = { ...tracked, bytes: (path: string) => (read.push(path), tracked.bytes(path)) };
    const engine = new SearchEngine({ data: await EscoData.open(spied), modelFiles: memoryFiles(new Map()) });
    return { engine, read, built: LexicalIndex.build(docs) };
  }

  it('loads the shipped file instead of building, with the same results', async () => {
    const { engine, read, built } = await engineWith((docs) => encodeLexicalIndex(LexicalIndex.build(docs), lexicalSource(docs)));
    const index = await engine.lexicalIndex('occupations', 'en');
    expect(read).toContain(lexicalIndexPath('occupations', 'en'));
    expectSameRanking(built, index, ['nurse', 'software developer', 'chef']);
    const [hits] = await engine.search(null, ['nurse'], { target: 'occupations', k: 3, mode: 'lexical' });
    expect(hits.length).toBeGreaterThan(0);
  });

  it('builds the index when the file is stale, damaged or missing', async () => {
    const stale = (docs: LexicalDoc[]) => encodeLexicalIndex(LexicalIndex.build(docs.slice(1)), lexicalSource(docs.slice(1)));
    const damaged = (docs: LexicalDoc[]) => encodeLexicalIndex(LexicalIndex.build(docs), lexicalSource(docs)).slice(0, 100);
    for (const file of [stale, damaged, () => null]) {
      const { engine, built } = await engineWith(file);
      expectSameRanking(built, await engine.lexicalIndex('occupations', 'en'), ['nurse', 'software developer', 'chef']);
    }
  });
});
