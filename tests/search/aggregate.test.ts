import { describe, expect, it } from 'vitest';
import { aggregateSegmentHits } from '../../workers/engine/search/aggregate';

describe('aggregateSegmentHits', () => {
  it('mixes the best segment score with the mean over all segments', () => {
    const lists = [
      [{ id: 1, score: 0.9 }, { id: 2, score: 0.5 }],
      [{ id: 2, score: 0.7 }],
      [{ id: 2, score: 0.7 }],
      [{ id: 3, score: 0.2 }],
    ];
    const out = aggregateSegmentHits(lists, { lambda: 0.5 });
    const score = (id: number) => out.find((e) => e.id === id)!.score;
    expect(score(1)).toBeCloseTo(0.5 * 0.9 + 0.5 * (0.9 / 4));
    expect(score(2)).toBeCloseTo(0.5 * 0.7 + 0.5 * (1.9 / 4));
    // entry 2 is supported by three segments and overtakes entry 1's single strong match
    expect(out.map((e) => e.id)).toEqual([2, 1, 3]);
  });

  it('lists evidence segments strongest first', () => {
    const lists = [[{ id: 7, score: 0.7 }], [{ id: 7, score: 0.8 }], [], [{ id: 7, score: 0.75 }], [{ id: 7, score: 0.3 }]];
    expect(aggregateSegmentHits(lists, { lambda: 0.7 })[0].evidence).toEqual([1, 3, 0]);
    expect(aggregateSegmentHits(lists, { lambda: 0.7, maxEvidence: 2 })[0].evidence).toEqual([1, 3]);
  });

  it('leaves out segments far weaker than the entry\'s best one', () => {
    const lists = [[{ id: 7, score: 0.9 }], [{ id: 7, score: 0.2 }]];
    expect(aggregateSegmentHits(lists, { lambda: 0.5 })[0].evidence).toEqual([0]);
  });

  it('takes the max over every segment when the full score matrix is known', () => {
    const lists = [[{ id: 0, score: 0.4 }], []];
    const out = aggregateSegmentHits(lists, { lambda: 1, scoreOf: (s) => (s === 1 ? 0.9 : 0.4) });
    expect(out[0].score).toBeCloseTo(0.9);
  });
});
