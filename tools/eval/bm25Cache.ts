/**
 * BM25 results do not depend on the embedding model, and BM25 over ~100k skill labels is the slow
 * part of `npm run eval` (minutes). Results are memoised on disk per corpus fingerprint (docs +
 * BM25 settings) and query, so re-evaluating another model re-uses them. Delete the file to reset.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BM25_BOOST, BM25_PARAMS, Bm25Ranker } from './bm25.js';
import type { Corpus } from './tasks.js';

export interface Bm25Result {
  ids: number[];
}

export class Bm25Cache {
  private readonly entries: Record<string, Bm25Result>;
  private readonly rankers = new Map<Corpus, Bm25Ranker>();
  private readonly fingerprints = new Map<Corpus, string>();
  private dirty = false;

  constructor(private readonly path: string | null) {
    this.entries = path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, Bm25Result>) : {};
  }

  private fingerprint(corpus: Corpus): string {
    let f = this.fingerprints.get(corpus);
    if (!f) {
      const hash = createHash('sha256').update(JSON.stringify([BM25_PARAMS, BM25_BOOST]));
      for (const d of corpus.docs) hash.update(JSON.stringify([d.id, d.labels, d.description ?? '', ...(d.hidden ? [d.hidden] : [])]));
      this.fingerprints.set(corpus, (f = hash.digest('hex').slice(0, 16)));
    }
    return f;
  }

  rank(corpus: Corpus, query: string, limit = 100): Bm25Result {
    const key = `${this.fingerprint(corpus)}|${limit}|${query}`;
    let hit = this.entries[key];
    if (!hit) {
      let ranker = this.rankers.get(corpus);
      if (!ranker) this.rankers.set(corpus, (ranker = new Bm25Ranker(corpus)));
      hit = this.entries[key] = { ids: ranker.rank(query, limit) };
      this.dirty = true;
    }
    return hit;
  }

  save(): void {
    if (!this.path || !this.dirty) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, JSON.stringify(this.entries));
    this.dirty = false;
  }
}
