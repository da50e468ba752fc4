/**
 * Hybrid ranking of short queries against a corpus (ESCO occupations, skills, or a user's list):
 *   dense    cosine of the query embedding (role 'query') with the corpus vectors
 *   lexical  BM25 over labels (lexical.ts)
 *   hybrid   cosine + β · BM25 / best BM25 over both candidate lists, β set by the share of
 *            query words the lexical index knows, and by how much of that the model never saw
 *            (fusion.ts: hybridFusion)
 * Hit.score is the cosine, the BM25 score or the fused score, by mode; in hybrid mode Hit.dense and
 * Hit.lexical carry the cosine and BM25 score of the entry (lexical absent when BM25 did not find it).
 */
import type { Hit, ProgressCallback, SearchMode } from '../../api';
import { abortError } from './abort';
import type { TextEmbedder } from './buildIndex';
import { normalizeRows } from './dense';
import { defaultDenseScorer, entryCosine, type DenseScorer } from './denseScorer';
import { hybridFusion } from './fusion';
import { knownWordFilter } from './knownText';
import type { EmbeddingIndex } from './indexFormat';
import type { TopKResult } from '../similarity/topK';
import type { LexicalSearcher } from './translate';

export interface Corpus {
  readonly size: number;
  /** The id a Hit reports: an ESCO URI or a list's 0-based line number. */
  idOf(index: number): string;
  dense(request: { signal?: AbortSignal; onProgress?: ProgressCallback }): Promise<EmbeddingIndex>;
  lexical(): Promise<LexicalSearcher>;
}

export interface RankOptions {
  k: number;
  mode: SearchMode;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  /** Dense scoring path (default: onnxruntime's CPU kernels, JavaScript fallback). */
  scorer?: DenseScorer;
}

/** Candidates taken from each list before fusion: deep enough that fusion can reorder the top k. */
export function candidateDepth(k: number): number {
  return Math.max(3 * k, 50);
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

/** Every query must have words: the first that does not is reported by its index in the list. */
export function checkQueries(queries: readonly unknown[]): void {
  const empty = queries.findIndex((q) => typeof q !== 'string' || q.trim() === '');
  if (empty >= 0) throw new TypeError(`query ${empty} is empty`);
}

export async function rankQueries(
  corpus: Corpus,
  embedder: TextEmbedder | null,
  queries: string[],
  options: RankOptions,
): Promise<Hit[][]> {
  const { k, mode, signal, onProgress } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  checkQueries(queries);
  const depth = Math.min(candidateDepth(k), corpus.size);
  const useDense = mode !== 'lexical';
  const useLexical = mode !== 'dense';
  if (useDense && !embedder) throw new Error(`search mode "${mode}" needs a loaded model`);

  let dense: { index: EmbeddingIndex; vectors: Float32Array; top: TopKResult[] } | null = null;
  if (useDense) {
    const index = await corpus.dense({ signal, onProgress });
    const vectors = await embedQueries(embedder!, queries, signal, onProgress);
    if (signal?.aborted) throw abortError();
    const top = await (options.scorer ?? defaultDenseScorer).topEntries(index, vectors, queries.length, depth, signal);
    dense = { index, vectors, top };
  }
  const lexical = useLexical ? await corpus.lexical() : null;
  // The words the model saw in training (when it lists them): where the lexical index knows more of
  // a query than the model, the lexical side gets more say (fusion.ts MODEL_GAP_BETA).
  const known = useDense && useLexical ? await embedder!.knownWords?.() : null;
  const modelWords = known ? knownWordFilter(known) : null;
  const results: Hit[][] = [];
  for (let q = 0; q < queries.length; q++) {
    if (signal?.aborted) throw abortError();
    const top = dense?.top[q];
    const denseTop = top ? Array.from(top.indexes) : [];
    const topScore = new Map(denseTop.map((id, i) => [id, top!.scores[i]]));
    // Cosine of any entry: from the top list, else computed for that entry alone (a BM25-only hit).
    const cosine = (id: number) => topScore.get(id) ?? entryCosine(dense!.index, dense!.vectors, q, id);
    const lexicalHits = lexical ? lexical.search(queries[q], depth) : [];
    const bm25 = new Map(lexicalHits.map((h) => [h.id, h.score]));
    if (mode === 'dense') {
      results.push(denseTop.slice(0, k).map((i) => ({ id: corpus.idOf(i), score: cosine(i), dense: cosine(i) })));
    } else if (mode === 'lexical') {
      results.push(lexicalHits.slice(0, k).map((h) => ({ id: corpus.idOf(h.id), score: h.score, lexical: h.score })));
    } else {
      const fused = hybridFusion(
        { ids: denseTop, scores: top!.scores },
        { ids: lexicalHits.map((h) => h.id), scores: lexicalHits.map((h) => h.score) },
        lexical!.knownShare(queries[q]),
        cosine,
        modelWords ? modelWords.gap(queries[q], lexical!) : 0,
      );
      results.push(
        fused.slice(0, k).map((f) => {
          const hit: Hit = { id: corpus.idOf(f.id), score: f.score, dense: cosine(f.id) };
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
