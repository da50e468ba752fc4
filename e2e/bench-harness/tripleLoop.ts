/**
 * The plain JavaScript baseline for the similarity matrix: three nested loops, no blocking, no
 * unrolling — what one writes first. C[i][j] = Σ_k A[i][k]·B[j][k] over row-major A (n×d), B (m×d).
 * Only rows [0, rows) of C are computed, so the big shape can be sampled and extrapolated.
 */
export function tripleLoopMatrix(a: Float32Array, b: Float32Array, rows: number, m: number, d: number): Float32Array {
  const out = new Float32Array(rows * m);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let k = 0; k < d; k++) sum += a[i * d + k] * b[j * d + k];
      out[i * m + j] = sum;
    }
  }
  return out;
}

/** Unit-length random rows (a fixed LCG seed), as embedding vectors are. */
export function randomUnitRows(count: number, dim: number, seed: number): Float32Array {
  const out = new Float32Array(count * dim);
  let s = seed >>> 0;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296 - 0.5;
  }
  for (let r = 0; r < count; r++) {
    let sum = 0;
    for (let k = 0; k < dim; k++) sum += out[r * dim + k] ** 2;
    const scale = 1 / Math.sqrt(sum);
    for (let k = 0; k < dim; k++) out[r * dim + k] *= scale;
  }
  return out;
}
