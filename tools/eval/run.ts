/** Runs every task for BM25, dense and hybrid; pure computation returning the tables. */
import { hybridFusion, hybridRankFusion, DEFAULT_RRF_K } from '../../workers/engine/search/fusion.js';
import { AppLexical } from './appLexical.js';
import type { Bm25Cache } from './bm25Cache.js';
import { representCorpus, topK, VectorCache, type Representation, REPRESENTATIONS } from './dense.js';
import type { ModelGap } from './encoders.js';
import { meanMetrics, scoreQuery, type MetricName } from './metrics.js';
import type { Corpus, Task } from './tasks.js';

/**
 * BM25 = the plain library baseline; appLexical = the app's own lexical index; hybrid = the app's
 * fusion (convex combination) of the dense list and appLexical, i.e. the app's search;
 * hybridRrf = reciprocal-rank fusion of the same two lists, for comparison.
 */
export type Method = 'BM25' | 'appLexical' | 'dense' | 'hybrid' | 'hybridRrf';
export type MethodMetrics = Record<Method, Record<MetricName, number>>;
export interface TaskResult {
  task: Task;
  metrics: MethodMetrics;
  /** The same metrics on the even and on the odd queries: how much of a margin is noise. */
  halves: [MethodMetrics, MethodMetrics];
}

export async function runTasks(
  tasks: Task[],
  cache: VectorCache,
  options: { representation: Representation; bm25: Bm25Cache; modelGap: ModelGap; rrfK?: number; log?: (line: string) => void },
): Promise<TaskResult[]> {
  const results: TaskResult[] = [];
  const appLexical = new AppLexical();
  for (const task of tasks) {
    const t0 = Date.now();
    const items = await representCorpus(task.corpus, options.representation, cache);
    const queryVectors = await cache.get(task.queries.map((q) => q.text), 'query');
    const bm25Ranks = task.queries.map((q) => options.bm25.rank(task.corpus, q.text, 100).ids);
    const lexical = task.queries.map((q) => appLexical.rank(task.corpus, q.text, 100, task.englishCorpus, q.lang));
    const lexicalRanks = lexical.map((l) => l.ids);
    const denseScores: number[][] = [];
    // Cosines of the BM25 candidates, for entries the dense top 100 does not hold (as rank.ts computes them).
    const lexicalCosines: Map<number, number>[] = [];
    const denseRanks = topK(queryVectors, items, cache.dim, 100, denseScores, (qi, best) => {
      lexicalCosines[qi] = new Map(lexical[qi].ids.map((id) => [id, best[id]]));
    });
    // The same fusion as the app (rank.ts): cosine + β · BM25 / best BM25, β from the known share and the model gap.
    const hybridRanks = task.queries.map((_, i) =>
      hybridFusion({ ids: denseRanks[i], scores: denseScores[i] }, lexical[i], lexical[i].share, (id) => lexicalCosines[i].get(id) ?? 0, options.modelGap(task.queries[i].text, lexical[i]))
        .slice(0, 100)
        .map((e) => e.id),
    );
    const rrfRanks = task.queries.map((_, i) =>
      hybridRankFusion(denseRanks[i], lexicalRanks[i], lexical[i].share, options.rrfK ?? DEFAULT_RRF_K)
        .slice(0, 100)
        .map((e) => e.id),
    );
    options.bm25.save();
    const metricsOf = (keep: (i: number) => boolean): MethodMetrics => {
      const score = (ranks: number[][]) => meanMetrics(ranks.flatMap((r, i) => (keep(i) ? [scoreQuery(r, task.queries[i].relevant)] : [])));
      return { BM25: score(bm25Ranks), appLexical: score(lexicalRanks), dense: score(denseRanks), hybrid: score(hybridRanks), hybridRrf: score(rrfRanks) };
    };
    results.push({ task, metrics: metricsOf(() => true), halves: [metricsOf((i) => i % 2 === 0), metricsOf((i) => i % 2 === 1)] });
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
