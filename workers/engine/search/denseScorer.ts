/**
 * Dense scoring of query vectors against an EmbeddingIndex, on one of two paths:
 *   ortDenseScorer  matrix product and top-k on onnxruntime's CPU kernels (similarity/ortProduct.ts),
 *                   the default wherever onnxruntime starts (browser WASM, Node); full matrices
 *                   (an index's or two user lists') on the engine's relaxed-SIMD kernel
 *                   (similarity/wasmGemm.ts) in a browser that has relaxed SIMD
 *   jsDenseScorer   the plain JavaScript loop of dense.ts; the fallback, and the reference in tests
 * Both return per-entry cosines: an entry with several rows scores its best row.
 */
import { isNodeRuntime, webRuntimeThreads } from '../embed/onnx';
import { OrtProduct, transposeRows, type TransposedRows } from '../similarity/ortProduct';
import { relaxedSimdSupported } from '../similarity/relaxedSimd';
import { WasmGemm } from '../similarity/wasmGemm';
import type { TopKResult } from '../similarity/topK';
import { abortError } from './abort';
import { entryScores, halfRows, topK } from './dense';
import type { EmbeddingIndex } from './indexFormat';

export interface DenseScorer {
  /** The k best entries for each of nq unit query rows (row-major nq × dim), best first; ties: lower entry first. */
  topEntries(index: EmbeddingIndex, queries: Float32Array, nq: number, k: number, signal?: AbortSignal): Promise<TopKResult[]>;
  /** nq × entries cosines, row-major. */
  matrix(index: EmbeddingIndex, queries: Float32Array, nq: number, signal?: AbortSignal): Promise<Float32Array>;
  /** nq × entries.length cosines with the listed entries only, row-major (aggregation of long texts). */
  scoresFor(index: EmbeddingIndex, queries: Float32Array, nq: number, entries: ArrayLike<number>): Promise<Float32Array>;
}

/** Cosine of query row q with entry e (best of the entry's rows), read straight from the index. */
export function entryCosine(index: EmbeddingIndex, queries: Float32Array, q: number, e: number): number {
  const { dim, firstRow } = index;
  const from = firstRow ? firstRow[e] : e;
  const to = firstRow ? firstRow[e + 1] : e + 1;
  if (to <= from) return 0;
  const qo = q * dim;
  const int8 = index.encoding === 'int8-rowscale';
  const v = int8 ? (index.values as Int8Array) : halfRows(index);
  let best = -Infinity;
  for (let r = from; r < to; r++) {
    let dot = 0;
    const ro = r * dim;
    for (let j = 0; j < dim; j++) dot += v[ro + j] * queries[qo + j];
    best = Math.max(best, int8 ? dot * index.scales![r] : dot);
  }
  return best;
}

function topOfRows(scores: Float32Array, nq: number, n: number, k: number): TopKResult[] {
  const out: TopKResult[] = [];
  for (let q = 0; q < nq; q++) {
    const row = scores.subarray(q * n, (q + 1) * n);
    const ids = topK(row, k);
    out.push({ indexes: Int32Array.from(ids), scores: Float32Array.from(ids, (i) => row[i]) });
  }
  return out;
}

export const jsDenseScorer: DenseScorer = {
  async topEntries(index, queries, nq, k) {
    return topOfRows(entryScores(index, queries), nq, index.entries, k);
  },
  async matrix(index, queries) {
    return entryScores(index, queries);
  },
  async scoresFor(index, queries, nq, entries) {
    const out = new Float32Array(nq * entries.length);
    for (let q = 0; q < nq; q++) {
      for (let i = 0; i < entries.length; i++) out[q * entries.length + i] = entryCosine(index, queries, q, entries[i]);
    }
    return out;
  },
};

/** Float rows of an index, row-major, with their per-row scales (int8) or none (fp16, decoded once). */
function floatSource(index: EmbeddingIndex): { rows: ArrayLike<number>; scales?: Float32Array } {
  return index.encoding === 'int8-rowscale' ? { rows: index.values as Int8Array, scales: index.scales! } : { rows: halfRows(index) };
}

/** The rows of the listed entries (one row each: indexes without row owners), transposed. */
function gatherTransposed(index: EmbeddingIndex, entries: ArrayLike<number>): TransposedRows {
  const { rows, scales } = floatSource(index);
  return transposeRows(rows, index.rows, index.dim, scales, entries);
}

/** Float rows of an index, transposed for the product; built once per index (skills: 14 MB). */
const transposed = new WeakMap<EmbeddingIndex, TransposedRows>();
function transposedRows(index: EmbeddingIndex): TransposedRows {
  let t = transposed.get(index);
  if (!t) {
    const { rows, scales } = floatSource(index);
    t = transposeRows(rows, index.rows, index.dim, scales);
    transposed.set(index, t);
  }
  return t;
}

/** Row scores (nq × rows) → entry scores (nq × entries), best row per entry. */
function bestRowPerEntry(rowScores: Float32Array, nq: number, index: EmbeddingIndex): Float32Array {
  const { rows, entries, firstRow } = index;
  if (!firstRow) return rowScores;
  const out = new Float32Array(nq * entries);
  for (let q = 0; q < nq; q++) {
    for (let e = 0; e < entries; e++) {
      let best = -Infinity;
      for (let r = firstRow[e]; r < firstRow[e + 1]; r++) best = Math.max(best, rowScores[q * rows + r]);
      out[q * entries + e] = firstRow[e + 1] > firstRow[e] ? best : 0;
    }
  }
  return out;
}

