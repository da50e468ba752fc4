/**
 * Dense retrieval for the eval: an encoder (the engine over the shipped package, or any function
 * from texts to normalised vectors), occupation/skill representations, and exact top-k by cosine.
 */
import type { Corpus } from './tasks.js';

export type Encode = (texts: string[], role: 'query' | 'document') => Promise<Float32Array>;

/** Memoises vectors by text so that labels shared by several tasks are embedded once. */
export class VectorCache {
  private readonly vectors = new Map<string, Float32Array>();
  constructor(private readonly encode: Encode, readonly dim: number) {}
  async get(texts: string[], role: 'query' | 'document'): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.vectors.has(role + '\u0000' + t)))];
    for (let i = 0; i < missing.length; i += 2048) {
      const chunk = missing.slice(i, i + 2048);
      const out = await this.encode(chunk, role);
      chunk.forEach((t, j) => this.vectors.set(role + '\u0000' + t, out.subarray(j * this.dim, (j + 1) * this.dim)));
    }
    return texts.map((t) => this.vectors.get(role + '\u0000' + t)!);
  }
}

export type Representation = 'label' | 'document' | 'centroid' | 'centroid+description' | 'nearest-label';
export const REPRESENTATIONS: Representation[] = ['label', 'document', 'centroid', 'centroid+description', 'nearest-label'];

function normalizeInPlace(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const inv = 1 / Math.max(Math.sqrt(s), 1e-12);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

function meanOf(vectors: Float32Array[], dim: number): Float32Array {
  const out = new Float32Array(dim);
  for (const v of vectors) for (let d = 0; d < dim; d++) out[d] += v[d];
  return normalizeInPlace(out);
}

/** The document text for the 'document' representation: labels, then the description. */
export function documentText(doc: Corpus['docs'][number]): string {
  return doc.labels.join('; ') + (doc.description ? '. ' + doc.description : '');
}

/**
 * A matrix of item vectors; for 'nearest-label' one row per label with `owner` mapping rows to
 * documents (a document scores as its best label).
 */
export interface ItemMatrix {
  rows: Float32Array;
  count: number;
  owner: Int32Array;
}

export async function representCorpus(corpus: Corpus, representation: Representation, cache: VectorCache): Promise<ItemMatrix> {
  const dim = cache.dim;
  const docs = corpus.docs;
  if (representation === 'nearest-label') {
    const texts = docs.flatMap((d) => d.labels);
    const owner = Int32Array.from(docs.flatMap((d) => d.labels.map(() => d.id)));
    const vectors = await cache.get(texts, 'document');
    const rows = new Float32Array(texts.length * dim);
    vectors.forEach((v, i) => rows.set(v, i * dim));
    return { rows, count: texts.length, owner };
  }
  const rows = new Float32Array(docs.length * dim);
  if (representation === 'document') {
    const vectors = await cache.get(docs.map(documentText), 'document');
    vectors.forEach((v, i) => rows.set(v, i * dim));
  } else {
    const labelVectors = await cache.get(docs.flatMap((d) => d.labels), 'document');
    const descriptionVectors =
      representation === 'centroid+description' ? await cache.get(docs.map((d) => d.description ?? d.labels[0]), 'document') : [];
    let k = 0;
    docs.forEach((d, i) => {
      const own = labelVectors.slice(k, k + d.labels.length);
      k += d.labels.length;
      const chosen = representation === 'label' ? own.slice(0, d.preferredCount) : own;
      const centroid = meanOf(chosen, dim);
      if (representation === 'centroid+description' && d.description) {
        const v = descriptionVectors[i];
        for (let x = 0; x < dim; x++) centroid[x] += 0.5 * v[x];
        normalizeInPlace(centroid);
      }
      rows.set(centroid, i * dim);
    });
  }
  return { rows, count: docs.length, owner: Int32Array.from(docs.map((d) => d.id)) };
}

/** Top `limit` document ids per query by dot product (vectors are normalised: cosine). */
/**
 * The best `limit` documents per query. `outScores` receives their cosines; `onBest` sees every
 * document's cosine for the query (to read the cosine of entries outside the top, e.g. BM25 hits).
 */
export function topK(
  queries: Float32Array[], items: ItemMatrix, dim: number, limit = 100,
  outScores?: number[][], onBest?: (query: number, best: Float32Array) => void,
): number[][] {
  const scores = new Float32Array(items.count);
  const results: number[][] = [];
  const docCount = items.owner.length ? Math.max(...items.owner) + 1 : 0;
  const best = new Float32Array(docCount);
  for (const [qi, q] of queries.entries()) {
    const rows = items.rows;
    for (let r = 0; r < items.count; r++) {
      const o = r * dim;
      let s0 = 0;
      let s1 = 0;
      for (let d = 0; d < dim; d += 2) {
        s0 += q[d] * rows[o + d];
        s1 += q[d + 1] * rows[o + d + 1];
      }
      scores[r] = s0 + s1;
    }
    best.fill(-Infinity);
    for (let r = 0; r < items.count; r++) if (scores[r] > best[items.owner[r]]) best[items.owner[r]] = scores[r];
    // Partial selection: keep the best `limit` documents.
    const ids: number[] = [];
    const threshold = selectThreshold(best, limit);
    for (let i = 0; i < docCount; i++) if (best[i] >= threshold) ids.push(i);
    ids.sort((a, b) => best[b] - best[a] || a - b);
    results.push(ids.slice(0, limit));
    outScores?.push(ids.slice(0, limit).map((i) => best[i]));
    onBest?.(qi, best);
  }
  return results;
}

function selectThreshold(values: Float32Array, k: number): number {
  if (values.length <= k) return -Infinity;
  const copy = Float32Array.from(values).sort();
  return copy[copy.length - k];
}
