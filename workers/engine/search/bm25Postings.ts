/**
 * Eager BM25 postings (the idea of the Python library bm25s): the BM25 weight of every
 * (term, document) pair is computed once at build time, so a query is a sum of posting lists.
 * Postings are stored per term in CSR form: the postings of term t are positions
 * offsets[t] .. offsets[t+1] of `docs` (document numbers, ascending) and `weights`.
 *
 * The weight is MiniSearch's (calcBM25Score, one field, no boosts), so scores match the library:
 *   idf(t)    = ln(1 + (N − df + 0.5) / (df + 0.5))
 *   w(t, d)   = idf(t) · (d + tf·(k+1) / (tf + k·(1 − b + b·len(d)/avglen)))
 * where len(d) is the number of distinct tokens of the document (stopwords included, before
 * compound parts are added: MiniSearch counts the tokenizer's output) and tf counts every
 * processed term, compound parts included.
 */

export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

export interface Bm25Postings {
  readonly documentCount: number;
  /** termCount + 1 entries. */
  readonly offsets: Int32Array;
  readonly docs: Int32Array;
  readonly weights: Float32Array;
}

/** An Int32Array that grows by doubling (postings are collected before their count is known). */
class Int32Buffer {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Collects documents as lists of term ids; `finish` turns them into weighted CSR postings. */
export class PostingsBuilder {
  private readonly postingTerm = new Int32Buffer();
  private readonly postingDoc = new Int32Buffer();
  private readonly postingFreq = new Int32Buffer();
  private readonly lengths: number[] = [];
  private totalLength = 0;
  /** Per term: the last document it was seen in, and where that posting is (to count tf). */
  private lastDoc = new Int32Array(1024).fill(-1);
  private lastPosting = new Int32Array(1024);

  get documentCount(): number {
    return this.lengths.length;
  }

  /**
   * Adds the next document (numbered from 0 in the order added).
   * @param termIds every processed term of the document, repeats included (they make tf)
   * @param length the document's length for BM25 (distinct tokens)
   */
  add(termIds: readonly number[], length: number): number {
    const doc = this.lengths.length;
    this.lengths.push(length);
    this.totalLength += length;
    for (const term of termIds) {
      if (term >= this.lastDoc.length) this.grow(term + 1);
      if (this.lastDoc[term] === doc) {
        this.postingFreq.data[this.lastPosting[term]]++;
      } else {
        this.lastDoc[term] = doc;
        this.lastPosting[term] = this.postingTerm.length;
        this.postingTerm.push(term);
        this.postingDoc.push(doc);
        this.postingFreq.push(1);
      }
    }
    return doc;
  }

  private grow(size: number): void {
    let capacity = this.lastDoc.length;
    while (capacity < size) capacity *= 2;
    const lastDoc = new Int32Array(capacity).fill(-1);
    lastDoc.set(this.lastDoc);
    const lastPosting = new Int32Array(capacity);
    lastPosting.set(this.lastPosting);
    this.lastDoc = lastDoc;
    this.lastPosting = lastPosting;
  }

  /** Weighted postings for terms 0 .. termCount−1 (terms never added get empty lists). */
  finish(termCount: number, { k, b, d }: Bm25Params): Bm25Postings {
    const n = this.postingTerm.length;
    const terms = this.postingTerm.data;
    const offsets = new Int32Array(termCount + 1);
    for (let i = 0; i < n; i++) offsets[terms[i] + 1]++;
    for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
    const docs = new Int32Array(n);
    const weights = new Float32Array(n);
    const documentCount = this.lengths.length;
    const avgLength = documentCount ? this.totalLength / documentCount : 0;
    const idf = new Float64Array(termCount);
    for (let t = 0; t < termCount; t++) {
      const df = offsets[t + 1] - offsets[t];
      idf[t] = Math.log(1 + (documentCount - df + 0.5) / (df + 0.5));
    }
    // Counting sort by term; postings were added in document order, so each list stays ascending.
    const next = offsets.slice(0, termCount);
    const freqs = this.postingFreq.data;
    const postingDocs = this.postingDoc.data;
    for (let i = 0; i < n; i++) {
      const t = terms[i];
      const doc = postingDocs[i];
      const tf = freqs[i];
      const at = next[t]++;
      docs[at] = doc;
      weights[at] = idf[t] * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * this.lengths[doc]) / avgLength)));
    }
    return { documentCount, offsets, docs, weights };
  }
}

/** Bytes held by the typed arrays of a postings set. */
export function postingsBytes(p: Bm25Postings): number {
  return p.offsets.byteLength + p.docs.byteLength + p.weights.byteLength;
}
