/** Markdown tables for docs/EVAL.md and the console. */
import type { Representation } from './dense.js';
import type { MetricName } from './metrics.js';
import type { Method, MethodMetrics, TaskResult } from './run.js';

const f = (x: number) => x.toFixed(3);

/** The headline metric per task: MRR@100 for vacancy titles, MAP for multi-skill sentences, else MRR@10. */
export function headline(result: TaskResult): MetricName {
  if (result.task.id === '4') return 'MRR@100';
  if (result.task.multiRelevant) return 'MAP';
  return 'MRR@10';
}

export function metricColumns(result: TaskResult): MetricName[] {
  const cols: MetricName[] = ['MRR@10', 'R@1', 'R@5', 'R@10'];
  if (result.task.id === '4') cols.splice(1, 0, 'MRR@100');
  if (result.task.multiRelevant) cols.push('MAP');
  return cols;
}

/** The bar on a task's headline metric; `metrics` = one half of its queries (TaskResult.halves) instead of all. */
export function barCheck(result: TaskResult, metrics: MethodMetrics = result.metrics): { denseBeatsBm25: boolean; hybridBeatsBoth: boolean } {
  const m = headline(result);
  const { BM25, dense, hybrid } = metrics;
  return { denseBeatsBm25: dense[m] > BM25[m], hybridBeatsBoth: hybrid[m] > dense[m] && hybrid[m] > BM25[m] };
}

export function summaryTable(results: TaskResult[]): string {
  const lines = [
    '| task | queries | metric | BM25 | esco-static-v1 | hybrid (app) | dense > BM25 | hybrid > both | app lexical | hybrid (RRF) |',
    '|---|---:|---|---:|---:|---:|:-:|:-:|---:|---:|',
  ];
  for (const r of results) {
    const m = headline(r);
    const bar = barCheck(r);
    lines.push(
      `| ${r.task.title} | ${r.task.queries.length} | ${m} | ${f(r.metrics.BM25[m])} | ${f(r.metrics.dense[m])} | ${f(r.metrics.hybrid[m])} | ${bar.denseBeatsBm25 ? 'yes' : '**no**'} | ${bar.hybridBeatsBoth ? 'yes' : '**no**'} | ${f(r.metrics.appLexical[m])} | ${f(r.metrics.hybridRrf[m])} |`,
    );
  }
  return lines.join('\n');
}

export function detailTable(result: TaskResult): string {
  const cols = metricColumns(result);
  const lines = [`| method | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`];
  const names: Record<Method, string> = {
    BM25: 'BM25',
    appLexical: "app lexical (the app's BM25 index)",
    dense: 'esco-static-v1',
    hybrid: 'hybrid (app: cosine + β·app lexical)',
    hybridRrf: 'hybrid (RRF of dense and app lexical)',
  };
  for (const method of ['BM25', 'appLexical', 'dense', 'hybrid', 'hybridRrf'] as Method[]) {
    const name = names[method];
    lines.push(`| ${name} | ${cols.map((c) => f(result.metrics[method][c])).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function representationTable(rows: Array<{ representation: Representation; metrics: Record<MetricName, number> }>): string {
  const names: Record<Representation, string> = {
    label: 'preferred label only',
    document: 'one text: labels + alt labels + description',
    centroid: 'centroid of the label embeddings (preferred + alt)',
    'centroid+description': 'centroid of labels + ½ description embedding',
    'nearest-label': 'best single label (max over label embeddings)',
  };
  const lines = ['| occupation representation | MRR@10 | MRR@100 | R@1 | R@10 |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${names[r.representation]} | ${f(r.metrics['MRR@10'])} | ${f(r.metrics['MRR@100'])} | ${f(r.metrics['R@1'])} | ${f(r.metrics['R@10'])} |`);
  return lines.join('\n');
}
