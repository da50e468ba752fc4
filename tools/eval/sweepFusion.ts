/**
 * Dev tool: compares hybrid fusion rules offline on the lists tools/eval/dumpLists.ts saved
 * (dense and BM25 top 100 per query, with scores and the cosines of the BM25 hits), in seconds instead of a full `npm run eval`.
 *   npx tsx tools/eval/sweepFusion.ts [tmp/fusion-lists.json] [--half tune|test]
 * Prints, per task, the primary metric (MRR@10; task 4 MRR@100; task 5 MAP) of dense, the lexical
 * list and each rule, and how many tasks each rule beats both inputs on. --half keeps the even
 * (tune) or odd (test) queries of every task: choose a rule on one half, check it on the other.
 */
import { readFileSync } from 'node:fs';
import { convexFusion, lexicalBeta, reciprocalRankFusion } from '../../workers/engine/search/fusion.js';
import { meanMetrics, scoreQuery, type MetricName } from './metrics.js';

interface DumpedQuery {
  relevant: number[];
  dense: number[];
  denseScores: number[];
  lexical: number[];
  lexicalScores: number[];
  /** Cosine of each lexical hit (entries outside the dense top 100 included). */
  lexicalCosines: number[];
  /** Share of the query's words the lexical index knows. */
  share: number;
  /** Part of the query the lexical index knows and the model never saw (absent in lists dumped before it was kept: 0). */
  modelGap?: number;
}
interface DumpedTask {
  id: string;
  multiRelevant: boolean;
  queries: DumpedQuery[];
}

type Rule = (q: DumpedQuery) => number[];

const share = (q: DumpedQuery) => q.share;

function rrf(weight: (q: DumpedQuery) => number, k = 10): Rule {
  return (q) => reciprocalRankFusion([{ ids: q.dense }, { ids: q.lexical, weight: weight(q) }], k).map((f) => f.id);
}

/** BM25's own confidence: how far its best document is ahead of the second, 0..1. */
const bm25Margin = (q: DumpedQuery) => (q.lexicalScores.length > 1 && q.lexicalScores[0] > 0 ? (q.lexicalScores[0] - q.lexicalScores[1]) / q.lexicalScores[0] : q.lexicalScores.length ? 1 : 0);

/** The app's rule (fusion.ts hybridFusion) with a given β per query. */
function convex(beta: (q: DumpedQuery) => number): Rule {
  return (q) => {
    const cosines = new Map(q.lexical.map((id, i) => [id, q.lexicalCosines[i]]));
    return convexFusion({ ids: q.dense, scores: q.denseScores }, { ids: q.lexical, scores: q.lexicalScores }, beta(q), (id) => cosines.get(id) ?? 0).map((e) => e.id);
  };
}

/**
 * How far BM25's best hit is from the dense winner in cosine, mapped to 1 (as close, or closer)
 * … 0 (`width` or more behind): BM25 then only reorders near-ties of the dense ranking.
 */
const agreement = (q: DumpedQuery, width: number) => {
  if (!q.lexical.length || !q.denseScores.length) return 0;
  const gap = q.denseScores[0] - q.lexicalCosines[0];
  return Math.max(0, Math.min(1, 1 - gap / width));
};

export const RULES: Record<string, Rule> = {
  'rrf 0.3·share^4 (before)': rrf((q) => 0.3 * share(q) ** 4),
  'rrf 0.1·share^4': rrf((q) => 0.1 * share(q) ** 4),
  'rrf 0.5·share^4·margin': rrf((q) => 0.5 * share(q) ** 4 * bm25Margin(q)),
  'convex 0.03·share^4': convex((q) => 0.03 * share(q) ** 4),
  'convex 0.05·share^4 (before)': convex((q) => lexicalBeta(share(q))),
  'convex 0.05·share^4 + 0.5·gap (app)': convex((q) => lexicalBeta(share(q), q.modelGap ?? 0)),
  'convex 0.05·share^4 + 0.2·gap': convex((q) => lexicalBeta(share(q)) + 0.2 * (q.modelGap ?? 0)),
  'convex 0.05·share^4 + 2·gap': convex((q) => lexicalBeta(share(q)) + 2 * (q.modelGap ?? 0)),
  'convex 0.07·share^2·margin': convex((q) => 0.07 * share(q) ** 2 * bm25Margin(q)),
  'convex 0.1·share^4': convex((q) => 0.1 * share(q) ** 4),
  'convex 0.05·share^4·agree(0.1)': convex((q) => lexicalBeta(share(q)) * agreement(q, 0.1)),
  'convex 0.05·share^4·agree(0.2)': convex((q) => lexicalBeta(share(q)) * agreement(q, 0.2)),
  'convex 0.08·share^4·agree(0.1)': convex((q) => 0.08 * share(q) ** 4 * agreement(q, 0.1)),
  'convex 0.05·share^4·margin^0.5': convex((q) => lexicalBeta(share(q)) * Math.sqrt(bm25Margin(q))),
};

export function metricFor(task: DumpedTask): MetricName {
  if (task.id.startsWith('4')) return 'MRR@100';
  if (task.multiRelevant) return 'MAP';
  return 'MRR@10';
}

function evaluate(task: DumpedTask, ranks: (q: DumpedQuery) => number[]): number {
  return meanMetrics(task.queries.map((q) => scoreQuery(ranks(q), new Set(q.relevant))))[metricFor(task)];
}

function main(): void {
  const args = process.argv.slice(2);
  const halfAt = args.indexOf('--half');
  const half = halfAt >= 0 ? args.splice(halfAt, 2)[1] : undefined;
  const file = args[0] ?? 'tmp/fusion-lists.json';
  const parity = half === 'tune' ? 0 : half === 'test' ? 1 : -1;
  const tasks = (JSON.parse(readFileSync(file, 'utf8')) as DumpedTask[]).map((t) =>
    parity < 0 ? t : { ...t, queries: t.queries.filter((_, i) => i % 2 === parity) },
  );
  const names = Object.keys(RULES);
  const wins = new Map(names.map((n) => [n, 0]));
  const head = ['task', 'metric', 'dense', 'BM25', ...names];
  console.log(head.join('\t'));
  for (const task of tasks) {
    const dense = evaluate(task, (q) => q.dense);
    const bm25 = evaluate(task, (q) => q.lexical);
    const row = [task.id, metricFor(task), dense.toFixed(4), bm25.toFixed(4)];
    for (const name of names) {
      const v = evaluate(task, RULES[name]);
      if (v > dense && v > bm25) wins.set(name, wins.get(name)! + 1);
      row.push(`${v.toFixed(4)}${v > dense && v > bm25 ? '+' : ' '}`);
    }
    console.log(row.join('\t'));
  }
  console.log(['wins', '', '', '', ...names.map((n) => `${wins.get(n)}/${tasks.length}`)].join('\t'));
}

if (process.argv[1]?.endsWith('sweepFusion.ts')) main();
