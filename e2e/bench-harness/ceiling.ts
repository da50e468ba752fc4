// Page side of the WASM SIMD ceiling: one ceiling worker per core, all timed together, so the
// figure is what WASM can do on every core at once (compared with native sgemm on all cores).
import { wrap, type Remote } from 'comlink';
import type { CeilingWorkerApi } from './ceiling.worker';

export interface CeilingRequest {
  url: string;
  kernel: 'fma' | 'mulAdd';
  workers: number;
  /** Iterations for the correctness check (small: the caller recomputes it in JavaScript). */
  checkIters: number;
  a: number;
  b: number;
  warmMs: number;
  /** Wall time one timed call should take. */
  targetMs: number;
  reps: number;
}

export interface CeilingRuns {
  /** Each worker's result after checkIters iterations. */
  values: number[];
  iters: number;
  /** Wall time of each repetition, all workers started together (ms). */
  runsMs: number[];
}

export async function measureCeiling(req: CeilingRequest): Promise<CeilingRuns> {
  const workers = Array.from({ length: req.workers }, () => new Worker(new URL('./ceiling.worker.ts', import.meta.url), { type: 'module' }));
  const apis: Remote<CeilingWorkerApi>[] = workers.map((w) => wrap<CeilingWorkerApi>(w));
  try {
    await Promise.all(apis.map((w) => w.load(req.url)));
    const values = await Promise.all(apis.map((w) => w.value(req.kernel, req.checkIters, req.a, req.b)));
    await Promise.all(apis.map((w) => w.warm(req.kernel, req.warmMs, req.a, req.b)));
    // Size the timed call from one probe on one worker.
    const probeIters = 1_000_000;
    const probeMs = await apis[0].time(req.kernel, probeIters, req.a, req.b);
    const iters = Math.max(probeIters, Math.round((probeIters * req.targetMs) / Math.max(probeMs, 0.1)));
    const runsMs: number[] = [];
    for (let r = 0; r < req.reps; r++) {
      const t0 = performance.now();
      await Promise.all(apis.map((w) => w.time(req.kernel, iters, req.a, req.b)));
      runsMs.push(performance.now() - t0);
    }
    return { values, iters, runsMs };
  } finally {
    for (const w of workers) w.terminate();
  }
}
