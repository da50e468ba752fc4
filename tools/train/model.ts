/**
 * The static embedding model and its training step. A text is the mean of its token rows
 * (the engine's mean pooling), L2-normalised. [PAD]/[CLS]/[SEP] rows stay zero, so the mean
 * over all tokens points the same way as the mean over the words: the engine may include the
 * special tokens in its mask without changing the result.
 *
 * Loss: symmetric multiple-negatives ranking (InfoNCE) with in-batch negatives, fixed scale.
 * Gradients are written by hand through normalise → mean pool into sparse row updates, applied
 * with lazy Adam (only rows seen in the batch move).
 */
import { CLS_ID, PAD_ID, SEP_ID } from './wordpiece.js';
import { gaussian } from './random.js';

/** x[xo..xo+n) · y[yo..yo+n), unrolled by four. */
function dot(x: Float32Array, xo: number, y: Float32Array, yo: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let d = 0;
  for (; d + 3 < n; d += 4) {
    s0 += x[xo + d] * y[yo + d];
    s1 += x[xo + d + 1] * y[yo + d + 1];
    s2 += x[xo + d + 2] * y[yo + d + 2];
    s3 += x[xo + d + 3] * y[yo + d + 3];
  }
  for (; d < n; d++) s0 += x[xo + d] * y[yo + d];
  return s0 + s1 + s2 + s3;
}

/** y[yo..) += a * x[xo..) */
function axpy(a: number, x: Float32Array, xo: number, y: Float32Array, yo: number, n: number): void {
  for (let d = 0; d < n; d++) y[yo + d] += a * x[xo + d];
}

export const FROZEN_ROWS = [PAD_ID, CLS_ID, SEP_ID];

export class StaticModel {
  readonly table: Float32Array;
  constructor(readonly vocabSize: number, readonly dim: number, table?: Float32Array) {
    this.table = table ?? new Float32Array(vocabSize * dim);
  }

  static random(vocabSize: number, dim: number, random: () => number, sigma = 0.1): StaticModel {
    const model = new StaticModel(vocabSize, dim);
    const t = model.table;
    for (let i = 0; i < t.length; i++) t[i] = gaussian(random) * sigma;
    for (const r of FROZEN_ROWS) t.fill(0, r * dim, (r + 1) * dim);
    return model;
  }

  /** Mean of the token rows into out[offset..offset+dim), normalised; returns the pre-norm length. */
  embedInto(ids: ArrayLike<number>, out: Float32Array, offset: number): number {
    const { dim, table } = this;
    out.fill(0, offset, offset + dim);
    for (let t = 0; t < ids.length; t++) {
      const base = ids[t] * dim;
      for (let d = 0; d < dim; d++) out[offset + d] += table[base + d];
    }
    let sq = 0;
    const inv = 1 / Math.max(ids.length, 1);
    for (let d = 0; d < dim; d++) {
      out[offset + d] *= inv;
      sq += out[offset + d] * out[offset + d];
    }
    const norm = Math.sqrt(sq);
    const scale = 1 / Math.max(norm, 1e-12);
    for (let d = 0; d < dim; d++) out[offset + d] *= scale;
    return norm;
  }

  embedAll(texts: ArrayLike<number>[]): Float32Array {
    const out = new Float32Array(texts.length * this.dim);
    texts.forEach((ids, i) => this.embedInto(ids, out, i * this.dim));
    return out;
  }
}

export interface AdamOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** Sparse gradient rows collected during one step. */
class RowGradients {
  private slots = new Map<number, number>();
  private rows: number[] = [];
  grad: Float32Array;
  constructor(private readonly dim: number) {
    this.grad = new Float32Array(dim * 4096);
  }
  reset(): void {
    this.grad.fill(0, 0, this.rows.length * this.dim);
    this.slots.clear();
    this.rows = [];
  }
  slot(row: number): number {
    let s = this.slots.get(row);
    if (s === undefined) {
      s = this.rows.length;
      this.slots.set(row, s);
      this.rows.push(row);
      if ((s + 1) * this.dim > this.grad.length) {
        const bigger = new Float32Array(this.grad.length * 2);
        bigger.set(this.grad);
        this.grad = bigger;
      }
    }
    return s * this.dim;
  }
  entries(): number[] {
    return this.rows;
  }
  offsetOf(index: number): number {
    return index * this.dim;
  }
}

export interface Batch {
  a: ArrayLike<number>[];
  b: ArrayLike<number>[];
  /** keys per pair: pairs i≠j sharing a key are not each other's negatives */
  keys: number[][];
}

export class Trainer {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly grads: RowGradients;
  private readonly frozen: Set<number>;
  step = 0;

  constructor(readonly model: StaticModel, readonly scale: number, private readonly adam: Required<AdamOptions>) {
    this.m = new Float32Array(model.table.length);
    this.v = new Float32Array(model.table.length);
    this.grads = new RowGradients(model.dim);
    this.frozen = new Set(FROZEN_ROWS);
  }

