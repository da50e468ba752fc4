/** Ranking metrics over one query's ranked list and its relevant items. */

export interface QueryMetrics {
  rr10: number;
  rr100: number;
  r1: number;
  r5: number;
  r10: number;
  ap: number;
}

export const METRIC_NAMES = ['MRR@10', 'MRR@100', 'R@1', 'R@5', 'R@10', 'MAP'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** `ranked`: item ids best first (at least the top 100). Recall@k counts the share of relevant items found. */
export function scoreQuery(ranked: readonly number[], relevant: ReadonlySet<number>): QueryMetrics {
  let first = 0;
  let hits = 0;
  let precisionSum = 0;
  const found = [0, 0, 0]; // within 1, 5, 10
  const limit = Math.min(ranked.length, 100);
  for (let i = 0; i < limit; i++) {
    if (!relevant.has(ranked[i])) continue;
    if (first === 0) first = i + 1;
    hits++;
    precisionSum += hits / (i + 1);
    if (i < 1) found[0]++;
    if (i < 5) found[1]++;
    if (i < 10) found[2]++;
  }
  const n = relevant.size;
  return {
    rr10: first > 0 && first <= 10 ? 1 / first : 0,
    rr100: first > 0 ? 1 / first : 0,
    r1: found[0] / n,
    r5: found[1] / n,
    r10: found[2] / n,
    ap: precisionSum / n,
  };
}

export function meanMetrics(all: QueryMetrics[]): Record<MetricName, number> {
  const mean = (f: (m: QueryMetrics) => number) => all.reduce((s, m) => s + f(m), 0) / Math.max(all.length, 1);
  return {
    'MRR@10': mean((m) => m.rr10),
    'MRR@100': mean((m) => m.rr100),
    'R@1': mean((m) => m.r1),
    'R@5': mean((m) => m.r5),
    'R@10': mean((m) => m.r10),
    MAP: mean((m) => m.ap),
  };
}
