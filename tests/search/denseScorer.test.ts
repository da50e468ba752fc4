import { describe, expect, it } from 'vitest';
import { jsDenseScorer, OrtDenseScorer } from '../../workers/engine/search/denseScorer';
import { normalizeRows } from '../../workers/engine/search/dense';
import { decodeIndex, encodeIndex } from '../../workers/engine/search/indexFormat';
import { OrtProduct } from '../../workers/engine/similarity/ortProduct';
import { randomRows } from '../engine/synthetic';

const dim = 48;
const entries = 700;
const vectors = randomRows(entries, dim, 11, true);
const queries = normalizeRows(randomRows(9, dim, 12), dim);
// Query 3 is entry 123 itself: it must come first on every path.
queries.set(vectors.subarray(123 * dim, 124 * dim), 3 * dim);

describe.each(['int8-rowscale', 'fp16'] as const)('dense scoring on onnxruntime (%s index)', (encoding) => {
  const index = decodeIndex(encodeIndex(vectors, dim, encoding));

  it('returns the same top entries and cosines as the JavaScript loop', async () => {
    const ort = new OrtDenseScorer();
    const [fast, ref] = await Promise.all([ort.topEntries(index, queries, 9, 25), jsDenseScorer.topEntries(index, queries, 9, 25)]);
    expect(ort.fallbackReason).toBeNull();
    expect(fast[3].indexes[0]).toBe(123);
    expect(fast[3].scores[0]).toBeCloseTo(1, 2);
    for (let q = 0; q < 9; q++) {
      expect(Array.from(fast[q].indexes)).toEqual(Array.from(ref[q].indexes));
      fast[q].scores.forEach((s, i) => expect(s).toBeCloseTo(ref[q].scores[i], 5));
    }
  });

  it('computes the full matrix and the scores of chosen entries like the JavaScript loop', async () => {
    const ort = new OrtDenseScorer();
    const full = await ort.matrix(index, queries, 9);
    const ref = await jsDenseScorer.matrix(index, queries, 9);
    expect(full.length).toBe(9 * entries);
    full.forEach((v, i) => expect(v).toBeCloseTo(ref[i], 5));
    const chosen = [5, 123, 699, 0];
    const sub = await ort.scoresFor(index, queries, 9, chosen);
    for (let q = 0; q < 9; q++) chosen.forEach((e, c) => expect(sub[q * 4 + c]).toBeCloseTo(ref[q * entries + e], 5));
  });
});

describe('dense scorer fallback', () => {
  it('falls back to the JavaScript loop, with the reason, when onnxruntime cannot start', async () => {
    const index = decodeIndex(encodeIndex(vectors, dim, 'int8-rowscale'));
    const broken = new OrtDenseScorer(() => Promise.reject(new Error('no wasm here')));
    const top = await broken.topEntries(index, queries, 9, 5);
    expect(top[3].indexes[0]).toBe(123);
    expect(broken.fallbackReason).toBe('no wasm here');
  });

  it('scores an entry with several rows by its best row', async () => {
    const index = decodeIndex(encodeIndex(vectors.subarray(0, 5 * dim), dim, 'fp16', Uint32Array.from([0, 2, 5])));
    const top = await new OrtDenseScorer().topEntries(index, vectors.subarray(3 * dim, 4 * dim), 1, 2);
    expect(Array.from(top[0].indexes)).toEqual([1, 0]);
    expect(top[0].scores[0]).toBeCloseTo(1, 2);
  });
});

describe('OrtProduct', () => {
  it('multiplies in row chunks without changing the result', async () => {
    const product = await OrtProduct.create();
    const b = { dim, count: entries, values: new Float32Array(dim * entries) };
    for (let j = 0; j < entries; j++) for (let d = 0; d < dim; d++) b.values[d * entries + j] = vectors[j * dim + d];
    const many = randomRows(OrtProduct.chunkRows(entries) + 3, dim, 13);
    const n = many.length / dim;
    const out = await product.multiply(many, n, b);
    const ref = await jsDenseScorer.matrix(decodeIndex(encodeIndex(vectors, dim, 'fp16')), many, n);
    expect(out.length).toBe(n * entries);
    // Spot-check the last chunk too (fp16 reference: ~1e-3).
    for (const i of [0, 17, out.length - 1, out.length - entries]) expect(out[i]).toBeCloseTo(ref[i], 2);
    await product.release();
  });
});