  /** One step on a batch; returns the mean loss (before the update). lr overrides the base rate. */
  trainBatch(batch: Batch, lr = this.adam.lr): number {
    const { model, scale } = this;
    const dim = model.dim;
    const n = batch.a.length;
    const ua = new Float32Array(n * dim);
    const ub = new Float32Array(n * dim);
    const na = new Float32Array(n);
    const nb = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      na[i] = model.embedInto(batch.a[i], ua, i * dim);
      nb[i] = model.embedInto(batch.b[i], ub, i * dim);
    }
    // Logits S[i][j] = scale * ua_i · ub_j, with false negatives masked out.
    const logits = new Float32Array(n * n);
    const masked = new Uint8Array(n * n);
    const keyOwners = new Map<number, number[]>();
    batch.keys.forEach((ks, i) => {
      for (const k of ks) {
        const owners = keyOwners.get(k);
        if (owners) owners.push(i);
        else keyOwners.set(k, [i]);
      }
    });
    for (const owners of keyOwners.values()) {
      if (owners.length < 2) continue;
      for (const i of owners) for (const j of owners) if (i !== j) masked[i * n + j] = 1;
    }
    for (let i = 0; i < n; i++) {
      const ai = i * dim;
      for (let j = 0; j < n; j++) logits[i * n + j] = scale * dot(ua, ai, ub, j * dim, dim);
    }
    // G = dL/dS for L = (row CE + column CE) / 2, averaged over the batch.
    const g = new Float32Array(n * n);
    let loss = 0;
    const half = 0.5 / n;
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let j = 0; j < n; j++) if (!masked[i * n + j] && logits[i * n + j] > max) max = logits[i * n + j];
      let sum = 0;
      for (let j = 0; j < n; j++) if (!masked[i * n + j]) sum += Math.exp(logits[i * n + j] - max);
      loss += (Math.log(sum) + max - logits[i * n + i]) * half;
      for (let j = 0; j < n; j++) {
        if (masked[i * n + j]) continue;
        g[i * n + j] += (Math.exp(logits[i * n + j] - max) / sum) * half;
      }
      g[i * n + i] -= half;
    }
    for (let j = 0; j < n; j++) {
      let max = -Infinity;
      for (let i = 0; i < n; i++) if (!masked[i * n + j] && logits[i * n + j] > max) max = logits[i * n + j];
      let sum = 0;
      for (let i = 0; i < n; i++) if (!masked[i * n + j]) sum += Math.exp(logits[i * n + j] - max);
      loss += (Math.log(sum) + max - logits[j * n + j]) * half;
      for (let i = 0; i < n; i++) {
        if (masked[i * n + j]) continue;
        g[i * n + j] += (Math.exp(logits[i * n + j] - max) / sum) * half;
      }
      g[j * n + j] -= half;
    }
    // dUa = scale * G Ub, dUb = scale * Gᵀ Ua.
    const dua = new Float32Array(n * dim);
    const dub = new Float32Array(n * dim);
    // Entries of G this small move nothing measurable; skipping them keeps the step fast.
    const tiny = 1e-7;
    for (let i = 0; i < n; i++) {
      const ai = i * dim;
      for (let j = 0; j < n; j++) {
        const gij = g[i * n + j] * scale;
        if (gij < tiny && gij > -tiny) continue;
        axpy(gij, ub, j * dim, dua, ai, dim);
      }
    }
    for (let j = 0; j < n; j++) {
      const bj = j * dim;
      for (let i = 0; i < n; i++) {
        const gij = g[i * n + j] * scale;
        if (gij < tiny && gij > -tiny) continue;
        axpy(gij, ua, i * dim, dub, bj, dim);
      }
    }
    this.grads.reset();
    for (let i = 0; i < n; i++) {
      this.backToTokens(batch.a[i], ua, dua, i * dim, na[i]);
      this.backToTokens(batch.b[i], ub, dub, i * dim, nb[i]);
    }
    this.applyAdam(lr);
    return loss;
  }

  /** Through u = s/|s| and s = mean(rows): d rows += (du - u(u·du)) / |s| / count. */
  private backToTokens(ids: ArrayLike<number>, u: Float32Array, du: Float32Array, offset: number, norm: number): void {
    const dim = this.model.dim;
    let dot = 0;
    for (let d = 0; d < dim; d++) dot += u[offset + d] * du[offset + d];
    const factor = 1 / (Math.max(norm, 1e-12) * Math.max(ids.length, 1));
    const ds = new Float32Array(dim);
    for (let d = 0; d < dim; d++) ds[d] = (du[offset + d] - u[offset + d] * dot) * factor;
    for (let t = 0; t < ids.length; t++) {
      const row = ids[t];
      if (this.frozen.has(row)) continue;
      const s = this.grads.slot(row);
      const grad = this.grads.grad;
      for (let d = 0; d < dim; d++) grad[s + d] += ds[d];
    }
  }

  private applyAdam(lr: number): void {
    this.step++;
    const { beta1, beta2, eps } = this.adam;
    const dim = this.model.dim;
    const table = this.model.table;
    const c1 = 1 - Math.pow(beta1, this.step);
    const c2 = 1 - Math.pow(beta2, this.step);
    const stepSize = lr / c1;
    const grad = this.grads.grad;
    const rows = this.grads.entries();
    for (let k = 0; k < rows.length; k++) {
      const base = rows[k] * dim;
      const gOff = this.grads.offsetOf(k);
      for (let d = 0; d < dim; d++) {
        const gd = grad[gOff + d];
        const m = (this.m[base + d] = beta1 * this.m[base + d] + (1 - beta1) * gd);
        const v = (this.v[base + d] = beta2 * this.v[base + d] + (1 - beta2) * gd * gd);
        table[base + d] -= (stepSize * m) / (Math.sqrt(v / c2) + eps);
      }
    }
  }
}

export function adamDefaults(options: AdamOptions): Required<AdamOptions> {
  return { beta1: 0.9, beta2: 0.999, eps: 1e-8, ...options };
}
