import { describe, expect, it } from 'vitest';
import { VectorCache } from '../../tools/eval/dense.js';
import { compareQueryLanguage } from '../../tools/eval/queryLanguage.js';
import type { Corpus, Task } from '../../tools/eval/tasks.js';

const doc = (id: number, uri: string, labels: string[]) => ({ id, uri, labels, preferredCount: 1 });
const english: Corpus = {
  name: 'occupations-en',
  docs: [doc(0, 'u/nurse', ['nurse']), doc(1, 'u/cashier', ['cashier']), doc(2, 'u/embalmer', ['embalmer']), doc(3, 'u/baker', ['baker'])],
};
const german: Corpus = {
  name: 'occupations-de',
  docs: [doc(0, 'u/nurse', ['Krankenpfleger/Krankenpflegerin']), doc(1, 'u/cashier', ['Kassierer/Kassiererin']), doc(2, 'u/embalmer', ['Einbalsamierer']), doc(3, 'u/baker', ['Bäcker/Bäckerin'])],
};
const task = (id: string, corpus: Corpus, queries: [string, number][]): Task => ({
  id,
  title: id,
  corpus,
  ...(corpus === english ? {} : { englishCorpus: english }),
  queries: queries.map(([text, relevant]) => ({ text, relevant: new Set([relevant]) })),
  multiRelevant: false,
});

// A model that knows nothing: every text gets the same vector, so only the lexical side ranks.
const blind = new VectorCache(async (texts) => new Float32Array(texts.length * 4).fill(0.5), 4);

describe('search without a language (eval)', () => {
  it("shows what searching a German query in the German labels adds over the English labels", async () => {
    const tasks = [
      task('1-en', english, [['embalmer', 2], ['baker', 3]]),
      task('1-de', german, [['Kassiererin', 1], ['Einbalsamierer', 2], ['Krankenpflegerin', 0]]),
    ];
    const rows = await compareQueryLanguage(tasks, blind, 'centroid', () => 0);
    expect(rows.map((r) => r.task.id)).toEqual(['1-en', '1-de']);
    const [en, de] = rows;
    // English queries: the English labels are the right ones, whatever the detector says.
    expect(en.english).toBe(1);
    expect(en.told).toBe(1);
    // German queries: found first by their German labels, not by the English ones.
    expect(de.detected).toBe(1);
    expect(de.told).toBe(1);
    expect(de.auto).toBe(1);
    expect(de.list).toBe(1);
    expect(de.english).toBeLessThan(1);
    expect(de.dense).toBeLessThan(1);
    expect(de.metric).toBe('MRR@10');
  });
});
