import { describe, expect, it } from 'vitest';
import { AppLexical } from '../../tools/eval/appLexical.js';
import type { Corpus } from '../../tools/eval/tasks.js';

const doc = (id: number, uri: string, labels: string[]) => ({ id, uri, labels, preferredCount: 1 });
const german: Corpus = {
  name: 'occupations-de',
  docs: [doc(0, 'u/dev', ['Softwareentwickler']), doc(1, 'u/nurse', ['Krankenpfleger']), doc(2, 'u/tester', ['Software-Tester']), doc(3, 'u/games', ['Entwickler Spiele'])],
};
const english: Corpus = { name: 'occupations-en', docs: [doc(0, 'u/nurse', ['nurse']), doc(1, 'u/dev', ['software developer'])] };

describe("the eval's lexical side is the app's index", () => {
  it('splits German compounds as the app does', () => {
    // Plain BM25 sees "softwareentwickler" as one unknown word; the app's index splits it into
    // words other labels use, so both words of the query meet it.
    const hits = new AppLexical().rank(german, 'Entwickler Software', 10);
    expect(hits.ids[0]).toBe(0);
    expect(hits.ids).toHaveLength(3);
    expect(hits.share).toBe(1);
  });

  it("searches the English labels of the same entries (by URI) in another language's index", () => {
    const hits = new AppLexical().rank(german, 'software developer', 10, english);
    expect(hits.ids[0]).toBe(0);
    expect(hits.scores[0]).toBeGreaterThan(0);
    // Without the English corpus the German index does not know "developer".
    expect(new AppLexical().rank(german, 'developer', 10).ids).toEqual([]);
  });

  it('reports the share of query words the index knows', () => {
    expect(new AppLexical().rank(english, 'nurse astronaut', 10).share).toBe(0.5);
  });
});
