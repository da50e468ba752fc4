/**
 * BM25 over ESCO labels. One index per target and language, scored on two levels:
 *   label level  every label (preferred, alternative, gendered forms split at import; English labels
 *                too when the language is not English) is its own document; an entry scores its
 *                best label
 *   entry level  all labels of the entry (and its description when loaded) as one document
 *   score(e) = max_label BM25 + ENTRY_WEIGHT · entry BM25
 * Measured on ../shared/eval/jobbert-titles-dev (every 5th of 15,463 vacancy titles, English):
 * MRR@100 0.222 for one document of labels per entry with MiniSearch defaults, 0.313 for the best
 * label alone, 0.321 for this mix (0.325 with descriptions, not worth their 1 MB download), 0.324
 * (Recall@10 0.504) with prefix/typo matching on. Re-run: npx tsx tools/match/evalTitles.ts --mode lexical
 * Compound parts (decompound.ts) are added to both documents and queries.
 *
 * The scores are exactly those of the MiniSearch index this class used before (tests/search/
 * lexicalParity.test.ts holds that version as the reference), computed ~10× faster: BM25 weights
 * are precomputed per (term, document) in typed-array posting lists (bm25Postings.ts), so a query
 * adds up a few lists. MiniSearch's SearchableMap (a radix tree) stays the term dictionary, so
 * prefix and typo matching are the library's, with its weights:
 *   exact term 1, prefix match 0.375·len/(len + 0.3·extra letters) for query terms of ≥ 5 letters,
 *   typo 0.45·len/(len + edits) for query terms of ≥ 7 letters (≤ 15% of the letters edited),
 *   a term found both as prefix and typo counts as prefix.
 * Each query term (a word, or a part of a compound word) adds its matches; a repeated word counts
 * twice. MiniSearch multiplied a document's sum by its number of matched query terms and the old
 * class divided that back out, so the score is the plain sum.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { PostingsBuilder, postingsBytes, type Bm25Postings } from './bm25Postings';
import { Decompounder } from './decompound';
import { isStopword, wordTokens } from './tokenize';
import { topHits } from './topHits';

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

/**
 * Everything an index is made of, as plain strings and typed arrays: what lexicalFile.ts stores so
 * that an index built at build time loads without being rebuilt.
 */
export interface LexicalParts {
  /** Dictionary terms in id order (the order they were first seen, which the radix tree keeps). */
  terms: string[];
  /** The compound splitter's vocabulary. */
  vocabulary: string[];
  labels: Bm25Postings;
  labelOwner: Int32Array;
  entries: Bm25Postings;
  entryIds: Int32Array;
}

export const ENTRY_WEIGHT = 0.3;
/** Classic BM25 (no BM25+ floor): k1 = 1.2, b = 0.75. */
const BM25 = { k: 1.2, b: 0.75, d: 0 };
/** MiniSearch's default weights of prefix and typo matches. */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const MIN_PREFIX_TERM = 5;
const MIN_FUZZY_TERM = 7;
const FUZZY_SHARE = 0.15;
/** MiniSearch's cap on edit distance. */
const MAX_FUZZY = 6;
/** Loose expansions of query terms kept (radix-tree walks are the cost of loose search; titles repeat words). */
const EXPANSION_CACHE = 20_000;

/** A query term's matches in the dictionary: term ids and their weights. */
interface Expansion {
  terms: Int32Array;
  weights: Float64Array;
}

/** Number of distinct strings (labels are a few words: a scan beats building a Set). */
function distinctCount(words: string[]): number {
  if (words.length > 16) return new Set(words).size;
  let count = 0;
  for (let i = 0; i < words.length; i++) if (words.indexOf(words[i]) === i) count++;
  return count;
}

/** How an index knows a word: as a term ('whole'), only through its compound parts or a translation ('indirect'), or not (null). */
export type WordKnowledge = 'whole' | 'indirect' | null;

