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
 * Hybrid ranking of short queries (rank.ts), a convex combination of the two scores:
 *
 *     score(e) = cosine(e) + β · BM25(e) / BM25(best entry of the query),
 *     β = 0.05 · share⁴ + 0.5 · gap
 *
 * over the union of both candidate lists (an entry missing from the BM25 list adds nothing; one
 * missing from the dense list gets its exact cosine). share = the fraction of the query's words
 * (stopwords aside) the BM25 index knows, compound parts included: a query in another language
 * or a German compound ESCO does not use gets (almost) no BM25 weight, so the list stays the dense
 * one. The cosine leads and BM25 settles near-ties: unlike rank fusion, a BM25 hit cannot jump a
 * clearly better dense match just for being first in its own list. gap = the part of the query's
 * words BM25 knows and the model never saw in training (MODEL_GAP_BETA below): there BM25 decides.
 * Chosen over reciprocal-rank fusion on the eval's development tasks (docs/EVAL.md; compared with
 * tools/eval/sweepFusion.ts on the lists of tools/eval/dumpLists.ts), esco-static-v1 (3 epochs),
 * on the plain BM25 baseline's lists: hybrid above both inputs on (of 17 task rows) RRF 0.3·share⁴
 * 4, RRF 0.1·share⁴ 6, best RRF variant 11, convex β = 0.05·share⁴ 14. Fused with this app's own
 * lexical index (lexical.ts), as the app does and the eval now measures, the same rule is above
 * both on 16 of 17 rows; with the model retrained at batch 256 (better dense figures on every row)
 * on 13 of 17, the other four within 0.001 of the dense list (cross-lingual 2-es/fr/pt, 3-es),
 * which is the noise between halves of the queries. The figures per row are in docs/EVAL.md,
 * with the RRF rule beside them.
 */
export const LEXICAL_BETA = 0.05;
export const COVERAGE_POWER = 4;

/** A known-word share clamped to 0..1 (NaN → 0). */
function clampShare(knownShare: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(knownShare) ? knownShare : 0));
}

/**
 * Extra β per unit of the query that the lexical index knows and the model never saw in training
 * (knownText.ts KnownWordFilter.gap, word by word: a word the index holds as a term must be one the
 * model saw; one it knows only by compound parts or a translation, one whose parts the model saw).
 * Those are words the lexical index holds beyond the training text: ESCO's hidden labels
 * ("neurosurgeon"), typo and prefix matches ("assitant"); the model gives them the mean of pieces
 * learned for other words, so its cosines say little, and the lexical side should decide. Chosen
 * with tools/eval/sweepFusion.ts on the dumped lists: against 0 it lifts 1-de 0.8085 → 0.8102,
 * 3-de 0.7588 → 0.7645, 3-es 0.8734 → 0.8742 (dense 0.8741), 3-fr 0.7797 → 0.7802; 0.2 gave back
 * 3-de and 3-es, 2 lost 3-es on the odd half. Comparing shares instead of words (share − the
 * share the model knows) scored higher on 3-es and 3-fr when the query's language was given, but a
 * Dutch title detected as another language then lost its compounds to the model and not to the
 * index: searched in the language detected per query, 1-nl 0.7851 → 0.7803; word by word 0.7859.
 * Models that list no training words have gap 0: no extra weight.
 */
export const MODEL_GAP_BETA = 0.5;

/**
 * β for a query whose words the lexical index knows in this share (0..1), of which `modelGap`
 * (0..1, a part of all its words) the model never saw in training.
 */
export function lexicalBeta(knownShare: number, modelGap = 0): number {
  return LEXICAL_BETA * clampShare(knownShare) ** COVERAGE_POWER + MODEL_GAP_BETA * clampShare(modelGap);
}

export interface ScoredList {
  /** Entry indexes, best first. */
  ids: ArrayLike<number>;
  /** Their scores (cosines or BM25), same order. */
  scores: ArrayLike<number>;
}

export interface ConvexEntry {
  id: number;
  score: number;
}

/**
 * The convex combination above for one query. `cosineOf` gives the cosine of an entry the dense
 * list does not hold. Ties: lower id first.
 */
export function convexFusion(dense: ScoredList, lexical: ScoredList, beta: number, cosineOf: (id: number) => number): ConvexEntry[] {
  const score = new Map<number, number>();
  for (let i = 0; i < dense.ids.length; i++) score.set(dense.ids[i], dense.scores[i]);
  const top = lexical.scores.length ? lexical.scores[0] : 0;
  if (beta > 0 && top > 0) {
    for (let i = 0; i < lexical.ids.length; i++) {
      const id = lexical.ids[i];
      score.set(id, (score.get(id) ?? cosineOf(id)) + (beta * lexical.scores[i]) / top);
    }
  }
  return [...score].map(([id, s]) => ({ id, score: s })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/**
 * β of a long text's analysis (analyze.ts), where both scores are aggregates over its segments
 * (aggregate.ts): β = 0.3 · share², share = the fraction of the text's words the lexical index
 * knows. Larger than a short query's β: a text's lexical aggregate rests on many words, not two or
 * three. Measured on the skill-extraction job-ad sentences (eval task 5, English), analysed five
 * sentences a text and one a text, against the reciprocal-rank fusion analyze.ts used before: MAP
 * 0.283 → 0.319 (higher on the even and on the odd texts) and 0.418 → 0.419 (even texts lower,
 * odd higher: a tie); docs/EVAL.md, "Long texts". β = 0.3 · share scored higher on one-sentence
 * texts (0.429) but, on a German nurse's resume whose words the German skill labels hardly hold,
 * ranked "green space strategies" second on the strength of "Grundpflege" sharing "pflege" with
 * "Grünflächenpflege"; with share² the lexical side has less say where its index knows less of the
 * text (share 0.5 there, 0.67 for the median English sentence), as share⁴ does for short queries.
 */
export const TEXT_LEXICAL_BETA = 0.3;

export function textLexicalBeta(knownShare: number): number {
  return TEXT_LEXICAL_BETA * clampShare(knownShare) ** 2;
}

/** Dense + BM25 candidates of one query, fused as the app does (convexFusion with lexicalBeta). */
export function hybridFusion(
  dense: ScoredList,
  lexical: ScoredList,
  knownShare: number,
  cosineOf: (id: number) => number,
  modelGap = 0,
): ConvexEntry[] {
  return convexFusion(dense, lexical, lexicalBeta(knownShare, modelGap), cosineOf);
}

/**
 * The rule the app used before (kept for docs/EVAL.md's comparison column): reciprocal-rank fusion
 * with the BM25 list weighted 0.3 · share⁴.
 */
export function hybridRankFusion(denseIds: number[], lexicalIds: number[], knownShare: number, k = DEFAULT_RRF_K): FusedEntry[] {
  return reciprocalRankFusion([{ ids: denseIds }, { ids: lexicalIds, weight: 0.3 * clampShare(knownShare) ** 4 }], k);
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
