// Workload 4: the similarity matrix N×M×d on the engine's paths (onnxruntime MatMul on WASM — the
// app's CPU path —, the blocked JavaScript fallback, the WebGPU kernel) and a plain JavaScript triple
// loop in the same worker, as GFLOP/s (2·N·M·d floating-point operations) next to the native sgemm
// peak (OpenBLAS and onnxruntime MLAS) measured in the same run.
import type { Page } from 'playwright-core';
import { summarize, type Summary } from '../stats';
import { callBench } from './call';

export interface SimilarityShape {
  n: number;
  m: number;
  d: number;
  /** Rows of A the triple loop computes (it is extrapolated to n rows). */
  loopRows: number;
  /** Rows of A the WebGPU path computes (SwiftShader is slow; extrapolated to n rows). */
  gpuRows: number;
  /** Rows of A the engine's JS fallback computes; default n. (The WASM path always computes all n.) */
  engineRows?: number;
  reps: number;
}

export interface SimilarityFigure {
  n: number;
  m: number;
  d: number;
  path: string;
  /** Rows actually computed (n unless sampled). */
  rows: number;
  ms: Summary;
  /** Time for all n rows (= ms when rows = n). */
  fullMs: Summary;
  gflops: Summary;
  maxAbsError?: number;
  /** CPU threads the path ran on, where the path sets them (engine-wasm). */
  threads?: number;
}

export async function runSimilarity(page: Page, shapes: SimilarityShape[], log: (m: string) => void) {
  const figures: SimilarityFigure[] = [];
  const errors: { shape: string; path: string; error: string }[] = [];
  for (const s of shapes) {
    const label = `${s.n}×${s.m}×${s.d}`;
    const flopPerRow = 2 * s.m * s.d;
    const add = (path: string, rows: number, runsMs: number[], maxAbsError?: number, threads?: number) => {
      const scale = s.n / rows;
      const fig: SimilarityFigure = {
        ...s, path, rows, ms: summarize(runsMs), fullMs: summarize(runsMs.map((x) => x * scale)),
        gflops: summarize(runsMs.map((x) => (flopPerRow * rows) / (x * 1e6))), maxAbsError, threads,
      };
      figures.push(fig);
      log(`  ${label} ${path}: ${fig.gflops.median.toFixed(2)} GFLOP/s (${(fig.fullMs.median / 1000).toFixed(2)} s for all rows)`);
    };
    try {
      const r = await callBench(page, 'tripleLoopRuns', s.loopRows, s.m, s.d, s.reps);
      add('plain-js-triple-loop', s.loopRows, r.runsMs);
    } catch (error) {
      errors.push({ shape: label, path: 'plain-js-triple-loop', error: String(error).slice(0, 300) });
    }
    try {
      const r = await callBench(page, 'similarityRuns', { 'engine-wasm': s.n, 'onnxruntime-wasm': s.n, 'engine-js': s.engineRows ?? s.n, 'engine-webgpu': s.gpuRows }, s.m, s.d, s.reps);
      for (const [path, v] of Object.entries(r)) {
        if ('error' in v) {
          errors.push({ shape: label, path, error: v.error });
          log(`  ${label} ${path}: failed: ${v.error}`);
        } else add(path, v.rows, v.runsMs, v.maxAbsError, v.threads);
      }
    } catch (error) {
      errors.push({ shape: label, path: 'engine', error: String(error).slice(0, 300) });
      log(`  ${label} engine paths failed: ${String(error).slice(0, 200)}`);
    }
  }
  return { figures, errors };
}
