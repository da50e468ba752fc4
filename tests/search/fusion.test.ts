import { describe, expect, it } from 'vitest';
import { LexicalIndex } from '../../workers/engine/search/lexical';
import { hybridFusion, hybridRankFusion, lexicalBeta, reciprocalRankFusion } from '../../workers/engine/search/fusion';

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

describe('query-adaptive hybrid fusion (cosine + β · BM25)', () => {
  // Cosines of entries 1..5 (dense top), BM25 hits 5, 9, 8; entries 8 and 9 have cosines 0.2 and 0.79.
  const dense = { ids: [1, 2, 3, 4, 5], scores: [0.9, 0.85, 0.8, 0.79, 0.78] };
  const lexical = { ids: [5, 9, 8], scores: [12, 6, 3] };
  const cosineOf = (id: number) => ({ 8: 0.2, 9: 0.79 })[id] ?? 0;

  it('keeps the dense order when the lexical index knows none of the query (other language, unknown compound)', () => {
    expect(lexicalBeta(0)).toBe(0);
    expect(hybridFusion(dense, lexical, 0, cosineOf).slice(0, 5).map((f) => f.id)).toEqual(dense.ids);
  });

  it('lets BM25 settle near-ties when the index knows every query term, but not overturn a clear dense lead', () => {
    const fused = hybridFusion(dense, lexical, 1, cosineOf);
    const order = fused.map((f) => f.id);
    // 5 (BM25 first, cosine 0.78) passes 4 and 3 (0.79, 0.80) but not 1 (0.90).
    expect(order.indexOf(5)).toBeLessThan(order.indexOf(3));
    expect(order[0]).toBe(1);
    // 9, found only by BM25, is scored with its own cosine: it passes 4 (same cosine, no BM25).
    expect(order.indexOf(9)).toBeLessThan(order.indexOf(4));
    expect(fused.find((f) => f.id === 5)!.score).toBeCloseTo(0.78 + lexicalBeta(1), 6);
  });

  it('gives BM25 less say the less of the query its index knows', () => {
    expect(lexicalBeta(1)).toBeGreaterThan(lexicalBeta(0.75));
    expect(lexicalBeta(0.75)).toBeGreaterThan(lexicalBeta(0.25));
    expect(lexicalBeta(Number.NaN)).toBe(0);
  });

  it('lets BM25 decide where it knows words the model never saw in training (a hidden label, a typo)', () => {
    // The query's words: all known to BM25, none to the model. Its cosines then say little.
    const fused = hybridFusion(dense, lexical, 1, cosineOf, 1);
    expect(fused[0].id).toBe(5);
    expect(lexicalBeta(1, 1)).toBeGreaterThan(lexicalBeta(1, 0.5));
    // No extra weight when the model knows every word BM25 knows.
    expect(lexicalBeta(1, 0)).toBe(lexicalBeta(1));
    expect(hybridFusion(dense, lexical, 1, cosineOf, 0)[0].id).toBe(1);
    expect(lexicalBeta(0, Number.NaN)).toBe(0);
  });
});

describe('previous rule: weighted reciprocal-rank fusion (kept for the eval comparison)', () => {
  it('lets the BM25 first place rise when the index knows every term, and not at all when it knows none', () => {
    expect(hybridRankFusion([1, 2, 3, 4, 5], [5, 9, 8], 0).slice(0, 5).map((f) => f.id)).toEqual([1, 2, 3, 4, 5]);
    const fused = hybridRankFusion([1, 2, 3, 4, 5], [5, 9, 8], 1).map((f) => f.id);
    expect(fused.indexOf(5)).toBeLessThan(4);
  });
});

describe('LexicalIndex.knownShare', () => {
  const index = LexicalIndex.build([
    { id: 0, labels: ['Softwareentwickler', 'Entwickler'] },
    { id: 1, labels: ['Koch', 'Küchenchef'] },
  ]);

  it('is the share of query words the index matches, stopwords aside', () => {
    expect(index.knownShare('Koch')).toBe(1);
    expect(index.knownShare('Koch und Zimmermann')).toBe(0.5);
    expect(index.knownShare('carpenter')).toBe(0);
  });

  it('counts a compound the index can split into known parts as known', () => {
    expect(index.knownShare('Spieleentwickler')).toBe(1);
  });
});
