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
