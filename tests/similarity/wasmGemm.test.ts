import { describe, expect, it } from 'vitest';
import { jsDenseScorer, OrtDenseScorer } from '../../workers/engine/search/denseScorer';
import { normalizeRows } from '../../workers/engine/search/dense';
import { decodeIndex, encodeIndex } from '../../workers/engine/search/indexFormat';
import { relaxedSimdSupported } from '../../workers/engine/similarity/relaxedSimd';
import { WasmGemm } from '../../workers/engine/similarity/wasmGemm';
import { randomRows } from '../engine/synthetic';

/** a · bᵀ in float64, the reference. */
function reference(a: Float32Array, na: number, b: Float32Array, nb: number, d: number): Float64Array {
  const c = new Float64Array(na * nb);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += a[i * d + k] * b[j * d + k];
      c[i * nb + j] = s;
    }
  }
  return c;
}

function maxDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

describe('WasmGemm, the relaxed-SIMD product (one thread in Node)', () => {
  it('runs here (vitest turns relaxed SIMD on for Node 20)', () => {
    expect(relaxedSimdSupported()).toBe(true);
  });

  // Shapes off every multiple: rows of A past a 6-row panel, rows of B past an 8-row panel, d past
  // the unroll by 4, and one block of A rows not enough for d = 768 (blocks of 42 panels).
  it.each([
    [1, 1, 1],
    [5, 7, 3],
    [6, 8, 4],
    [13, 17, 33],
    [300, 45, 768],
    [7, 700, 48],
  ])('%i × %i × %i equals the float64 product', async (na, nb, d) => {
    const gemm = await WasmGemm.create();
    const a = randomRows(na, d, 1);
    const b = randomRows(nb, d, 2);
    const c = await gemm.multiply(a, na, b, nb, d);
    expect(c).toHaveLength(na * nb);
    expect(maxDiff(c, reference(a, na, b, nb, d))).toBeLessThan(1e-4 * Math.sqrt(d));
  });

  it('keeps a right-hand side packed under its key, scaled per row, and packs a new key anew', async () => {
    const gemm = await WasmGemm.create();
    const [na, nb, d] = [9, 50, 20];
    const a = randomRows(na, d, 3);
    const int8 = Int8Array.from({ length: nb * d }, (_, i) => ((i * 37) % 255) - 127);
    const scale = Float32Array.from({ length: nb }, (_, j) => 0.01 * (j + 1));
    const scaled = Float32Array.from(int8, (v, i) => v * scale[Math.floor(i / d)]);
    const key = {};
    const first = await gemm.multiply(a, na, { key, rows: int8, rowScale: scale }, nb, d);
    expect(maxDiff(first, reference(a, na, scaled, nb, d))).toBeLessThan(1e-3);
    // Same key: the kept panels are used, whatever the rows passed now.
    const again = await gemm.multiply(a, na, { key, rows: new Int8Array(nb * d) }, nb, d);
    expect(Array.from(again)).toEqual(Array.from(first));
    // Another key with other rows: those rows.
    const other = await gemm.multiply(a, na, { key: {}, rows: scaled.map((v) => -v) }, nb, d);
    expect(maxDiff(other, first.map((v) => -v))).toBeLessThan(1e-5);
    // A product of plain rows between them does not disturb the kept ones.
    await gemm.multiply(a, na, randomRows(300, d, 4), 300, d);
    expect(Array.from(await gemm.multiply(a, na, { key, rows: int8 }, nb, d))).toEqual(Array.from(first));
  });

  it('runs calls made at once one after the other, each with its own result', async () => {
    const gemm = await WasmGemm.create();
    const d = 16;
    const inputs = [1, 2, 3].map((s) => ({ a: randomRows(20, d, s), b: randomRows(30 + s, d, s + 10), nb: 30 + s }));
    const results = await Promise.all(inputs.map(({ a, b, nb }) => gemm.multiply(a, 20, b, nb, d)));
    results.forEach((c, i) => expect(maxDiff(c, reference(inputs[i].a, 20, inputs[i].b, inputs[i].nb, d))).toBeLessThan(1e-4));
  });

  it('stops between blocks of rows when onChunk throws, and serves the next call', async () => {
    const gemm = await WasmGemm.create();
    const d = 768; // blocks of 252 rows of A: 600 rows are 3 blocks
    const a = randomRows(600, d, 5);
    const b = randomRows(40, d, 6);
    let chunks = 0;
    const cancel = async () => {
      chunks++;
      throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
    };
    await expect(gemm.multiply(a, 600, b, 40, d, cancel)).rejects.toThrow('cancelled');
    expect(chunks).toBe(1);
    const c = await gemm.multiply(a.subarray(0, 10 * d), 10, b, 40, d);
    expect(maxDiff(c, reference(a, 10, b, 40, d))).toBeLessThan(1e-3);
  });

  it('says what is wrong with mismatched sizes', async () => {
    const gemm = await WasmGemm.create();
    await expect(gemm.multiply(new Float32Array(10), 3, new Float32Array(8), 2, 4)).rejects.toThrow('a has 10 values, expected 3×4');
    await expect(gemm.multiply(new Float32Array(12), 3, new Float32Array(9), 2, 4)).rejects.toThrow('b has 9 values, expected 2×4');
    expect(await gemm.multiply(new Float32Array(0), 0, new Float32Array(8), 2, 4)).toHaveLength(0);
  });
});

describe('dense scoring with the relaxed-SIMD kernel for full matrices', () => {
  const dim = 48;
  const vectors = randomRows(700, dim, 11, true);
  const queries = normalizeRows(randomRows(9, dim, 12), dim);

  it.each(['int8-rowscale', 'fp16'] as const)('gives the JavaScript loop\'s matrix of an index (%s) and of two lists', async (encoding) => {
    const index = decodeIndex(encodeIndex(vectors, dim, encoding));
    const scorer = new OrtDenseScorer(undefined, () => WasmGemm.create());
    expect(await scorer.matrixKernelThreads()).toBe(1);
    const full = await scorer.matrix(index, queries, 9);
    const ref = await jsDenseScorer.matrix(index, queries, 9);
    expect(maxDiff(full, ref)).toBeLessThan(1e-5);
    const lists = await scorer.rowProduct(queries, 9, vectors.subarray(0, 100 * dim), 100, dim);
    expect(maxDiff(lists!, reference(queries, 9, vectors, 100, dim))).toBeLessThan(1e-5);
  });

  it('falls back to onnxruntime when the kernel cannot start', async () => {
    const scorer = new OrtDenseScorer(undefined, () => Promise.reject(new Error('no relaxed SIMD')));
    expect(await scorer.matrixKernelThreads()).toBeNull();
    const lists = await scorer.rowProduct(queries, 9, vectors.subarray(0, 100 * dim), 100, dim);
    expect(maxDiff(lists!, reference(queries, 9, vectors, 100, dim))).toBeLessThan(1e-5);
    expect(scorer.fallbackReason).toBeNull();
  });
});
