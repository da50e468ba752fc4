// onnxruntime's own sgemm (MLAS) in Node: the same MatMul graph the engine runs in the browser
// (tools/onnx/score-graphs.ts productGraph: a [n, d] · bT [d, m]), natively on onnxruntime-node,
// so the "native peak" the similarity bar is judged against is the fastest library this machine
// has, not only OpenBLAS.
import { createRequire } from 'node:module';
import { productGraph } from '../onnx/score-graphs';
import { summarize } from './stats';
import type { LibraryResult, SgemmFigure, SgemmShape } from './sgemm';

interface NodeTensor { data: unknown; dispose?(): void }
interface NodeSession {
  run(feeds: Record<string, NodeTensor>): Promise<Record<string, NodeTensor>>;
  release(): Promise<void>;
}
interface NodeOrt {
  InferenceSession: { create(model: Uint8Array, options: Record<string, unknown>): Promise<NodeSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => NodeTensor;
}

const PACKAGE = 'onnxruntime-node';

/** Deterministic values in [-0.5, 0.5): the values do not change the speed, only avoid denormals. */
function pseudoRandom(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = ((s >>> 8) & 0xffff) / 65536 - 0.5;
  }
  return out;
}

/**
 * Median GFLOP/s of `reps` MatMul runs per shape, with 1 intra-op thread and with `cores`, after one
 * untimed run per session (thread pool start-up, arena growth), as the OpenBLAS program does.
 * Shape names follow sgemm.c: m rows of A, n rows of B, k the shared dimension.
 */
export async function measureMlasSgemm(shapes: SgemmShape[], reps: number, cores: number): Promise<LibraryResult> {
  let ort: NodeOrt;
  let version = '';
  try {
    const require = createRequire(import.meta.url);
    ort = (await import(PACKAGE)) as unknown as NodeOrt;
    version = (require(`${PACKAGE}/package.json`) as { version: string }).version;
  } catch (error) {
    return { ok: false, name: 'MLAS', library: 'onnxruntime-node (MLAS)', reason: `${PACKAGE} could not be loaded: ${error instanceof Error ? error.message : error}`, command: `ONNXRUNTIME_NODE_INSTALL=skip npm install ${PACKAGE}` };
  }
  const graph = productGraph();
  const figures: SgemmFigure[] = [];
  for (const threads of [...new Set([cores, 1])]) {
    const session = await ort.InferenceSession.create(graph, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'all',
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    });
    try {
      for (const shape of shapes) {
        const a = new ort.Tensor('float32', pseudoRandom(shape.m * shape.k, 12345), [shape.m, shape.k]);
        const bT = new ort.Tensor('float32', pseudoRandom(shape.k * shape.n, 54321), [shape.k, shape.n]);
        const once = async () => {
          const t0 = performance.now();
          const out = await session.run({ a, bT });
          const ms = performance.now() - t0;
          for (const t of Object.values(out)) t.dispose?.();
          return ms;
        };
        await once();
        const runs: number[] = [];
        for (let r = 0; r < reps; r++) runs.push((2 * shape.m * shape.n * shape.k) / ((await once()) * 1e6));
        figures.push({ ...shape, threads, gflops: summarize(runs) });
      }
    } finally {
      await session.release();
    }
  }
  const best = (t: number) => Math.max(...figures.filter((f) => f.threads === t).map((f) => f.gflops.median));
  return { ok: true, name: 'MLAS', library: `onnxruntime-node ${version}`, figures, peakGflops: best(cores), peakSingleThreadGflops: best(1) };
}
