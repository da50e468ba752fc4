/**
 * The lexical baseline: classic BM25 (k1 1.2, b 0.75; MiniSearch's BM25+ term d set to 0) over the
 * same fields the dense model sees — labels (preferred + alternative) and description — with
 * lowercasing and accent folding like the model's tokenizer. No prefix or fuzzy matching.
 */
import MiniSearch from 'minisearch';
import type { Corpus } from './tasks.js';

const fold = (term: string) =>
  term
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');

export interface QueryTerm {
  term: string;
  known: boolean;
}

/** Share of a query's terms the BM25 index knows (the app's `LexicalIndex.knownShare`, for the eval's BM25). */
export function knownShare(terms: readonly QueryTerm[]): number {
  return terms.length ? terms.filter((t) => t.known).length / terms.length : 0;
}

export const BM25_PARAMS = { k: 1.2, b: 0.75, d: 0 };
export const BM25_BOOST = { labels: 2, description: 1 };

const tokenize: (text: string) => string[] = MiniSearch.getDefault('tokenize');

export class Bm25Ranker {
  private readonly search: MiniSearch<{ id: number; labels: string; description: string }>;
  /** Every folded term of the indexed labels and descriptions. */
  private readonly vocabulary = new Set<string>();
  constructor(corpus: Corpus) {
    for (const d of corpus.docs) for (const t of tokenize(d.labels.join('\n') + ' ' + (d.description ?? ''))) this.vocabulary.add(fold(t));
    this.search = new MiniSearch({
      fields: ['labels', 'description'],
      idField: 'id',
      processTerm: (term) => fold(term) || null,
      searchOptions: { bm25: BM25_PARAMS, boost: BM25_BOOST, combineWith: 'OR', prefix: false, fuzzy: false },
    });
    this.search.addAll(corpus.docs.map((d) => ({ id: d.id, labels: d.labels.join('\n'), description: d.description ?? '' })));
  }
  /** The query's folded terms, each marked as known to the index or not (input of lexicalShare). */
  queryTerms(query: string): QueryTerm[] {
    return tokenize(query)
      .map(fold)
      .filter((t) => t)
      .map((term) => ({ term, known: this.vocabulary.has(term) }));
  }

  /** Best `limit` documents with their BM25 scores. */
  rankScored(query: string, limit = 100): { ids: number[]; scores: number[] } {
    const hits = this.search.search(query).slice(0, limit);
    return { ids: hits.map((r) => r.id as number), scores: hits.map((r) => r.score) };
  }

  rank(query: string, limit = 100): number[] {
    return this.search
      .search(query)
      .slice(0, limit)
      .map((r) => r.id as number);
  }
}