export class LexicalIndex {
  readonly documentCount: number;
  /** Per-search scratch, reused (a search fills and clears them). */
  private readonly labelScore: Float64Array;
  private readonly touchedLabels: Int32Array;
  private readonly entryBest: Float64Array;
  private readonly entrySum: Float64Array;
  private readonly entryScore: Float64Array;
  private readonly touchedEntries: Int32Array;
  private readonly looseCache = new Map<string, Expansion>();

  private constructor(
    /** Term → term id, for exact lookups. */
    private readonly termIds: Map<string, number>,
    /** The same terms as a radix tree, for prefix and typo lookups. */
    private readonly termTree: SearchableMap<number>,
    private readonly labels: Bm25Postings,
    /** Entry (position in `entries`) of each label document. */
    private readonly labelOwner: Int32Array,
    private readonly entries: Bm25Postings,
    /** Id of each entry document. */
    private readonly entryIds: Int32Array,
    private readonly decompounder: Decompounder,
  ) {
    this.documentCount = entries.documentCount;
    this.labelScore = new Float64Array(labels.documentCount);
    this.touchedLabels = new Int32Array(labels.documentCount);
    this.entryBest = new Float64Array(entries.documentCount);
    this.entrySum = new Float64Array(entries.documentCount);
    this.entryScore = new Float64Array(entries.documentCount);
    this.touchedEntries = new Int32Array(entries.documentCount);
  }

  /**
   * Word tokens of each entry's distinct labels (labels without words left out), tokenized once for
   * both the compound vocabulary and the documents.
   */
  private static labelTokens(docs: LexicalDoc[]): string[][][] {
    return docs.map((doc) => {
      const labels = doc.english ? new Set([...doc.labels, ...doc.english]) : new Set(doc.labels);
      const tokens: string[][] = [];
      for (const label of labels) {
        const words = wordTokens(label);
        if (words.length) tokens.push(words);
      }
      return tokens;
    });
  }

  /** Vocabulary for compound splitting: every label word of the documents. */
  private static vocabulary(labelTokens: string[][][]): Decompounder {
    const words = new Set<string>();
    for (const labels of labelTokens) for (const tokens of labels) for (const w of tokens) words.add(w);
    return new Decompounder(words);
  }

  /** The terms a word stands for: none for a stopword, the word and its compound parts otherwise. */
  private static expand(decompounder: Decompounder, word: string): string[] {
    if (!word || isStopword(word)) return [];
    return [word, ...decompounder.split(word)];
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
    let labelTokens: string[][][] | null = LexicalIndex.labelTokens(docs);
    const decompounder = LexicalIndex.vocabulary(labelTokens);
    const termIds = new Map<string, number>();
    // Terms go into the tree in first-seen order, as MiniSearch inserted them, so prefix and typo
    // matches come out in the same order (and sum in the same order).
    const termTree = new SearchableMap<number>();
    /** Term ids of each token, stopwords → none. */
    const tokenTerms = new Map<string, number[]>();
    const termsOf = (token: string): number[] => {
      let ids = tokenTerms.get(token);
      if (!ids) {
        ids = LexicalIndex.expand(decompounder, token).map((term) => {
          let id = termIds.get(term);
          if (id === undefined) {
            id = termIds.size;
            termIds.set(term, id);
            termTree.set(term, id);
          }
          return id;
        });
        tokenTerms.set(token, ids);
      }
      return ids;
    };
    const labelPostings = new PostingsBuilder();
    const entryPostings = new PostingsBuilder();
    const owners: number[] = [];
    const entryIds: number[] = [];
    let next = 0;
    return {
      get done() {
        return next;
      },
      /** Adds up to `count` entries; true when all are in. */
      step(count: number): boolean {
        const end = Math.min(docs.length, next + count);
        const labelTerms: number[] = [];
        const entryTerms: number[] = [];
        for (; next < end; next++) {
          const doc = docs[next];
          const entry = entryIds.length;
          const entryWords = new Set<string>();
          entryTerms.length = 0;
          for (const tokens of labelTokens![next]) {
            labelTerms.length = 0;
            for (const token of tokens) {
              const ids = termsOf(token);
              for (let i = 0; i < ids.length; i++) labelTerms.push(ids[i]);
              entryWords.add(token);
            }
            labelPostings.add(labelTerms, distinctCount(tokens));
            owners.push(entry);
            for (let i = 0; i < labelTerms.length; i++) entryTerms.push(labelTerms[i]);
          }
          if (doc.description) {
            for (const token of wordTokens(doc.description)) {
              for (const id of termsOf(token)) entryTerms.push(id);
              entryWords.add(token);
            }
          }
          // An entry without words is still a document of length 1 (MiniSearch's tokenizer gives [""]).
          entryPostings.add(entryTerms, Math.max(1, entryWords.size));
          entryIds.push(doc.id);
        }
        if (next >= docs.length) labelTokens = null;
        return next >= docs.length;
      },
      result: () =>
        new LexicalIndex(
          termIds,
          termTree,
          labelPostings.finish(termIds.size, BM25),
          Int32Array.from(owners),
          entryPostings.finish(termIds.size, BM25),
          Int32Array.from(entryIds),
          decompounder,
        ),
    };
  }

