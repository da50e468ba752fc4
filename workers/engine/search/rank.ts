/**
 * Hybrid ranking of short queries against a corpus (ESCO occupations, skills, or a user's list):
 *   dense    cosine of the query embedding (role 'query') with the corpus vectors
 *   lexical  BM25 over labels (lexical.ts)
 *   hybrid   reciprocal-rank fusion of the two candidate lists, the BM25 list weighted by the
 *            share of query terms the lexical index knows (fusion.ts: hybridFusion)
 * Hit.score is the cosine, the BM25 score or the fused score, by mode; in hybrid mode Hit.dense and
 * Hit.lexical carry the cosine and BM25 score of the entry (lexical absent when BM25 did not find it).
 */
import type { Hit, ProgressCallback, SearchMode } from '../../api';
import { abortError } from './abort';
import type { TextEmbedder } from './buildIndex';
import { entryScores, normalizeRows, topK } from './dense';
import { hybridFusion } from './fusion';
import type { EmbeddingIndex } from './indexFormat';
import type { LexicalIndex } from './lexical';
import { isStopword, wordTokens } from './tokenize';

export interface Corpus {
  readonly size: number;
  /** The id a Hit reports: an ESCO URI or a list's 0-based line number. */
  idOf(index: number): string;
  dense(request: { signal?: AbortSignal; onProgress?: ProgressCallback }): Promise<EmbeddingIndex>;
  lexical(): Promise<LexicalIndex>;
}

export interface RankOptions {
  k: number;
  mode: SearchMode;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

/** Candidates taken from each list before fusion: deep enough that fusion can reorder the top k. */
export function candidateDepth(k: number): number {
  return Math.max(3 * k, 50);
}

/**
 * Share of the query's words (stopwords aside) that the lexical index matches exactly, compound
 * parts included: ~0 for a query in another language or a compound ESCO does not use.
 */
export function lexicalKnownShare(lexical: LexicalIndex, query: string): number {
  const terms = [...new Set(wordTokens(query).filter((t) => !isStopword(t)))];
  if (!terms.length) return 0;
  const known = terms.filter((t) => lexical.search(t, 1, { loose: false }).length > 0).length;
  return known / terms.length;
}

export async function embedQueries(
  embedder: TextEmbedder,
  texts: string[],
  signal?: AbortSignal,
  onProgress?: ProgressCallback,
): Promise<Float32Array> {
  const vectors = await embedder.embed(texts, {
    role: 'query',
    signal,
    onProgress: onProgress && ((done, total) => onProgress({ status: 'work', stage: 'embed', done, total })),
  });
  return normalizeRows(vectors, embedder.dim);
}

export async function rankQueries(
  corpus: Corpus,
  embedder: TextEmbedder | null,
  queries: string[],
  options: RankOptions,
): Promise<Hit[][]> {
  const { k, mode, signal, onProgress } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const empty = queries.findIndex((q) => typeof q !== 'string' || q.trim() === '');
  if (empty >= 0) throw new TypeError(`query ${empty} is empty`);
  const depth = Math.min(candidateDepth(k), corpus.size);
  const useDense = mode !== 'lexical';
  const useLexical = mode !== 'dense';
  if (useDense && !embedder) throw new Error(`search mode "${mode}" needs a loaded model`);

  let scores: Float32Array | null = null;
  if (useDense) {
    const index = await corpus.dense({ signal, onProgress });
    const vectors = await embedQueries(embedder!, queries, signal, onProgress);
    if (signal?.aborted) throw abortError();
    scores = entryScores(index, vectors);
  }
  const lexical = useLexical ? await corpus.lexical() : null;
  const n = corpus.size;
  const results: Hit[][] = [];
  for (let q = 0; q < queries.length; q++) {
    if (signal?.aborted) throw abortError();
    const row = scores ? scores.subarray(q * n, (q + 1) * n) : null;
    const denseTop = row ? topK(row, depth) : [];
    const lexicalHits = lexical ? lexical.search(queries[q], depth) : [];
    const bm25 = new Map(lexicalHits.map((h) => [h.id, h.score]));
    if (mode === 'dense') {
      results.push(denseTop.slice(0, k).map((i) => ({ id: corpus.idOf(i), score: row![i], dense: row![i] })));
    } else if (mode === 'lexical') {
      results.push(lexicalHits.slice(0, k).map((h) => ({ id: corpus.idOf(h.id), score: h.score, lexical: h.score })));
    } else {
      const fused = hybridFusion(denseTop, lexicalHits.map((h) => h.id), lexicalKnownShare(lexical!, queries[q]));
      results.push(
        fused.slice(0, k).map((f) => {
          const hit: Hit = { id: corpus.idOf(f.id), score: f.score, dense: row![f.id] };
          const lex = bm25.get(f.id);
          if (lex !== undefined) hit.lexical = lex;
          return hit;
        }),
      );
    }
    onProgress?.({ status: 'work', stage: 'rank', done: q + 1, total: queries.length });
  }
  return results;
}
