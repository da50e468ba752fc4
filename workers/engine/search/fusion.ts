/**
 * Reciprocal-rank fusion (Cormack et al., 2009): score(d) = Σ_lists 1 / (k + rank_list(d)),
 * rank starting at 1; a list that does not contain d adds nothing. Ranks, not raw scores, are
 * fused, so cosine similarities and BM25 scores need no common scale.
 *
 * k = 10 by default: measured on ../shared/eval/jobbert-titles-dev (see /work/shared/NOTES.md,
 * BM25 + static model, 3,000 titles) k = 10 beat the textbook 60, because the top few ranks of
 * each list carry most of the signal for short job titles.
 */

export const DEFAULT_RRF_K = 10;

/**
 * Hybrid = RRF of the dense list (weight 1) and the BM25 list, weighted per query by how much of
 * the query the lexical index knows:  w = LEXICAL_WEIGHT · share^COVERAGE_POWER, share = the
 * fraction of the query's terms (stopwords aside) that match something in the index (compound
 * parts count). A German compound ESCO does not use, or a query in another language than the
 * index, gives share ≈ 0: BM25 then only matches stray words and its list is noise, so the fused
 * list stays the dense one. A query the index fully knows gets the full 0.3.
 * Tuned on the eval's development tasks (`npm run eval`, docs/EVAL.md; tools/eval/dumpLists.ts +
 * a sweep over the saved lists), esco-static-v1, MRR@10 (task 4: MRR@100, task 5: MAP):
 *                  dense   equal weights   constant 0.3   0.3·share^4
 *   1-en           0.809   0.804           0.812          0.812
 *   1-de           0.747   0.720           0.735          0.738
 *   2-fr           0.624   0.463           0.598          0.623
 *   2-nl           0.542   0.466           0.532          0.542
 *   4 (titles)     0.346   0.342           0.353          0.349
 *   5 (sentences)  0.333   0.331           0.353          0.346
 * Powers 2–8 give nearly the same figures; 0.5 instead of 0.3 loses on every same-language row.
 */
export const LEXICAL_WEIGHT = 0.3;
export const COVERAGE_POWER = 4;

/** The BM25 list's weight for a query whose terms the lexical index knows in this share (0..1). */
export function lexicalListWeight(knownShare: number): number {
  const share = Math.min(1, Math.max(0, Number.isFinite(knownShare) ? knownShare : 0));
  return LEXICAL_WEIGHT * share ** COVERAGE_POWER;
}

/** Dense + BM25 candidates of one query, fused with the query-adaptive BM25 weight. */
export function hybridFusion(denseIds: number[], lexicalIds: number[], knownShare: number, k = DEFAULT_RRF_K): FusedEntry[] {
  return reciprocalRankFusion([{ ids: denseIds }, { ids: lexicalIds, weight: lexicalListWeight(knownShare) }], k);
}

export interface RankedList {
  /** Entry indexes, best first. */
  ids: number[];
  weight?: number;
}

export interface FusedEntry {
  id: number;
  score: number;
  /** 1-based rank in each input list, or undefined where absent (same order as the lists). */
  ranks: (number | undefined)[];
}

export function reciprocalRankFusion(lists: RankedList[], k = DEFAULT_RRF_K): FusedEntry[] {
  const fused = new Map<number, FusedEntry>();
  lists.forEach((list, li) => {
    const weight = list.weight ?? 1;
    list.ids.forEach((id, i) => {
      let entry = fused.get(id);
      if (!entry) {
        entry = { id, score: 0, ranks: new Array(lists.length).fill(undefined) };
        fused.set(id, entry);
      }
      if (entry.ranks[li] !== undefined) return; // first (best) occurrence counts
      entry.ranks[li] = i + 1;
      entry.score += weight / (k + i + 1);
    });
  });
  // Stable order for ties: better best-rank first, then lower id.
  return [...fused.values()].sort((a, b) => {
    if (b.score !== a.score) return b.score - a.score;
    const ra = Math.min(...a.ranks.map((r) => r ?? Infinity));
    const rb = Math.min(...b.ranks.map((r) => r ?? Infinity));
    return ra !== rb ? ra - rb : a.id - b.id;
  });
}