  /** The index as plain parts (for lexicalFile.ts). */
  toParts(): LexicalParts {
    return {
      terms: [...this.termIds.keys()],
      vocabulary: this.decompounder.words(),
      labels: this.labels,
      labelOwner: this.labelOwner,
      entries: this.entries,
      entryIds: this.entryIds,
    };
  }

  /** An index from its parts, as `toParts` gave them: the same dictionary, postings and splits. */
  static fromParts(parts: LexicalParts): LexicalIndex {
    const termIds = new Map<string, number>();
    const termTree = new SearchableMap<number>();
    parts.terms.forEach((term, id) => {
      termIds.set(term, id);
      termTree.set(term, id);
    });
    return new LexicalIndex(termIds, termTree, parts.labels, parts.labelOwner, parts.entries, parts.entryIds, new Decompounder(parts.vocabulary));
  }

  /** Query terms as MiniSearch made them: word tokens, each expanded to itself and its compound parts. */
  private queryTerms(query: string): string[] {
    return wordTokens(query).flatMap((word) => LexicalIndex.expand(this.decompounder, word));
  }

  /** Adds the dictionary terms a query term matches, with their weights. */
  private expandTerm(term: string, loose: boolean, terms: number[], weights: number[]): void {
    const exact = this.termIds.get(term);
    if (exact !== undefined) {
      terms.push(exact);
      weights.push(1);
    }
    if (!loose || term.length < MIN_PREFIX_TERM) return;
    let expansion = this.looseCache.get(term);
    if (!expansion) {
      expansion = this.looseExpansion(term);
      if (this.looseCache.size >= EXPANSION_CACHE) this.looseCache.clear();
      this.looseCache.set(term, expansion);
    }
    for (let i = 0; i < expansion.terms.length; i++) {
      terms.push(expansion.terms[i]);
      weights.push(expansion.weights[i]);
    }
  }

  /** Prefix and typo matches of a query term other than the term itself (MiniSearch's executeQuerySpec). */
  private looseExpansion(term: string): Expansion {
    const terms: number[] = [];
    const weights: number[] = [];
    const prefixed = new Set<string>();
    for (const [match, id] of this.termTree.atPrefix(term)) {
      const extra = match.length - term.length;
      if (!extra) continue;
      prefixed.add(match);
      terms.push(id);
      weights.push((PREFIX_WEIGHT * match.length) / (match.length + 0.3 * extra));
    }
    if (term.length >= MIN_FUZZY_TERM) {
      const maxDistance = Math.min(MAX_FUZZY, Math.round(term.length * FUZZY_SHARE));
      if (maxDistance) {
        for (const [match, [id, distance]] of this.termTree.fuzzyGet(term, maxDistance)) {
          if (!distance || prefixed.has(match)) continue;
          terms.push(id);
          weights.push((FUZZY_WEIGHT * match.length) / (match.length + distance));
        }
      }
    }
    return { terms: Int32Array.from(terms), weights: Float64Array.from(weights) };
  }

