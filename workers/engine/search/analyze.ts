/**
 * Long texts (resume, job ad, course page) against occupations and skills: segment the text
 * (segment.ts), embed every segment as a query, score each segment against the corpus, and rank
 * entries by the max + mean aggregation of aggregate.ts. Each hit lists its evidence segments.
 * In hybrid mode the two aggregate scores are combined as short queries combine theirs (fusion.ts),
 * with a larger lexical weight: textLexicalBeta.
 */
import type { Hit, Lang, ProgressCallback, SearchMode, Segment } from '../../api';
import { abortError } from './abort';
import { aggregateSegmentHits, type AggregatedEntry, type SegmentHit } from './aggregate';
import type { TextEmbedder } from './buildIndex';
import { defaultDenseScorer, type DenseScorer } from './denseScorer';
import { convexFusion, reciprocalRankFusion, textLexicalBeta } from './fusion';
import { knownWordFilter } from './knownText';
import { embedQueries, type Corpus } from './rank';

/** Entries kept per segment (the T(e) of aggregate.ts). */
export const PER_SEGMENT = 20;

export interface AnalyzeCorpusOptions {
  k: number;
  mode: SearchMode;
  lambda: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  /** Dense scoring path (default: onnxruntime's CPU kernels, JavaScript fallback). */
  scorer?: DenseScorer;
  /**
   * Hybrid rule: 'convex' (the app's) or 'rrf', reciprocal-rank fusion of the two aggregate
   * rankings, the rule before (kept for the eval's comparison, tools/eval/textAnalysis.ts).
   */
  fusion?: 'convex' | 'rrf';
}

/**
 * A text's segments embedded as queries, each without the words the model never saw when the
 * model lists the words it knows (knownText.ts: names, places and brand words in a resume or job
 * ad otherwise pull a static model's vector towards unrelated entries).
 */
export async function embedSegments(
  embedder: TextEmbedder,
  segments: Segment[],
  lang: Lang,
  signal?: AbortSignal,
  onProgress?: ProgressCallback,
): Promise<Float32Array> {
  const known = await embedder.knownWords?.();
  const filter = known ? knownWordFilter(known) : null;
  return embedQueries(embedder, segments.map((s) => (filter ? filter.keep(s.text, lang) : s.text)), signal, onProgress);
}

/**
 * Ranks a corpus for already segmented text. `segmentVectors` are the unit-length query
 * embeddings of the segments (null in lexical mode).
 */
