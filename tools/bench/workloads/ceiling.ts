// The WASM SIMD ceiling (tools/bench/wasmCeiling.ts) in the bench page: each kernel on one worker
// and on one worker per core, timed together; each worker's result is checked against the same
// arithmetic done in JavaScript, so no figure comes from a loop that skipped its work.
import type { Page } from 'playwright-core';
import type { CeilingRequest } from '../../../e2e/bench-harness/ceiling';
import { summarize, type Summary } from '../stats';
import { CEILING_FLOPS_PER_ITER, ceilingExpected, type CeilingKernel } from '../wasmCeiling';

export interface CeilingFigure {
  kernel: CeilingKernel;
  workers: number;
  iters: number;
  gflops: Summary;
}

/** Operands that keep every chain in normal float range for 10⁹ iterations (no denormals, no overflow). */
const A = 1 - 2 ** -24;
const B = 2 ** -20;
const CHECK_ITERS = 1000;

export async function runCeiling(page: Page, cores: number, reps: number, log: (m: string) => void) {
  const figures: CeilingFigure[] = [];
  const errors: { kernel: string; workers: number; error: string }[] = [];
  for (const kernel of ['fma', 'mulAdd'] as const) {
    const expected = ceilingExpected(kernel, CHECK_ITERS, A, B);
    for (const workers of [...new Set([1, cores])]) {
      const req: CeilingRequest = { url: '/bench-tmp/wasm-ceiling.wasm', kernel, workers, checkIters: CHECK_ITERS, a: A, b: B, warmMs: 300, targetMs: 400, reps };
      try {
        const r = await page.evaluate((q) => window.measureCeiling(q), req);
        const wrong = r.values.find((v) => v !== expected);
        if (wrong !== undefined) throw new Error(`kernel returned ${wrong} after ${CHECK_ITERS} iterations, JavaScript computes ${expected}`);
        const flop = workers * r.iters * CEILING_FLOPS_PER_ITER[kernel];
        const fig: CeilingFigure = { kernel, workers, iters: r.iters, gflops: summarize(r.runsMs.map((ms) => flop / (ms * 1e6))) };
        figures.push(fig);
        log(`  WASM SIMD ceiling, ${kernel}, ${workers} worker${workers > 1 ? 's' : ''}: ${fig.gflops.median.toFixed(1)} GFLOP/s (${fig.gflops.min.toFixed(1)}–${fig.gflops.max.toFixed(1)})`);
      } catch (error) {
        errors.push({ kernel, workers, error: String(error).slice(0, 300) });
        log(`  WASM SIMD ceiling, ${kernel}, ${workers} workers failed: ${String(error).slice(0, 200)}`);
      }
    }
  }
  return { figures, errors };
}