/**
 * The relaxed-SIMD kernel in a browser that runs relaxed SIMD, on as many threads as onnxruntime
 * got (the same isolation and header checks apply to its helper workers); none in Node, where
 * onnxruntime-node's native MatMul is faster than any WASM kernel.
 */
export async function browserGemm(): Promise<WasmGemm | null> {
  if (isNodeRuntime() || !relaxedSimdSupported()) return null;
  return WasmGemm.create({ threads: (await webRuntimeThreads()).threads });
}

/**
 * Scores on onnxruntime, falling back to the JavaScript loop for good if the runtime cannot start
 * or a run fails (the reason is kept in `fallbackReason`). Full matrices go to the relaxed-SIMD
 * kernel when there is one (1.4–2.7× onnxruntime-web's MatMul in the bench), to onnxruntime when it
 * fails.
 */
export class OrtDenseScorer implements DenseScorer {
  private product: Promise<OrtProduct | null> | null = null;
  private gemm: Promise<WasmGemm | null> | null = null;
  fallbackReason: string | null = null;

  constructor(
    private readonly create: () => Promise<OrtProduct> = () => OrtProduct.create(),
    private readonly createGemm: () => Promise<WasmGemm | null> = browserGemm,
  ) {}

  /** The relaxed-SIMD kernel's threads once it has started, or null where full matrices run on onnxruntime. */
  async matrixKernelThreads(): Promise<number | null> {
    return (await this.kernel())?.threads ?? null;
  }

  private kernel(): Promise<WasmGemm | null> {
    this.gemm ??= this.createGemm().catch((error) => {
      console.warn(`similarity matrices run on onnxruntime: ${error instanceof Error ? error.message : error}`);
      return null;
    });
    return this.gemm;
  }

  /** Runs a product on the kernel; null (and the kernel dropped for good) when it fails. */
  private async onKernel(run: (gemm: WasmGemm) => Promise<Float32Array>): Promise<Float32Array | null> {
    const gemm = await this.kernel();
    if (!gemm) return null;
    try {
      return await run(gemm);
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      console.warn(`similarity matrices run on onnxruntime from now on: ${error instanceof Error ? error.message : error}`);
      gemm.release();
      this.gemm = Promise.resolve(null);
      return null;
    }
  }

  /** Starts the runtime now (model load), so the first search does not pay for it; says which path scores. */
  async start(): Promise<'onnxruntime' | 'javascript'> {
    return (await this.runtime()) ? 'onnxruntime' : 'javascript';
  }

  /**
   * Cosine matrix of two sets of unit rows (row-major na × dim and nb × dim), for user lists:
   * na × nb, row-major.
   */
  async rowProduct(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number, signal?: AbortSignal): Promise<Float32Array | null> {
    const fast = await this.onKernel((gemm) => gemm.multiply(a, na, b, nb, dim, this.between(signal)));
    if (fast) return fast;
    const product = await this.runtime();
    if (!product) return null;
    try {
      return await product.multiply(a, na, transposeRows(b, nb, dim), this.between(signal));
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      this.fail(error);
      return null;
    }
  }

  private runtime(): Promise<OrtProduct | null> {
    this.product ??= this.create().catch((error) => this.fail(error));
    return this.product;
  }

  private fail(error: unknown): null {
    this.fallbackReason = error instanceof Error ? error.message : String(error);
    this.product = Promise.resolve(null);
    return null;
  }

  private between(signal?: AbortSignal): () => Promise<void> {
    return async () => {
      // A macrotask break between chunks, so a worker can receive a cancel message.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw abortError();
    };
  }

  async topEntries(index: EmbeddingIndex, queries: Float32Array, nq: number, k: number, signal?: AbortSignal): Promise<TopKResult[]> {
    if (index.firstRow) return topOfRows(await this.matrix(index, queries, nq, signal), nq, index.entries, k);
    const product = await this.runtime();
    if (product) {
      try {
        return await product.topK(queries, nq, transposedRows(index), k, this.between(signal));
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        this.fail(error);
      }
    }
    return jsDenseScorer.topEntries(index, queries, nq, k, signal);
  }

  async matrix(index: EmbeddingIndex, queries: Float32Array, nq: number, signal?: AbortSignal): Promise<Float32Array> {
    const fast = await this.onKernel(async (gemm) => {
      const { rows, scales } = floatSource(index);
      return gemm.multiply(queries, nq, { key: index, rows, rowScale: scales }, index.rows, index.dim, this.between(signal));
    });
    if (fast) return bestRowPerEntry(fast, nq, index);
    const product = await this.runtime();
    if (product) {
      try {
        return bestRowPerEntry(await product.multiply(queries, nq, transposedRows(index), this.between(signal)), nq, index);
      } catch (error) {
        if ((error as Error).name === 'AbortError') throw error;
        this.fail(error);
      }
    }
    return jsDenseScorer.matrix(index, queries, nq, signal);
  }

  async scoresFor(index: EmbeddingIndex, queries: Float32Array, nq: number, entries: ArrayLike<number>): Promise<Float32Array> {
    const product = index.firstRow || entries.length === 0 ? null : await this.runtime();
    if (product) {
      try {
        return await product.multiply(queries, nq, gatherTransposed(index, entries));
      } catch (error) {
        this.fail(error);
      }
    }
    return jsDenseScorer.scoresFor(index, queries, nq, entries);
  }
}

/** The scorer search uses unless told otherwise: one per runtime, started on first use. */
export const defaultDenseScorer = new OrtDenseScorer();
