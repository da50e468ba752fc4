/**
 * Cosine similarity of already L2-normalized rows, i.e. the matrix product A · Bᵀ, computed in
 * tiles so a tile of B stays in cache while a few rows of A run over it, and handed out in row
 * chunks so a 10,000 × 14,000 matrix never has to sit in memory at once.
 */

/** Rows of A per tile and rows of B per tile: B_TILE × dim floats stay cache-resident (64 × 1024 × 4 B = 256 KiB). */
const A_TILE = 4;
const B_TILE = 64;

/**
 * Writes dot(a[i], b[j]) for i in [aStart, aEnd), j in [0, nb) into out[(i - aStart) * nb + j].
 * Four A rows share each pass over a B row, which quarters the loads of B.
 */
export function dotRowsInto(
  a: Float32Array, aStart: number, aEnd: number, b: Float32Array, nb: number, dim: number, out: Float32Array,
): void {
  for (let j0 = 0; j0 < nb; j0 += B_TILE) {
    const j1 = Math.min(j0 + B_TILE, nb);
    let i = aStart;
    for (; i + A_TILE <= aEnd; i += A_TILE) {
      const a0 = i * dim, a1 = a0 + dim, a2 = a1 + dim, a3 = a2 + dim;
      const o0 = (i - aStart) * nb, o1 = o0 + nb, o2 = o1 + nb, o3 = o2 + nb;
      for (let j = j0; j < j1; j++) {
        const bj = j * dim;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let d = 0; d < dim; d++) {
          const v = b[bj + d];
          s0 += a[a0 + d] * v;
          s1 += a[a1 + d] * v;
          s2 += a[a2 + d] * v;
          s3 += a[a3 + d] * v;
        }
        out[o0 + j] = s0; out[o1 + j] = s1; out[o2 + j] = s2; out[o3 + j] = s3;
      }
    }
    for (; i < aEnd; i++) {
      const ai = i * dim;
      const oi = (i - aStart) * nb;
      for (let j = j0; j < j1; j++) {
        const bj = j * dim;
        let s = 0;
        for (let d = 0; d < dim; d++) s += a[ai + d] * b[bj + d];
        out[oi + j] = s;
      }
    }
  }
}

export interface CosineChunk {
  /** First row of A in this chunk. */
  rowStart: number;
  rowCount: number;
  /** Row-major rowCount × nb similarities; reused between chunks — copy what you keep. */
  values: Float32Array;
}

/** Default chunk: enough rows for about 16 MB of results. */
export function defaultChunkRows(nb: number): number {
  return Math.max(A_TILE, Math.floor((4 * 1024 * 1024) / Math.max(nb, 1)));
}

/** Yields the matrix chunk by chunk of rows of A. */
export function* cosineChunks(
  a: Float32Array, na: number, b: Float32Array, nb: number, dim: number, chunkRows = defaultChunkRows(nb),
): Generator<CosineChunk> {
  checkRows(a, na, dim, 'a');
  checkRows(b, nb, dim, 'b');
  const rows = Math.max(1, Math.min(chunkRows, na));
  const buffer = new Float32Array(rows * nb);
  for (let start = 0; start < na; start += rows) {
    const count = Math.min(rows, na - start);
    const values = buffer.subarray(0, count * nb);
    dotRowsInto(a, start, start + count, b, nb, dim, values);
    yield { rowStart: start, rowCount: count, values };
  }
}

/** Callback form of cosineChunks. */
export function forEachCosineChunk(
  a: Float32Array, na: number, b: Float32Array, nb: number, dim: number,
  onChunk: (chunk: CosineChunk) => void, chunkRows?: number,
): void {
  for (const chunk of cosineChunks(a, na, b, nb, dim, chunkRows)) onChunk(chunk);
}

/** The whole na × nb matrix; for sizes that fit in memory. */
export function cosineMatrix(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number): Float32Array {
  checkRows(a, na, dim, 'a');
  checkRows(b, nb, dim, 'b');
  const out = new Float32Array(na * nb);
  dotRowsInto(a, 0, na, b, nb, dim, out);
  return out;
}

function checkRows(x: ArrayLike<number>, n: number, dim: number, name: string): void {
  if (x.length !== n * dim) throw new Error(`cosine: ${name} has ${x.length} values, expected ${n}×${dim}`);
}
