/** L2-normalizes each row in place (zero rows stay zero) and returns the same array. */
export function normalizeRows(rows: Float32Array, count: number, dim: number): Float32Array {
  if (rows.length !== count * dim) throw new Error(`normalizeRows: ${rows.length} values is not ${count}×${dim}`);
  for (let r = 0; r < count; r++) {
    let sum = 0;
    const base = r * dim;
    for (let d = 0; d < dim; d++) sum += rows[base + d] * rows[base + d];
    // sentence-transformers' Normalize divides by max(norm, 1e-12).
    const scale = 1 / Math.max(Math.sqrt(sum), 1e-12);
    for (let d = 0; d < dim; d++) rows[base + d] *= scale;
  }
  return rows;
}
