/** Runs every task for BM25, dense and hybrid; pure computation returning the tables. */
import { hybridFusion, DEFAULT_RRF_K } from '../../workers/engine/search/fusion.js';
import type { Bm25Cache } from './bm25Cache.js';
import { representCorpus, topK, VectorCache, type Representation, REPRESENTATIONS } from './dense.js';
import { meanMetrics, scoreQuery, type MetricName } from './metrics.js';
import type { Corpus, Task } from './tasks.js';

export type Method = 'BM25' | 'dense' | 'hybrid';
export interface TaskResult {
  task: Task;
  metrics: Record<Method, Record<MetricName, number>>;
}

export async function runTasks(
  tasks: Task[],
  cache: VectorCache,
  options: { representation: Representation; bm25: Bm25Cache; rrfK?: number; log?: (line: string) => void },
): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  for (const task of tasks) {
    const t0 = Date.now();
    const items = await representCorpus(task.corpus, options.representation, cache);
    const queryVectors = await cache.get(task.queries.map((q) => q.text), 'query');
    const denseRanks = topK(queryVectors, items, cache.dim, 100);
    const lexical = task.queries.map((q) => options.bm25.rank(task.corpus, q.text, 100));
    const lexicalRanks = lexical.map((l) => l.ids);
    // The same fusion as the app (rank.ts): BM25 weighted by the share of query terms its index knows.
    const knownShare = (l: (typeof lexical)[number]) => (l.terms.length ? l.terms.filter((t) => t.known).length / l.terms.length : 0);
    const hybridRanks = task.queries.map((_, i) =>
      hybridFusion(denseRanks[i], lexicalRanks[i], knownShare(lexical[i]), options.rrfK ?? DEFAULT_RRF_K)
        .slice(0, 100)
        .map((e) => e.id),
    );
    options.bm25.save();
    const score = (ranks: number[][]) => meanMetrics(ranks.map((r, i) => scoreQuery(r, task.queries[i].relevant)));
    results.push({ task, metrics: { BM25: score(lexicalRanks), dense: score(denseRanks), hybrid: score(hybridRanks) } });
    options.log?.(`${task.title}: ${task.queries.length} queries, ${task.corpus.docs.length} documents (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  return results;
}

/** Dense MRR@100 / R@10 per occupation representation on one task. */
export async function compareRepresentations(task: Task, cache: VectorCache, sample = 3000): Promise<Array<{ representation: Representation; metrics: Record<MetricName, number> }>> {
  // An evenly spaced sample keeps 'nearest-label' (one row per label) affordable.
  const step = Math.max(1, Math.floor(task.queries.length / sample));
  const queries = task.queries.filter((_, i) => i % step === 0).slice(0, sample);
  const queryVectors = await cache.get(queries.map((q) => q.text), 'query');
  const out = [];
  for (const representation of REPRESENTATIONS) {
    const items = await representCorpus(task.corpus, representation, cache);
    const ranks = topK(queryVectors, items, cache.dim, 100);
    out.push({ representation, metrics: meanMetrics(ranks.map((r, i) => scoreQuery(r, queries[i].relevant))) });
  }
  return out;
}
