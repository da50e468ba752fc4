import { describe, expect, it } from 'vitest';
import { entryScores, normalizeRows, topK } from '../../workers/engine/search/dense';
import { decodeIndex, encodeIndex, floatToHalf, halfToFloat, indexRow, IndexFormatError } from '../../workers/engine/search/indexFormat';

function randomUnitRows(rows: number, dim: number, seed = 1): Float32Array {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return normalizeRows(Float32Array.from({ length: rows * dim }, next), dim);
}

describe('binary embedding index', () => {
  it('round-trips int8-rowscale vectors within quantization error and keeps cosine ranking', () => {
    const vectors = randomUnitRows(50, 32);
    const index = decodeIndex(encodeIndex(vectors, 32, 'int8-rowscale'));
    expect(index).toMatchObject({ encoding: 'int8-rowscale', entries: 50, rows: 50, dim: 32, firstRow: null });
    for (let r = 0; r < 50; r++) {
      const row = indexRow(index, r);
      for (let j = 0; j < 32; j++) expect(Math.abs(row[j] - vectors[r * 32 + j])).toBeLessThan(0.01);
    }
    const query = vectors.slice(7 * 32, 8 * 32);
    expect(topK(entryScores(index, query), 1)).toEqual([7]);
  });

  it('round-trips fp16 vectors', () => {
    const vectors = randomUnitRows(10, 16, 3);
    const index = decodeIndex(encodeIndex(vectors, 16, 'fp16'));
    const row = indexRow(index, 4);
    for (let j = 0; j < 16; j++) expect(row[j]).toBeCloseTo(vectors[4 * 16 + j], 3);
    expect(halfToFloat(floatToHalf(1.5))).toBe(1.5);
    expect(halfToFloat(floatToHalf(-0.000123))).toBeCloseTo(-0.000123, 6);
    expect(halfToFloat(floatToHalf(70000))).toBe(Infinity);
  });

  it('scores an entry with several rows by its best row', () => {
    const vectors = randomUnitRows(5, 8, 5);
    // entry 0 owns rows 0-1, entry 1 owns rows 2-4
    const index = decodeIndex(encodeIndex(vectors, 8, 'fp16', Uint32Array.from([0, 2, 5])));
    expect(index.entries).toBe(2);
    const scores = entryScores(index, vectors.slice(3 * 8, 4 * 8));
    expect(scores[1]).toBeCloseTo(1, 2);
    expect(scores[0]).toBeLessThan(scores[1]);
  });

  it('writes identical bytes for identical input', () => {
    const vectors = randomUnitRows(20, 12, 9);
    expect(encodeIndex(vectors, 12, 'int8-rowscale')).toEqual(encodeIndex(vectors.slice(), 12, 'int8-rowscale'));
  });

  it('rejects a truncated file with a message that says so', () => {
    const bytes = encodeIndex(randomUnitRows(20, 12), 12, 'int8-rowscale');
    expect(() => decodeIndex(bytes.slice(0, bytes.length - 10), 'skills.bin')).toThrow(IndexFormatError);
    expect(() => decodeIndex(bytes.slice(0, bytes.length - 10), 'skills.bin')).toThrow(/skills\.bin: truncated index file/);
    expect(() => decodeIndex(bytes.slice(0, 10), 'skills.bin')).toThrow(/truncated/);
    const foreign = bytes.slice();
    foreign[0] = 0x58;
    expect(() => decodeIndex(foreign)).toThrow(/not an embedding index/);
  });
});

describe('topK', () => {
  it('returns the best indexes first with ties broken by lower index', () => {
    expect(topK([0.1, 0.9, 0.5, 0.9, 0.2], 3)).toEqual([1, 3, 2]);
    expect(topK([0.3, 0.1], 5)).toEqual([0, 1]);
    expect(topK([0.3, 0.1], 0)).toEqual([]);
  });
});
