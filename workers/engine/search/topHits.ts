/**
 * The best `limit` of n scored candidates, best first, ties broken by lower id, without sorting
 * every candidate: a bounded heap whose root is the worst hit kept (O(n log limit)).
 */

export interface ScoredHit {
  id: number;
  score: number;
}

/** True when (sa, ia) ranks below (sb, ib): lower score, or equal score and higher id. */
const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);

/**
 * @param candidates positions 0..n−1 of `candidates` index `scores` and `ids`
 */
export function topHits(candidates: Int32Array, n: number, scores: Float64Array, ids: Int32Array, limit: number): ScoredHit[] {
  const size = Math.min(limit, n);
  if (size <= 0) return [];
  const heapScore = new Float64Array(size);
  const heapId = new Int32Array(size);
  let count = 0;
  for (let c = 0; c < n; c++) {
    const at = candidates[c];
    const score = scores[at];
    const id = ids[at];
    let i: number;
    if (count < size) {
      // Sift up from the end.
      i = count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(score, id, heapScore[parent], heapId[parent])) break;
        heapScore[i] = heapScore[parent];
        heapId[i] = heapId[parent];
        i = parent;
      }
    } else {
      if (!worse(heapScore[0], heapId[0], score, id)) continue;
      // Replace the root and sift down.
      i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && worse(heapScore[child + 1], heapId[child + 1], heapScore[child], heapId[child])) child++;
        if (!worse(heapScore[child], heapId[child], score, id)) break;
        heapScore[i] = heapScore[child];
        heapId[i] = heapId[child];
        i = child;
      }
    }
    heapScore[i] = score;
    heapId[i] = id;
  }
  const hits: ScoredHit[] = new Array(count);
  for (let i = 0; i < count; i++) hits[i] = { id: heapId[i], score: heapScore[i] };
  return hits.sort((a, b) => b.score - a.score || a.id - b.id);
}
