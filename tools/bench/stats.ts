/** Median, min and max of repeated measurements; every figure in the report is one of these. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Turns per-run durations (ms) of `items` units of work into a rate summary (units per second). */
export function ratePerSecond(runsMs: number[], items: number): Summary {
  return summarize(runsMs.map((ms) => (items * 1000) / ms));
}
