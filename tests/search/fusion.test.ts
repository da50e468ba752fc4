import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../workers/engine/search/lexical';
import { lexicalKnownShare } from '../../workers/engine/search/rank';
import { hybridFusion, lexicalListWeight, reciprocalRankFusion } from '../../workers/engine/search/fusion';

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

describe('query-adaptive hybrid fusion', () => {
  const dense = [1, 2, 3, 4, 5];
  const lexical = [5, 9, 8];

  it('keeps the dense order when the lexical index knows none of the query (other language, unknown compound)', () => {
    expect(lexicalListWeight(0)).toBe(0);
    expect(hybridFusion(dense, lexical, 0).slice(0, dense.length).map((f) => f.id)).toEqual(dense);
  });

  it('lets BM25 lift an entry when the index knows every query term', () => {
    const fused = hybridFusion(dense, lexical, 1).map((f) => f.id);
    expect(fused.indexOf(5)).toBeLessThan(dense.indexOf(5));
  });

  it('gives BM25 less say the less of the query its index knows', () => {
    expect(lexicalListWeight(1)).toBeGreaterThan(lexicalListWeight(0.75));
    expect(lexicalListWeight(0.75)).toBeGreaterThan(lexicalListWeight(0.25));
    expect(lexicalListWeight(Number.NaN)).toBe(0);
  });
});

describe('lexicalKnownShare', () => {
  const index = LexicalIndex.build([
    { id: 0, labels: ['Softwareentwickler', 'Entwickler'] },
    { id: 1, labels: ['Koch', 'Küchenchef'] },
  ]);

  it('is the share of query words the index matches, stopwords aside', () => {
    expect(lexicalKnownShare(index, 'Koch')).toBe(1);
    expect(lexicalKnownShare(index, 'Koch und Zimmermann')).toBe(0.5);
    expect(lexicalKnownShare(index, 'carpenter')).toBe(0);
  });

  it('counts a compound the index can split into known parts as known', () => {
    expect(lexicalKnownShare(index, 'Spieleentwickler')).toBe(1);
  });
});
