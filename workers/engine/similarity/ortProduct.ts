/**
 * Matrix products on onnxruntime's CPU kernels (MLAS sgemm: WASM SIMD in the browser, native in
 * Node) through two weightless graphs (scoreGraphs.ts). Measured in Node on this 2-core machine:
 * 60 × 13,896 × 256 in 30–40 ms on onnxruntime-web WASM (10–14 GFLOP/s, one thread), where the
 * blocked JavaScript loop of cosine.ts reaches 0.4 GFLOP/s — search and similarity matrices were
 * bound by that loop, not by the model.
 *
 * Queries go in row chunks so the score block inside the runtime stays near CHUNK_VALUES floats;
 * the right-hand side is passed transposed (d × m), the layout MatMul reads without a copy.
 */
import { cpuExecutionProvider, defaultOrtModule, type OrtModule, type OrtSession, type OrtTensor } from '../embed/onnx';
import { PRODUCT_GRAPH, PRODUCT_TOPK_GRAPH } from './scoreGraphs';
import { decodeBase64 } from './base64';
import type { TopKResult } from './topK';

/** Scores held at once per chunk of query rows: 4 M floats = 16 MB. */
const CHUNK_VALUES = 4 * 1024 * 1024;


/** A right-hand side prepared once: float values, transposed to d × m. */
export interface TransposedRows {
  dim: number;
  count: number;
  /** Column-major rows: values[d * count + j] is component d of row j. */
  values: Float32Array;
}

/**
 * Transposes row-major count × dim rows (optionally scaled per row, for int8 rows with scales);
 * with `pick`, only those rows, in that order.
 */
export function transposeRows(
  rows: ArrayLike<number>, count: number, dim: number, rowScale?: ArrayLike<number>, pick?: ArrayLike<number>,
): TransposedRows {
  if (rows.length !== count * dim) throw new Error(`transposeRows: ${rows.length} values is not ${count}×${dim}`);
  const n = pick ? pick.length : count;
  const values = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const j = pick ? pick[i] : i;
    const s = rowScale ? rowScale[j] : 1;
    const base = j * dim;
    for (let d = 0; d < dim; d++) values[d * n + i] = rows[base + d] * s;
  }
  return { dim, count: n, values };
}

export class OrtProduct {
  private constructor(
    private readonly ort: OrtModule,
    private readonly product: OrtSession,
    private readonly productTopK: OrtSession,
  ) {}

  /** Sessions on the CPU provider of this runtime; rejects when onnxruntime cannot start. */
  static async create(ort?: OrtModule): Promise<OrtProduct> {
    const runtime = ort ?? (await defaultOrtModule());
    const options = { executionProviders: [cpuExecutionProvider()], graphOptimizationLevel: 'all' };
    const product = await runtime.InferenceSession.create(decodeBase64(PRODUCT_GRAPH), options);
    const productTopK = await runtime.InferenceSession.create(decodeBase64(PRODUCT_TOPK_GRAPH), options);
    return new OrtProduct(runtime, product, productTopK);
  }

  /** Rows of `a` per run for a right-hand side of `count` rows. */
  static chunkRows(count: number): number {
    return Math.max(1, Math.floor(CHUNK_VALUES / Math.max(1, count)));
  }

  private bTensor(b: TransposedRows): OrtTensor {
    return new this.ort.Tensor('float32', b.values, [b.dim, b.count]);
  }

  private aTensor(a: Float32Array, start: number, rows: number, dim: number): OrtTensor {
    return new this.ort.Tensor('float32', a.subarray(start * dim, (start + rows) * dim), [rows, dim]);
  }

  /** a (na × dim, row-major) · b → na × b.count, row-major; `onChunk` runs between chunks (cancel). */
  async multiply(a: Float32Array, na: number, b: TransposedRows, onChunk?: () => Promise<void>): Promise<Float32Array> {
    checkA(a, na, b.dim);
    const out = new Float32Array(na * b.count);
    const bT = this.bTensor(b);
    const step = OrtProduct.chunkRows(b.count);
    for (let start = 0; start < na; start += step) {
      if (start > 0) await onChunk?.();
      const rows = Math.min(step, na - start);
      const result = await this.product.run({ a: this.aTensor(a, start, rows, b.dim), bT });
      out.set(result.scores.data as Float32Array, start * b.count);
      for (const t of Object.values(result)) t.dispose?.();
    }
    return out;
  }

  /** The k best columns of each row of a · b, best first (ties: lower column first). */
  async topK(a: Float32Array, na: number, b: TransposedRows, k: number, onChunk?: () => Promise<void>): Promise<TopKResult[]> {
    checkA(a, na, b.dim);
    const kk = Math.max(0, Math.min(Math.floor(k), b.count));
    if (kk === 0 || na === 0) return Array.from({ length: na }, () => ({ indexes: new Int32Array(0), scores: new Float32Array(0) }));
    const bT = this.bTensor(b);
    const kTensor = new this.ort.Tensor('int64', BigInt64Array.of(BigInt(kk)), [1]);
    const step = OrtProduct.chunkRows(b.count);
    const results: TopKResult[] = [];
    for (let start = 0; start < na; start += step) {
      if (start > 0) await onChunk?.();
      const rows = Math.min(step, na - start);
      const out = await this.productTopK.run({ a: this.aTensor(a, start, rows, b.dim), bT, k: kTensor });
      const values = out.values.data as Float32Array;
      const indices = out.indices.data as BigInt64Array;
      for (let r = 0; r < rows; r++) {
        results.push({
          indexes: Int32Array.from(indices.subarray(r * kk, (r + 1) * kk), Number),
          scores: values.slice(r * kk, (r + 1) * kk),
        });
      }
      for (const t of Object.values(out)) t.dispose?.();
    }
    return results;
  }

  async release(): Promise<void> {
    await Promise.all([this.product.release(), this.productTopK.release()]);
  }
}

function checkA(a: Float32Array, na: number, dim: number): void {
  if (a.length !== na * dim) throw new Error(`matrix product: a has ${a.length} values, expected ${na}×${dim}`);
}