export async function analyzeSegments(
  corpus: Corpus,
  segments: Segment[],
  segmentVectors: Float32Array | null,
  options: AnalyzeCorpusOptions,
): Promise<Hit[]> {
  const { k, mode, lambda, signal, onProgress } = options;
  const S = segments.length;
  if (S === 0) return [];
  const n = corpus.size;
  const perSegment = Math.min(PER_SEGMENT, n);

  // Lexical first (cheap): in hybrid mode its entries are scored by the dense side too.
  let lexical: AggregatedEntry[] = [];
  let knownShare = 0;
  if (mode !== 'dense') {
    const index = await corpus.lexical();
    const raw = [];
    for (const segment of segments) {
      if (signal?.aborted) throw abortError();
      raw.push(index.search(segment.text, perSegment, { loose: false }));
    }
    // Scale by the text's strongest match (not each segment's own best), so a segment whose best
    // match is weak stays weak; lexical.ts scores per matched term, so segment length matters little.
    const best = Math.max(1e-9, ...raw.map((hits) => hits[0]?.score ?? 0));
    const lists: SegmentHit[][] = raw.map((hits) => hits.map((h) => ({ id: h.id, score: h.score / best })));
    lexical = aggregateSegmentHits(lists, { lambda });
    knownShare = index.knownShare(segments.map((s) => s.text).join(' '));
  }

  let dense: AggregatedEntry[] = [];
  let denseOnly: (id: number) => number = () => 0;
  if (mode !== 'lexical') {
    if (!segmentVectors) throw new Error(`mode "${mode}" needs segment embeddings`);
    const index = await corpus.dense({ signal, onProgress });
    if (signal?.aborted) throw abortError();
    const scorer = options.scorer ?? defaultDenseScorer;
    const tops = await scorer.topEntries(index, segmentVectors, S, perSegment, signal);
    const lists: SegmentHit[][] = tops.map((top) => Array.from(top.indexes, (id, i) => ({ id, score: top.scores[i] })));
    // The max term of the aggregation looks at every segment for each candidate entry: score the
    // candidates only (S × candidates), not the whole corpus. The lexical side's entries are
    // candidates too: the fusion below needs their cosines.
    const candidates = [...new Set([...lists.flat().map((h) => h.id), ...lexical.map((e) => e.id)])].sort((a, b) => a - b);
    const column = new Map(candidates.map((id, c) => [id, c]));
    const sub = await scorer.scoresFor(index, segmentVectors, S, candidates);
    const C = candidates.length;
    const scoreOf = (s: number, e: number) => sub[s * C + column.get(e)!];
    dense = aggregateSegmentHits(lists, { lambda, scoreOf });
    // An entry no segment has among its dense best: the max term alone (its mean term is empty).
    denseOnly = (e) => {
      let max = -Infinity;
      for (let s = 0; s < S; s++) max = Math.max(max, scoreOf(s, e));
      return lambda * max;
    };
  }

  if (mode === 'dense') return dense.slice(0, k).map((e) => ({ id: corpus.idOf(e.id), score: e.score, dense: e.score, evidence: e.evidence }));
  if (mode === 'lexical') return lexical.slice(0, k).map((e) => ({ id: corpus.idOf(e.id), score: e.score, lexical: e.score, evidence: e.evidence }));

  const byDense = new Map(dense.map((e) => [e.id, e]));
  const byLexical = new Map(lexical.map((e) => [e.id, e]));
  const fused =
    options.fusion === 'rrf'
      ? reciprocalRankFusion([{ ids: dense.map((e) => e.id) }, { ids: lexical.map((e) => e.id) }])
      : convexFusion(
          { ids: dense.map((e) => e.id), scores: dense.map((e) => e.score) },
          { ids: lexical.map((e) => e.id), scores: lexical.map((e) => e.score) },
          textLexicalBeta(knownShare),
          denseOnly,
        );
  return fused.slice(0, k).map((f) => {
    const d = byDense.get(f.id);
    const l = byLexical.get(f.id);
    // Evidence: dense segments first (they carry the meaning), then lexical ones not yet listed.
    const evidence = [...new Set([...(d?.evidence ?? []), ...(l?.evidence ?? [])])].slice(0, 3);
    const hit: Hit = { id: corpus.idOf(f.id), score: f.score, evidence };
    if (d) hit.dense = d.score;
    if (l) hit.lexical = l.score;
    return hit;
  });
}

/**
 * analyzeSegments over some of a text's segments (`rows`: indexes into `segments`), evidence given
 * as indexes into `segments`: a text's targets are matched against different segments (segment.ts
 * withListItems: skills against a list's items, occupations against the list whole).
 */
export async function analyzeSegmentRows(
  corpus: Corpus,
  segments: Segment[],
  segmentVectors: Float32Array | null,
  rows: number[],
  options: AnalyzeCorpusOptions,
): Promise<Hit[]> {
  const whole = rows.length === segments.length && rows.every((r, i) => r === i);
  if (whole) return analyzeSegments(corpus, segments, segmentVectors, options);
  let vectors: Float32Array | null = null;
  if (segmentVectors) {
    const dim = segmentVectors.length / segments.length;
    vectors = new Float32Array(rows.length * dim);
    rows.forEach((r, i) => vectors!.set(segmentVectors.subarray(r * dim, (r + 1) * dim), i * dim));
  }
  const hits = await analyzeSegments(corpus, rows.map((r) => segments[r]), vectors, options);
  return hits.map((hit) => (hit.evidence ? { ...hit, evidence: hit.evidence.map((i) => rows[i]) } : hit));
}
