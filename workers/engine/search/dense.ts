/**
 * Dense scoring against a binary EmbeddingIndex: cosine similarity of unit query vectors with the
 * index rows (stored unit-length), then one score per entry — the best of its rows when an entry
 * has several vectors (e.g. one per language).
 */
import { halfToFloat, type EmbeddingIndex } from './indexFormat';

/** Scales each row of a row-major matrix to unit length, in place (zero rows stay zero). */
export function normalizeRows(values: Float32Array, dim: number): Float32Array {
  for (let r = 0; r * dim < values.length; r++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += values[r * dim + j] ** 2;
    const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let j = 0; j < dim; j++) values[r * dim + j] *= inv;
  }
  return values;
}

/** Float rows of an fp16 index, decoded once and cached (fp16 has no fast integer path). */
const decodedHalf = new WeakMap<EmbeddingIndex, Float32Array>();
export function halfRows(index: EmbeddingIndex): Float32Array {
  let rows = decodedHalf.get(index);
  if (!rows) {
    const v = index.values as Uint16Array;
    rows = new Float32Array(v.length);
    for (let i = 0; i < v.length; i++) rows[i] = halfToFloat(v[i]);
    decodedHalf.set(index, rows);
  }
  return rows;
}

/**
 * Per-entry cosine scores of each query (row-major nq × dim, unit rows) against the index:
 * returns nq × entries, row-major.
 */
export function entryScores(index: EmbeddingIndex, queries: Float32Array): Float32Array {
  const { dim, rows, entries, firstRow } = index;
  if (queries.length % dim !== 0) throw new Error(`query vectors have ${queries.length} values, not a multiple of the index dim ${dim}`);
  const nq = queries.length / dim;
  const out = new Float32Array(nq * entries);
  const rowScore = firstRow ? new Float32Array(rows) : null;
  const floats = index.encoding === 'fp16' ? halfRows(index) : null;
  const int8 = index.encoding === 'int8-rowscale' ? (index.values as Int8Array) : null;
  for (let q = 0; q < nq; q++) {
    const target = rowScore ?? out.subarray(q * entries, (q + 1) * entries);
    const qo = q * dim;
    for (let r = 0; r < rows; r++) {
      let dot = 0;
      const ro = r * dim;
      if (int8) {
        for (let j = 0; j < dim; j++) dot += int8[ro + j] * queries[qo + j];
        dot *= index.scales![r];
      } else {
        for (let j = 0; j < dim; j++) dot += floats![ro + j] * queries[qo + j];
      }
      target[r] = dot;
    }
    if (rowScore && firstRow) {
      for (let e = 0; e < entries; e++) {
        let best = -Infinity;
        for (let r = firstRow[e]; r < firstRow[e + 1]; r++) best = Math.max(best, rowScore[r]);
        out[q * entries + e] = firstRow[e + 1] > firstRow[e] ? best : 0;
      }
    }
  }
  return out;
}

/**
 * Indexes of the k largest scores, best first; ties go to the lower index so results are stable.
 * Uses a bounded min-heap: O(n log k).
 */
export function topK(scores: ArrayLike<number>, k: number, allow?: (i: number) => boolean): number[] {
  const n = scores.length;
  k = Math.min(k, n);
  if (k <= 0) return [];
  const heap: number[] = [];
  // "worse" = lower score, or equal score with a higher index.
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i]) || (allow && !allow(i))) continue;
    if (heap.length < k) {
      heap.push(i);
      up(heap.length - 1);
    } else if (worse(heap[0], i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
