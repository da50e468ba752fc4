/**
 * Ranking ESCO entries for a long text from per-segment matches (see workers/engine/search/README.md).
 *
 * Each segment s (a resume line, a sentence of a job ad) is scored against every entry e; let
 * sim(s, e) be that score (cosine for dense, BM25 divided by the segment's best BM25 for lexical),
 * and T(e) the segments that have e among their `perSegment` best entries. Then
 *
 *     score(e) = λ · max_s sim(s, e)  +  (1 − λ) · (1 / S) · Σ_{s ∈ T(e)} sim(s, e)
 *
 * The max term lets one clear sentence ("Registered nurse, 6 years on a surgical ward") decide;
 * the mean term (over all S segments, counting only those where e is a top match) rewards entries
 * the whole text keeps returning to, and keeps one stray line from outranking the text's theme.
 * Occupations use λ = 0.2: a resume is about one job overall, and with a larger λ single lines
 * ("BSc Computer Science") pulled in "computer science lecturer" above the developer jobs the other
 * lines agree on. Skills use λ = 0.7: a skill is usually named once. Evidence for e = the segments of T(e) scoring at least EVIDENCE_RATIO of e's best
 * segment, strongest first (at most `maxEvidence`): a segment is evidence when it is about as
 * close to e as the text gets, not merely among a small corpus's top matches.
 */

export interface SegmentHit {
  id: number;
  score: number;
}

export interface AggregateOptions {
  lambda: number;
  maxEvidence?: number;
  /** sim(s, e) for any pair when the full matrix is known (dense); else taken from the lists. */
  scoreOf?: (segment: number, entry: number) => number;
}

export interface AggregatedEntry {
  id: number;
  score: number;
  /** Segment indexes, strongest first. */
  evidence: number[];
}

export const LAMBDA = { occupations: 0.2, skills: 0.7 } as const;
export const EVIDENCE_RATIO = 0.75;

/** `perSegmentTop[s]` = segment s's best entries (any order). Returns entries best first (ties: lower id). */
export function aggregateSegmentHits(perSegmentTop: SegmentHit[][], options: AggregateOptions): AggregatedEntry[] {
  const S = perSegmentTop.length;
  const maxEvidence = options.maxEvidence ?? 3;
  const support = new Map<number, { segment: number; score: number }[]>();
  perSegmentTop.forEach((hits, segment) => {
    for (const hit of hits) {
      let list = support.get(hit.id);
      if (!list) support.set(hit.id, (list = []));
      list.push({ segment, score: hit.score });
    }
  });
  const out: AggregatedEntry[] = [];
  for (const [id, list] of support) {
    let max = -Infinity;
    let best = 0;
    if (options.scoreOf) {
      for (let s = 0; s < S; s++) {
        const v = options.scoreOf(s, id);
        if (v > max) [max, best] = [v, s];
      }
    } else {
      for (const x of list) if (x.score > max) [max, best] = [x.score, x.segment];
    }
    let sum = 0;
    for (const x of list) sum += x.score;
    const score = options.lambda * max + (1 - options.lambda) * (sum / S);
    const evidence = list
      .filter((x) => x.score >= EVIDENCE_RATIO * max)
      .sort((a, b) => b.score - a.score || a.segment - b.segment)
      .slice(0, maxEvidence)
      .map((x) => x.segment);
    if (!evidence.length) evidence.push(best);
    out.push({ id, score, evidence });
  }
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}
