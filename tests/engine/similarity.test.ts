import { describe, expect, it } from 'vitest';
import { cosineChunks, cosineMatrix, forEachCosineChunk } from '../../workers/engine/similarity/cosine';
import { quantizeRowsInt8, searchTopK, topKOfRows } from '../../workers/engine/similarity/topK';
import { randomRows } from './synthetic';

function referenceDot(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < na; i++) {
    out.push([]);
    for (let j = 0; j < nb; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += a[i * dim + d] * b[j * dim + d];
      out[i].push(s);
    }
  }
  return out;
}

function referenceTopK(scores: number[], k: number): number[] {
  return scores.map((s, i) => [s, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]).slice(0, k).map(([, i]) => i);
}

describe('cosine matrix', () => {
  // Odd sizes exercise the 4-row and 64-column tile remainders.
  const na = 11, nb = 133, dim = 37;
  const a = randomRows(na, dim, 1, true), b = randomRows(nb, dim, 2, true);
  const ref = referenceDot(a, na, b, nb, dim);

  it('equals the plain triple loop', () => {
    const m = cosineMatrix(a, na, b, nb, dim);
    for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) expect(m[i * nb + j]).toBeCloseTo(ref[i][j], 5);
  });

  it('chunks cover every row once and agree with the full matrix', () => {
    const full = cosineMatrix(a, na, b, nb, dim);
    const seen: number[] = [];
    forEachCosineChunk(a, na, b, nb, dim, ({ rowStart, rowCount, values }) => {
      expect(values.length).toBe(rowCount * nb);
      for (let r = 0; r < rowCount; r++) seen.push(rowStart + r);
      expect(Array.from(values)).toEqual(Array.from(full.subarray(rowStart * nb, (rowStart + rowCount) * nb)));
    }, 3);
    expect(seen).toEqual([...Array(na).keys()]);
    expect([...cosineChunks(a, na, b, nb, dim, 5)].length).toBe(3);
  });

  it('similarity of a normalized row with itself is 1', () => {
    const m = cosineMatrix(a, na, a, na, dim);
    for (let i = 0; i < na; i++) expect(m[i * na + i]).toBeCloseTo(1, 5);
  });

  it('rejects inputs whose size does not match', () => {
    expect(() => cosineMatrix(a, na + 1, b, nb, dim)).toThrow(/expected 12×37/);
  });
});

describe('top-k', () => {
  const nq = 5, n = 700, dim = 24, k = 10;
  const q = randomRows(nq, dim, 3, true), index = randomRows(n, dim, 4, true);
  const ref = referenceDot(q, nq, index, n, dim);

  it('float index: same rows and order as a full sort', () => {
    const results = searchTopK(q, nq, { kind: 'f32', count: n, dim, vectors: index }, k);
    results.forEach((r, i) => {
      expect(Array.from(r.indexes)).toEqual(referenceTopK(ref[i], k));
      expect(r.scores[0]).toBeCloseTo(ref[i][r.indexes[0]], 5);
    });
  });

  it('int8 index with per-row scales finds nearly the same neighbours', () => {
    const { vectors, scales } = quantizeRowsInt8(index, n, dim);
    const results = searchTopK(q, nq, { kind: 'int8', count: n, dim, vectors, scales }, k);
    results.forEach((r, i) => {
      const exact = new Set(referenceTopK(ref[i], k));
      const overlap = Array.from(r.indexes).filter((x) => exact.has(x)).length;
      expect(overlap).toBeGreaterThanOrEqual(8);
      for (let j = 0; j < r.indexes.length; j++) expect(Math.abs(r.scores[j] - ref[i][r.indexes[j]])).toBeLessThan(0.02);
    });
  });

  it('topKOfRows handles ties by lower column and k larger than the row', () => {
    const scores = new Float32Array([0.5, 0.9, 0.5, 0.1, 0.9, 0.2]);
    expect(Array.from(topKOfRows(scores, 2, 3, 2)[0].indexes)).toEqual([1, 0]);
    expect(Array.from(topKOfRows(scores, 2, 3, 2)[1].indexes)).toEqual([1, 2]);
    expect(Array.from(topKOfRows(scores, 1, 6, 10)[0].indexes)).toEqual([1, 4, 0, 2, 5, 3]);
  });

  it('k = 0 and an empty index give empty results', () => {
    expect(searchTopK(q, nq, { kind: 'f32', count: n, dim, vectors: index }, 0)[0].indexes.length).toBe(0);
    expect(searchTopK(q, nq, { kind: 'f32', count: 0, dim, vectors: new Float32Array(0) }, 5)[0].indexes.length).toBe(0);
  });
});