  /** Best `limit` entries for a query, best first (ties: lower id first). */
  search(query: string, limit: number, options: LexicalSearchOptions = {}): LexicalHit[] {
    const loose = options.loose ?? true;
    const terms: number[] = [];
    const termWeights: number[] = [];
    for (const term of this.queryTerms(query)) this.expandTerm(term, loose, terms, termWeights);
    if (!terms.length) return [];

    // Label level: sum each label's postings. Weights are > 0, so a score of 0 means untouched.
    const { labelScore, touchedLabels, entryBest, entrySum, entryScore, touchedEntries } = this;
    let labelCount = 0;
    {
      const { offsets, docs, weights } = this.labels;
      for (let q = 0; q < terms.length; q++) {
        const t = terms[q];
        const w = termWeights[q];
        for (let p = offsets[t], end = offsets[t + 1]; p < end; p++) {
          const doc = docs[p];
          if (labelScore[doc] === 0) touchedLabels[labelCount++] = doc;
          labelScore[doc] += w * weights[p];
        }
      }
    }
    // An entry keeps its best label.
    let entryCount = 0;
    for (let i = 0; i < labelCount; i++) {
      const doc = touchedLabels[i];
      const entry = this.labelOwner[doc];
      const score = labelScore[doc];
      labelScore[doc] = 0;
      if (entryBest[entry] === 0) touchedEntries[entryCount++] = entry;
      if (score > entryBest[entry]) entryBest[entry] = score;
    }
    // Entry level.
    {
      const { offsets, docs, weights } = this.entries;
      for (let q = 0; q < terms.length; q++) {
        const t = terms[q];
        const w = termWeights[q];
        for (let p = offsets[t], end = offsets[t + 1]; p < end; p++) {
          const entry = docs[p];
          if (entryBest[entry] === 0 && entrySum[entry] === 0) touchedEntries[entryCount++] = entry;
          entrySum[entry] += w * weights[p];
        }
      }
    }
    for (let i = 0; i < entryCount; i++) {
      const entry = touchedEntries[i];
      entryScore[entry] = entryBest[entry] + ENTRY_WEIGHT * entrySum[entry];
      entryBest[entry] = 0;
      entrySum[entry] = 0;
    }
    return topHits(touchedEntries, entryCount, entryScore, this.entryIds, limit);
  }

  /**
   * Share (0..1) of the query's distinct non-stopword words the index knows: the word or one of
   * its compound parts is a term of some document (what an exact search for the word would find).
   * `knows` widens what counts as known (translate.ts: a word one of whose translations is known).
   */
  knownShare(query: string, knows: (word: string) => boolean = (word) => this.knowsWord(word)): number {
    const words = new Set(wordTokens(query).filter((t) => !isStopword(t)));
    if (!words.size) return 0;
    let known = 0;
    for (const word of words) if (knows(word)) known++;
    return known / words.size;
  }

  /** Whether an exact search for this folded word finds something: the word or a compound part is a term. */
  knowsWord(word: string): boolean {
    return this.queryTerms(word).some((term) => this.termIds.has(term));
  }

  /** How an exact search finds this folded word: as a term of its own, by its compound parts only, or not at all. */
  knowsHow(word: string): WordKnowledge {
    if (this.termIds.has(word)) return 'whole';
    return this.knowsWord(word) ? 'indirect' : null;
  }

  /** The split of a word as this index sees it (for tests and the "why" view). */
  compoundParts(word: string): string[] {
    return this.decompounder.split(wordTokens(word)[0] ?? '');
  }

  /** Approximate bytes of the index's typed arrays (postings and per-search scratch). */
  get typedArrayBytes(): number {
    const scratch = [this.labelScore, this.touchedLabels, this.entryBest, this.entrySum, this.entryScore, this.touchedEntries, this.labelOwner, this.entryIds];
    return postingsBytes(this.labels) + postingsBytes(this.entries) + scratch.reduce((s, a) => s + a.byteLength, 0);
  }
}
