import { describe, expect, it } from 'vitest';
import type { TextEmbedder } from '../../workers/engine/search/buildIndex';
import { analyzeSegments } from '../../workers/engine/search/analyze';
import { listCorpus } from '../../workers/engine/search/engine';
import { textLexicalBeta } from '../../workers/engine/search/fusion';
import { segmentText } from '../../workers/engine/search/segment';
import { wordTokens } from '../../workers/engine/search/tokenize';

/**
 * An embedder that knows meanings, not spellings: words of one topic share a direction, every
 * other word adds nothing. So "nurse" is close to "nursing" although the words differ, and
 * "mowing" means nothing to it although the lexical index matches it.
 */
function topicEmbedder(topics: string[][]): TextEmbedder {
  const dim = topics.length;
  return {
    dim,
    recipe: { recipeHash: 'topics-test' },
    async embed(texts: string[]) {
      const out = new Float32Array(texts.length * dim);
      texts.forEach((text, i) => {
        for (const word of wordTokens(text)) topics.forEach((words, t) => words.includes(word) && (out[i * dim + t] += 1));
      });
      return out;
    },
  } as TextEmbedder;
}

async function analyze(fusion: 'convex' | 'rrf') {
  const embedder = topicEmbedder([['nurse', 'nursing', 'patients', 'ward', 'wound', 'dressing'], ['lawn', 'garden', 'grass']]);
  const entries = ['nursing', 'wound dressing', 'lawn mowing'];
  const text = ['Registered nurse on a surgical ward for six years.', 'Wound dressing for patients after surgery.', 'Mowing the schedule down to four weeks.'].join('\n');
  const segments = segmentText(text, { locale: 'en' });
  const vectors = await embedder.embed(segments.map((s) => s.text), { role: 'query' });
  // Unit rows, as the engine's query embedding gives them.
  for (let s = 0; s < segments.length; s++) {
    const row = vectors.subarray(s * embedder.dim, (s + 1) * embedder.dim);
    const norm = Math.hypot(...row) || 1;
    row.forEach((v, j) => (row[j] = v / norm));
  }
  const hits = await analyzeSegments(listCorpus(entries, embedder), segments, vectors, { k: 3, mode: 'hybrid', lambda: 0.7, fusion });
  return { order: hits.map((h) => entries[Number(h.id)]), hits, segments };
}

describe('analyzeSegments, hybrid', () => {
  it('keeps an entry that only shares a word with one line below the entries the text is about', async () => {
    const { order, hits, segments } = await analyze('convex');
    expect(segments).toHaveLength(3);
    expect(order.slice(0, 2).sort()).toEqual(['nursing', 'wound dressing']);
    expect(order[2]).toBe('lawn mowing');
    // Not by a hair: the word match adds at most β = 0.3 to a score the meaning does not support.
    expect(hits[1].score - hits[2].score).toBeGreaterThan(0.3);
    // The rank fusion used before put the word match above "nursing", which only the meaning finds.
    const before = await analyze('rrf');
    expect(before.order.indexOf('lawn mowing')).toBeLessThan(before.order.indexOf('nursing'));
  });

  it('weights the lexical side by the share of the text its index knows', () => {
    expect(textLexicalBeta(1)).toBeCloseTo(0.3);
    expect(textLexicalBeta(0.5)).toBeCloseTo(0.075);
    expect(textLexicalBeta(0)).toBe(0);
    expect(textLexicalBeta(Number.NaN)).toBe(0);
  });
});
