/**
 * Pooling of token vectors into one vector per text. `hidden` is row-major [batch, seq, dim];
 * `mask` is the attention mask [batch, seq] (1 = real token, 0 = padding), as numbers or bigints
 * because ONNX int64 tensors arrive as BigInt64Array.
 */
export type Mask = ArrayLike<number> | BigInt64Array;

function maskAt(mask: Mask, i: number): boolean {
  return Number(mask[i]) !== 0;
}

export function poolMean(hidden: Float32Array, mask: Mask, batch: number, seq: number, dim: number): Float32Array {
  checkShape(hidden, mask, batch, seq, dim);
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    const acc = out.subarray(b * dim, (b + 1) * dim);
    let count = 0;
    for (let t = 0; t < seq; t++) {
      if (!maskAt(mask, b * seq + t)) continue;
      count++;
      const base = (b * seq + t) * dim;
      for (let d = 0; d < dim; d++) acc[d] += hidden[base + d];
    }
    // sentence-transformers clamps the token count at 1e-9: an all-padding row stays zero.
    const scale = 1 / Math.max(count, 1e-9);
    for (let d = 0; d < dim; d++) acc[d] *= scale;
  }
  return out;
}

/** First token ([CLS] / <s>): BGE-m3 and JobBGE-m3 use it. Tokenizers pad on the right, so it is position 0. */
export function poolCls(hidden: Float32Array, mask: Mask, batch: number, seq: number, dim: number): Float32Array {
  checkShape(hidden, mask, batch, seq, dim);
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) out.set(hidden.subarray(b * seq * dim, b * seq * dim + dim), b * dim);
  return out;
}

export function poolMax(hidden: Float32Array, mask: Mask, batch: number, seq: number, dim: number): Float32Array {
  checkShape(hidden, mask, batch, seq, dim);
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    const acc = out.subarray(b * dim, (b + 1) * dim);
    let seen = false;
    for (let t = 0; t < seq; t++) {
      if (!maskAt(mask, b * seq + t)) continue;
      const base = (b * seq + t) * dim;
      if (!seen) { acc.set(hidden.subarray(base, base + dim)); seen = true; continue; }
      for (let d = 0; d < dim; d++) if (hidden[base + d] > acc[d]) acc[d] = hidden[base + d];
    }
  }
  return out;
}

/** Last real token (decoder-style embedders); assumes right padding, like poolCls. */
export function poolLastToken(hidden: Float32Array, mask: Mask, batch: number, seq: number, dim: number): Float32Array {
  checkShape(hidden, mask, batch, seq, dim);
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    let last = 0;
    for (let t = 0; t < seq; t++) if (maskAt(mask, b * seq + t)) last = t;
    const base = (b * seq + last) * dim;
    out.set(hidden.subarray(base, base + dim), b * dim);
  }
  return out;
}

function checkShape(hidden: Float32Array, mask: Mask, batch: number, seq: number, dim: number): void {
  if (hidden.length !== batch * seq * dim) throw new Error(`pooling: hidden has ${hidden.length} values, expected ${batch}×${seq}×${dim}`);
  if (mask.length !== batch * seq) throw new Error(`pooling: mask has ${mask.length} values, expected ${batch}×${seq}`);
}
