/**
 * The lexical baseline: classic BM25 (k1 1.2, b 0.75; MiniSearch's BM25+ term d set to 0) over the
 * fields the dense model sees — labels (preferred + alternative) and description — plus ESCO's
 * hidden labels, which the app's keyword index searches too (so the baseline has every label the
 * app has), with lowercasing and accent folding like the model's tokenizer. No prefix or fuzzy
 * matching.
 */
import MiniSearch from 'minisearch';
import { searchLabels } from './appLexical.js';
import type { Corpus } from './tasks.js';

const fold = (term: string) =>
  term
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');

export const BM25_PARAMS = { k: 1.2, b: 0.75, d: 0 };
export const BM25_BOOST = { labels: 2, description: 1 };

export class Bm25Ranker {
  private readonly search: MiniSearch<{ id: number; labels: string; description: string }>;
  constructor(corpus: Corpus) {
    this.search = new MiniSearch({
      fields: ['labels', 'description'],
      idField: 'id',
      processTerm: (term) => fold(term) || null,
      searchOptions: { bm25: BM25_PARAMS, boost: BM25_BOOST, combineWith: 'OR', prefix: false, fuzzy: false },
    });
    this.search.addAll(corpus.docs.map((d) => ({ id: d.id, labels: searchLabels(d).join('\n'), description: d.description ?? '' })));
  }
  /** Best `limit` document ids, best first. */
  rank(query: string, limit = 100): number[] {
    return this.search
      .search(query)
      .slice(0, limit)
      .map((r) => r.id as number);
  }
}
