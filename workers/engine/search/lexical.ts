/**
 * BM25 over ESCO labels with MiniSearch (BM25 scoring, prefix and typo matching built in).
 * One index per target and language, scored on two levels:
 *   label level  every label (preferred, alternative, gendered forms split at import; English labels
 *                too when the language is not English) is its own document; an entry scores its
 *                best label
 *   entry level  all labels of the entry (and its description when loaded) as one document
 *   score(e) = max_label BM25 + ENTRY_WEIGHT · entry BM25
 * Measured on ../shared/eval/jobbert-titles-dev (every 5th of 15,463 vacancy titles, English):
 * MRR@100 0.222 for one document of labels per entry with MiniSearch defaults, 0.313 for the best
 * label alone, 0.321 for this mix (0.325 with descriptions, not worth their 1 MB download), 0.324
 * (Recall@10 0.504) with prefix/typo matching on. Re-run: npx tsx tools/match/evalTitles.ts --mode lexical
 * Each document's score is divided by the number of query terms it matched, undoing MiniSearch's
 * "more matched terms" multiplier, which over-rewarded long alt-label lists.
 * Compound parts (decompound.ts) are added to both documents and queries.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { Decompounder } from './decompound';
import { isStopword, wordTokens } from './tokenize';

export interface LexicalDoc {
  /** Entry index in the ESCO data (or line number of a list). */
  id: number;
  labels: string[];
  /** English labels, searched as well when the labels are in another language. */
  english?: string[];
  description?: string;
}

export interface LexicalHit {
  id: number;
  score: number;
}

export interface LexicalSearchOptions {
  /** Prefix and typo matching (default on; off for long texts, where it costs time and adds noise). */
  loose?: boolean;
}

export const ENTRY_WEIGHT = 0.3;
/** Classic BM25 (no BM25+ floor): k1 = 1.2, b = 0.75. */
const BM25 = { k: 1.2, b: 0.75, d: 0 };

interface TextDoc {
  id: number;
  text: string;
}

export class LexicalIndex {
  readonly documentCount: number;

  private constructor(
    private readonly labelEngine: MiniSearch<TextDoc>,
    /** Entry of each label document. */
    private readonly labelOwner: Int32Array,
    private readonly entryEngine: MiniSearch<TextDoc>,
    private readonly decompounder: Decompounder,
  ) {
    this.documentCount = entryEngine.documentCount;
  }

  /** Vocabulary for compound splitting: every label word of the documents. */
  private static vocabulary(docs: LexicalDoc[]): Decompounder {
    const words = new Set<string>();
    for (const doc of docs) {
      for (const label of doc.labels) for (const w of wordTokens(label)) words.add(w);
      for (const label of doc.english ?? []) for (const w of wordTokens(label)) words.add(w);
    }
    return new Decompounder(words);
  }

  private static options(decompounder: Decompounder): Options<TextDoc> {
    const expand = (term: string) => {
      if (!term || isStopword(term)) return null;
      const parts = decompounder.split(term);
      return parts.length ? [term, ...parts] : term;
    };
    return {
      fields: ['text'],
      idField: 'id',
      // Documents arrive as folded tokens joined by spaces (tokenized once in build); queries are raw text.
      tokenize: (text) => text.split(' '),
      processTerm: expand,
      searchOptions: { bm25: BM25, tokenize: wordTokens, processTerm: expand },
    };
  }

  static build(docs: LexicalDoc[]): LexicalIndex {
    const builder = LexicalIndex.builder(docs);
    while (!builder.step(Infinity));
    return builder.result();
  }

  /**
   * Builds in slices, yielding to the event loop between them so a worker stays responsive
   * (cancel messages, progress) while a large index (skills: ~100k label documents) is built.
   */
  static async buildAsync(
    docs: LexicalDoc[],
    options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<LexicalIndex> {
    const builder = LexicalIndex.builder(docs);
    for (;;) {
      if (options.signal?.aborted) {
        const error = new Error('Lexical index build cancelled');
        error.name = 'AbortError';
        throw error;
      }
      const finished = builder.step(2000);
      options.onProgress?.(builder.done, docs.length);
      if (finished) return builder.result();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  private static builder(docs: LexicalDoc[]) {
    const decompounder = LexicalIndex.vocabulary(docs);
    const labelEngine = new MiniSearch<TextDoc>(LexicalIndex.options(decompounder));
    const entryEngine = new MiniSearch<TextDoc>(LexicalIndex.options(decompounder));
    const owners: number[] = [];
    let labelCount = 0;
    let next = 0;
    return {
      get done() {
        return next;
      },
      /** Adds up to `count` entries; true when all are in. */
      step(count: number): boolean {
        const end = Math.min(docs.length, next + count);
        const labelDocs: TextDoc[] = [];
        const entryDocs: TextDoc[] = [];
        for (; next < end; next++) {
          const doc = docs[next];
          const entryTokens: string[] = [];
          for (const label of new Set([...doc.labels, ...(doc.english ?? [])])) {
            const tokens = wordTokens(label);
            if (!tokens.length) continue;
            labelDocs.push({ id: labelCount++, text: tokens.join(' ') });
            owners.push(doc.id);
            entryTokens.push(...tokens);
          }
          if (doc.description) entryTokens.push(...wordTokens(doc.description));
          entryDocs.push({ id: doc.id, text: entryTokens.join(' ') });
        }
        labelEngine.addAll(labelDocs);
        entryEngine.addAll(entryDocs);
        return next >= docs.length;
      },
      result: () => new LexicalIndex(labelEngine, Int32Array.from(owners), entryEngine, decompounder),
    };
  }

  /** Best `limit` entries for a query, best first (ties: lower id first). */
  search(query: string, limit: number, options: LexicalSearchOptions = {}): LexicalHit[] {
    const loose = options.loose ?? true;
    const searchOptions: SearchOptions = {
      combineWith: 'OR',
      prefix: loose ? (term) => term.length >= 5 : false,
      fuzzy: loose ? (term) => (term.length >= 7 ? 0.15 : false) : false,
    };
    const scores = new Map<number, number>();
    for (const r of this.labelEngine.search(query, searchOptions)) {
      const entry = this.labelOwner[r.id as number];
      const score = r.score / Math.max(1, r.queryTerms.length);
      if (!(scores.get(entry)! >= score)) scores.set(entry, score);
    }
    for (const r of this.entryEngine.search(query, searchOptions)) {
      const entry = r.id as number;
      scores.set(entry, (scores.get(entry) ?? 0) + (ENTRY_WEIGHT * r.score) / Math.max(1, r.queryTerms.length));
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, limit);
  }

  /** The split of a word as this index sees it (for tests and the "why" view). */
  compoundParts(word: string): string[] {
    return this.decompounder.split(wordTokens(word)[0] ?? '');
  }
}
