/** Runs every task for BM25, dense and hybrid; pure computation returning the tables. */
import { reciprocalRankFusion, DEFAULT_RRF_K } from '../../workers/engine/search/fusion.js';
import { Bm25Ranker } from './bm25.js';
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
  options: { representation: Representation; rrfK?: number; bm25Weight?: number; log?: (line: string) => void },
): Promise<TaskResult[]> {
  const bm25ByCorpus = new Map<Corpus, Bm25Ranker>();
  const results: TaskResult[] = [];
  for (const task of tasks) {
    const t0 = Date.now();
    let bm25 = bm25ByCorpus.get(task.corpus);
    if (!bm25) bm25ByCorpus.set(task.corpus, (bm25 = new Bm25Ranker(task.corpus)));
    const items = await representCorpus(task.corpus, options.representation, cache);
    const queryVectors = await cache.get(task.queries.map((q) => q.text), 'query');
    const denseRanks = topK(queryVectors, items, cache.dim, 100);
    const lexicalRanks = task.queries.map((q) => bm25!.rank(q.text, 100));
    const hybridRanks = task.queries.map((_, i) =>
      reciprocalRankFusion([{ ids: lexicalRanks[i], weight: options.bm25Weight ?? 1 }, { ids: denseRanks[i] }], options.rrfK ?? DEFAULT_RRF_K)
        .slice(0, 100)
        .map((e) => e.id),
    );
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
