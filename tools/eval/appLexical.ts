/**
 * The app's own lexical index (workers/engine/search/lexical.ts: BM25 per label and per entry,
 * compound splitting, prefix and typo matching) over an eval corpus, so that the eval's hybrid is
 * the app's search: the app fuses the dense list with this index, not with the plain BM25
 * baseline. As in the app (lexicalCorpus.ts), an index in another language than English also
 * searches the English labels of each entry (here without their held-out labels); descriptions are
 * not indexed (the app does not download them for search).
 */
import { LexicalIndex, type LexicalDoc } from '../../workers/engine/search/lexical.js';
import type { Corpus } from './tasks.js';

export interface AppLexicalResult {
  ids: number[];
  scores: number[];
  /** Share of the query's words the index knows (the app's β input). */
  share: number;
}

export class AppLexical {
  private readonly indexes = new Map<Corpus, LexicalIndex>();

  private index(corpus: Corpus, english?: Corpus): LexicalIndex {
    let index = this.indexes.get(corpus);
    if (!index) {
      const englishOf = new Map(english?.docs.map((d) => [d.uri, d.labels]) ?? []);
      const docs: LexicalDoc[] = corpus.docs.map((d) => {
        const en = englishOf.get(d.uri);
        return en ? { id: d.id, labels: d.labels, english: en } : { id: d.id, labels: d.labels };
      });
      this.indexes.set(corpus, (index = LexicalIndex.build(docs)));
    }
    return index;
  }

  rank(corpus: Corpus, query: string, limit: number, english?: Corpus): AppLexicalResult {
    const index = this.index(corpus, english);
    const hits = index.search(query, limit);
    return { ids: hits.map((h) => h.id), scores: hits.map((h) => h.score), share: index.knownShare(query) };
  }
}
