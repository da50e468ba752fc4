import { describe, expect, it } from 'vitest';
import { normalizeRows } from '../../workers/engine/embed/normalize';
import { poolCls, poolLastToken, poolMax, poolMean } from '../../workers/engine/embed/pool';
import { randomRows } from './synthetic';

const batch = 3, seq = 5, dim = 4;
const hidden = randomRows(batch * seq, dim, 7);
// Row 0 full, row 1 has two padding tokens, row 2 only one real token.
const maskNumbers = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
const mask = BigInt64Array.from(maskNumbers.map(BigInt));

const token = (b: number, t: number) => Array.from(hidden.subarray((b * seq + t) * dim, (b * seq + t + 1) * dim));
const realTokens = (b: number) => [0, 1, 2, 3, 4].filter((t) => maskNumbers[b * seq + t] === 1);

describe('pooling', () => {
  it('mean pooling averages only the real tokens', () => {
    const pooled = poolMean(hidden, mask, batch, seq, dim);
    for (let b = 0; b < batch; b++) {
      const ts = realTokens(b);
      for (let d = 0; d < dim; d++) {
        const expected = ts.reduce((s, t) => s + token(b, t)[d], 0) / ts.length;
        expect(pooled[b * dim + d]).toBeCloseTo(expected, 6);
      }
    }
  });

  it('padding values do not leak into mean or max pooling', () => {
    const changed = hidden.slice();
    for (let d = 0; d < dim; d++) changed[(1 * seq + 4) * dim + d] = 1000; // a padding token of row 1
    expect(poolMean(changed, mask, batch, seq, dim)).toEqual(poolMean(hidden, mask, batch, seq, dim));
    expect(poolMax(changed, mask, batch, seq, dim)).toEqual(poolMax(hidden, mask, batch, seq, dim));
  });

  it('max pooling takes the per-dimension maximum over real tokens', () => {
    const pooled = poolMax(hidden, maskNumbers, batch, seq, dim);
    for (let b = 0; b < batch; b++) {
      for (let d = 0; d < dim; d++) {
        expect(pooled[b * dim + d]).toBe(Math.max(...realTokens(b).map((t) => token(b, t)[d])));
      }
    }
  });

  it('cls pooling takes the first token and last-token pooling the last real one', () => {
    const cls = poolCls(hidden, mask, batch, seq, dim);
    const last = poolLastToken(hidden, mask, batch, seq, dim);
    for (let b = 0; b < batch; b++) {
      expect(Array.from(cls.subarray(b * dim, (b + 1) * dim))).toEqual(token(b, 0));
      const ts = realTokens(b);
      expect(Array.from(last.subarray(b * dim, (b + 1) * dim))).toEqual(token(b, ts[ts.length - 1]));
    }
  });

  it('rejects a mask of the wrong size', () => {
    expect(() => poolMean(hidden, mask.subarray(1), batch, seq, dim)).toThrow(/mask/);
  });

  it('normalizeRows gives unit rows and leaves zero rows at zero', () => {
    const rows = new Float32Array([3, 4, 0, 0, 0, 0]);
    normalizeRows(rows, 2, 3);
    expect(rows[0]).toBeCloseTo(0.6, 6);
    expect(rows[1]).toBeCloseTo(0.8, 6);
    expect(Array.from(rows.subarray(2))).toEqual([0, 0, 0, 0]);
  });
});
