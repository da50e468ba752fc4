import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../workers/engine/search/fusion';

describe('reciprocal-rank fusion', () => {
  it('sums 1/(k + rank) over the lists that contain an entry', () => {
    const fused = reciprocalRankFusion([{ ids: [1, 2, 3] }, { ids: [3, 1, 4] }], 10);
    const score = (id: number) => fused.find((f) => f.id === id)!.score;
    expect(score(1)).toBeCloseTo(1 / 11 + 1 / 12);
    expect(score(3)).toBeCloseTo(1 / 13 + 1 / 11);
    expect(score(4)).toBeCloseTo(1 / 13);
    expect(fused.map((f) => f.id)).toEqual([1, 3, 2, 4]);
    expect(fused[0].ranks).toEqual([1, 2]);
  });

  it('ranks an entry both lists agree on above one only a single list ranks first', () => {
    const fused = reciprocalRankFusion([{ ids: [7, 5] }, { ids: [8, 5] }]);
    expect(fused[0].id).toBe(5);
  });

  it('orders ties by best rank, then id', () => {
    const fused = reciprocalRankFusion([{ ids: [2] }, { ids: [1] }]);
    expect(fused.map((f) => f.id)).toEqual([1, 2]);
  });
});
