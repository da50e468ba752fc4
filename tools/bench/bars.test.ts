import { describe, expect, it } from 'vitest';
import { computeBars } from './bars';
import type { BenchResults } from './results';

/** The figures computeBars reads, nothing else. */
function results(coldMs: Record<string, number>, speedups: Record<string, number>): BenchResults {
  const summary = (median: number) => ({ median, min: median, max: median, n: 1 });
  return {
    meta: { machine: { cores: 2 } },
    sgemm: { ok: false },
    search: null,
    similarity: null,
    wasmCeiling: null,
    coldStart: { figures: Object.entries(coldMs).map(([backend, ms]) => ({ requested: backend, backend, cache: 'empty', firstResultMs: summary(ms) })) },
    speedups: Object.entries(speedups).map(([backend, ratio]) => ({ model: 'esco-static-v1', backend, dtype: 'q8', batchSize: 32, ratio })),
  } as unknown as BenchResults;
}

describe('computeBars', () => {
  it('judges the WASM figures against the bars and shows the WebGPU ones beside them, unjudged', () => {
    const bars = computeBars(results({ wasm: 1500, webgpu: 2100 }, { wasm: 2.5, webgpu: 20 }));
    const cold = (b: string) => bars.find((x) => x.name.startsWith('cold start') && x.name.includes(`→${b}`))!;
    expect(cold('wasm')).toMatchObject({ pass: true });
    expect(cold('wasm').beside).toBeUndefined();
    expect(cold('webgpu')).toMatchObject({ pass: false, beside: true });
    const speedup = (b: string) => bars.find((x) => x.name.startsWith('engine vs per-text') && x.name.includes(`, ${b},`))!;
    expect(speedup('wasm')).toMatchObject({ pass: false, measured: '2.50×' });
    expect(speedup('wasm').beside).toBeUndefined();
    expect(speedup('webgpu')).toMatchObject({ pass: true, beside: true });
  });
});
