/**
 * Top-k rows of a stored index for each query row, by dot product (cosine for normalized rows).
 * A size-k min-heap per query keeps the best so far: O(n log k) per query instead of sorting n scores.
 */

export type VectorIndex =
  | { kind: 'f32'; count: number; dim: number; vectors: Float32Array }
  /** Symmetric int8 rows; the float row is vectors[j] * scales[j]. */
  | { kind: 'int8'; count: number; dim: number; vectors: Int8Array; scales: Float32Array };

export interface TopKResult {
  /** Row numbers in the index, best first (ties: lower row first). */
  indexes: Int32Array;
  scores: Float32Array;
}

/** Min-heap of (score, index) of fixed capacity, ordered so the weakest kept entry is at the root. */
class BoundedHeap {
  readonly scores: Float32Array;
  readonly indexes: Int32Array;
  size = 0;
  constructor(readonly capacity: number) {
    this.scores = new Float32Array(capacity);
    this.indexes = new Int32Array(capacity);
  }
  /** a is weaker than b: lower score, or equal score and higher index. */
  private weaker(i: number, j: number): boolean {
    const si = this.scores[i], sj = this.scores[j];
    return si < sj || (si === sj && this.indexes[i] > this.indexes[j]);
  }
  get minScore(): number {
    return this.size < this.capacity ? -Infinity : this.scores[0];
  }
  push(score: number, index: number): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      let i = this.size++;
      this.scores[i] = score; this.indexes[i] = index;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.weaker(i, parent)) break;
        this.swap(i, parent); i = parent;
      }
      return;
    }
    // Full: replace the root only if the newcomer beats it (equal score: earlier index wins).
    if (score < this.scores[0] || (score === this.scores[0] && index > this.indexes[0])) return;
    this.scores[0] = score; this.indexes[0] = index;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < this.size && this.weaker(l, m)) m = l;
      if (r < this.size && this.weaker(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m); i = m;
    }
  }
  private swap(i: number, j: number): void {
    const s = this.scores[i]; this.scores[i] = this.scores[j]; this.scores[j] = s;
    const x = this.indexes[i]; this.indexes[i] = this.indexes[j]; this.indexes[j] = x;
  }
  sorted(): TopKResult {
    const order = Array.from({ length: this.size }, (_, i) => i)
      .sort((x, y) => this.scores[y] - this.scores[x] || this.indexes[x] - this.indexes[y]);
    return {
      indexes: Int32Array.from(order, (i) => this.indexes[i]),
      scores: Float32Array.from(order, (i) => this.scores[i]),
    };
  }
}

/** Top-k columns of each row of a row-major rows × cols score matrix. */
export function topKOfRows(scores: Float32Array, rows: number, cols: number, k: number): TopKResult[] {
  if (scores.length !== rows * cols) throw new Error(`topK: ${scores.length} scores is not ${rows}×${cols}`);
  const results: TopKResult[] = [];
  for (let r = 0; r < rows; r++) {
    const heap = new BoundedHeap(Math.min(k, cols));
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const s = scores[base + c];
      if (s >= heap.minScore) heap.push(s, c);
    }
    results.push(heap.sorted());
  }
  return results;
}

/** Index rows per block: a block of the index stays in cache while every query visits it. */
const INDEX_BLOCK = 256;

/** Top-k index rows for each of nq query rows (queries row-major nq × dim, float). */
export function searchTopK(queries: Float32Array, nq: number, index: VectorIndex, k: number): TopKResult[] {
  const { dim, count } = index;
  if (queries.length !== nq * dim) throw new Error(`searchTopK: queries have ${queries.length} values, expected ${nq}×${dim}`);
  if (index.vectors.length !== count * dim) throw new Error(`searchTopK: index has ${index.vectors.length} values, expected ${count}×${dim}`);
  const heaps = Array.from({ length: nq }, () => new BoundedHeap(Math.max(0, Math.min(k, count))));
  const v = index.vectors;
  const scales = index.kind === 'int8' ? index.scales : null;
  for (let j0 = 0; j0 < count; j0 += INDEX_BLOCK) {
    const j1 = Math.min(j0 + INDEX_BLOCK, count);
    for (let q = 0; q < nq; q++) {
      const heap = heaps[q];
      const qb = q * dim;
      for (let j = j0; j < j1; j++) {
        const vb = j * dim;
        let s = 0;
        for (let d = 0; d < dim; d++) s += queries[qb + d] * v[vb + d];
        if (scales) s *= scales[j];
        if (s >= heap.minScore) heap.push(s, j);
      }
    }
  }
  return heaps.map((h) => h.sorted());
}

/** Symmetric per-row int8 quantization (scale = max|x| / 127), the format searchTopK reads. */
export function quantizeRowsInt8(rows: Float32Array, count: number, dim: number): { vectors: Int8Array; scales: Float32Array } {
  const vectors = new Int8Array(count * dim);
  const scales = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(rows[r * dim + d]));
    const scale = max / 127 || 1;
    scales[r] = scale;
    for (let d = 0; d < dim; d++) vectors[r * dim + d] = Math.round(rows[r * dim + d] / scale);
  }
  return { vectors, scales };
}
