/// <reference types="vite/client" />
// The bench's own worker: loads engine classes directly (not through the app's MatcherApi) so the
// bench can pick device, dtype and batch size, time each stage, and run the naive baselines in the
// same worker under the same conditions. Driven by tools/bench/run.ts through page.evaluate.
import { expose } from 'comlink';
import { AutoTokenizer, env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { Embedder, fastTokenizer, onnxFileName, type EmbedDevice } from '../../workers/engine/embed/embedder';
import { configureWebRuntime, executionProviders, loadOrtBuild, type OrtModule, type OrtTensor } from '../../workers/engine/embed/onnx';
import { ORT_BUILD_FILES } from '../../workers/engine/runtime/ortFiles';
import { normalizeRows } from '../../workers/engine/embed/normalize';
import { poolMean } from '../../workers/engine/embed/pool';
import { toFloat32 } from '../../workers/engine/embed/tensorData';
import { configureTransformers } from '../../workers/engine/runtime/configure';
import { fetchModelFiles } from '../../workers/engine/runtime/http';
import { randomUnitRows, tripleLoopMatrix } from './tripleLoop';
import { similarityPaths } from './similarityPaths';

type TextSet = 'titles' | 'segments64' | 'segments256';
interface Corpus { titles: string[]; segments64: string[]; segments256: string[] }

const origin = self.location.origin;
/** Warm-up calls of a similarity path after its checked first run: at most this many, within this time. */
const WARMUP_RUNS = 5;
const WARMUP_MS = 1500;
/** An embedding configuration whose whole input takes at most this long gets one untimed pass first. */
const FULL_PASS_WARMUP_MS = 2000;
let corpus: Corpus | null = null;
let embedder: Embedder | null = null;
let threads = 1;

/**
 * Points transformers.js at the folder holding `modelPath` and returns the bare model id, as the
 * app's worker does (ids with slashes would be read as hub ids).
 */
function useModel(modelPath: string): string {
  const cut = modelPath.lastIndexOf('/');
  // A path, not an absolute URL: transformers.js 4.3's file-existence check skips local paths that
  // parse as http(s) URLs, and then reports tokenizer_config.json as missing.
  configure(threads, `/${modelPath.slice(0, cut + 1)}`);
  return modelPath.slice(cut + 1);
}

function configure(numThreads: number, localModelPath = '/models/'): void {
  threads = numThreads;
  configureTransformers(env, {
    localModelPath,
    allowRemoteModels: false,
    useBrowserCache: false,
    // The naive pipeline baseline runs on transformers.js' own onnxruntime (the WebGPU build).
    wasmPaths: { mjs: `${origin}/ort/${ORT_BUILD_FILES.webgpu.mjs}`, wasm: `${origin}/ort/${ORT_BUILD_FILES.webgpu.wasm}` },
    numThreads,
  });
  configureWebRuntime({ ortBaseUrl: `${origin}/ort/`, numThreads });
}

/** The onnxruntime build the app runs on this device (workers/engine/embed/onnx.ts: ortRuntimeFor in a fresh worker). */
function ortFor(device: EmbedDevice): Promise<OrtModule> {
  return loadOrtBuild(device === 'webgpu' ? 'webgpu' : 'wasm');
}

async function texts(set: TextSet, count: number): Promise<string[]> {
  corpus ??= (await (await fetch(`${origin}/bench-tmp/corpus.json`)).json()) as Corpus;
  const pool = corpus[set];
  return Array.from({ length: count }, (_, i) => pool[i % pool.length]);
}

/**
 * Runs `step` until two consecutive runs agree within 15 % (at most 4 runs) and returns the last
 * run's milliseconds: onnxruntime-web's first runs after a session starts are several times slower
 * (memory growth, thread pool start), and one warm-up run is not enough to get past them.
 */
async function warmUp(step: () => Promise<unknown>, maxMs = Number.POSITIVE_INFINITY): Promise<number> {
  let previous = Number.POSITIVE_INFINITY;
  let last = 0;
  let spent = 0;
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    await step();
    last = performance.now() - t0;
    spent += last;
    if (Math.abs(last - previous) <= 0.15 * last || spent > maxMs) break;
    previous = last;
  }
  return last;
}

/** Repetitions and texts that fit in maxSeconds at perTextMs: first fewer repetitions, then fewer texts (whole batches, at least one). */
function fitRuns(perTextMs: number, count: number, batchSize: number, reps: number, maxSeconds: number): { count: number; reps: number } {
  const budgetMs = maxSeconds * 1000;
  const runMs = perTextMs * count;
  if (runMs * reps <= budgetMs) return { count, reps };
  if (runMs * 2 <= budgetMs) return { count, reps: Math.max(2, Math.floor(budgetMs / runMs)) };
  const batches = Math.max(1, Math.floor(budgetMs / 2 / (perTextMs * batchSize)));
  return { count: Math.min(count, batches * batchSize), reps: 2 };
}

const api = {
  /** What this worker runs on. */
  async environment(numThreads: number) {
    configure(numThreads);
    const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = gpu ? await gpu.requestAdapter() : null;
    return {
      crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: self.navigator.hardwareConcurrency,
      userAgent: self.navigator.userAgent,
      wasmThreads: threads,
      gpu: adapter ? { vendor: adapter.info.vendor, architecture: adapter.info.architecture, description: adapter.info.description } : null,
    };
  },

  async load(modelPath: string, device: EmbedDevice, dtype: string) {
    await api.unload();
    const t0 = performance.now();
    embedder = await Embedder.load(useModel(modelPath), fetchModelFiles(`${origin}/${modelPath}/`), { device, dtype, ort: await ortFor(device) });
    return { loadMs: performance.now() - t0, dim: embedder.dim, dtype: embedder.dtype };
  },

  async unload() {
    await embedder?.dispose();
    embedder = null;
  },

  /**
   * Wall time of embedder.embed over `count` texts with the given batch size, `reps` times, after
   * one untimed warm-up batch. When the warm-up says the runs would take more than `maxSeconds`,
   * fewer repetitions (then fewer texts, down to one batch) are run: the caller sees what was run.
   */
  async embedRuns(set: TextSet, count: number, batchSize: number, reps: number, maxSeconds = Number.POSITIVE_INFINITY) {
    if (!embedder) throw new Error('no model loaded');
    let input = await texts(set, count);
    const warmTexts = input.slice(0, Math.min(batchSize, count));
    const current = embedder;
    // Warm-up may use a third of this configuration's time.
    const perTextMs = (await warmUp(() => current.embed(warmTexts, { role: 'query', batchSize }), (maxSeconds * 1000) / 3)) / warmTexts.length;
    const fit = fitRuns(perTextMs, count, batchSize, reps, maxSeconds);
    input = input.slice(0, fit.count);
    // One untimed pass over the whole input where it is cheap: every batch shape the timed runs
    // will meet has then been run once (the warm-up above saw the first batch's shape only).
    if (perTextMs * fit.count <= FULL_PASS_WARMUP_MS) await embedder.embed(input, { role: 'query', batchSize });
    const runsMs: number[] = [];
    for (let r = 0; r < fit.reps; r++) {
      const start = performance.now();
      await embedder.embed(input, { role: 'query', batchSize });
      runsMs.push(performance.now() - start);
    }
    return { runsMs, count: fit.count };
  },

  /**
   * The embed path split into stages, each timed with performance.now(): tokenize, build tensors,
   * session run (transformers.js model call), mean pooling, normalize. Same steps as Embedder.embedBatch,
   * with the same tokenizer it picks (the engine's WordPiece where it matches transformers.js).
   */
  async profileStages(modelPath: string, device: EmbedDevice, dtype: string, set: TextSet, count: number, batchSize: number) {
    await api.unload();
    const reference = await AutoTokenizer.from_pretrained(useModel(modelPath));
    const tokenizer = fastTokenizer(reference) ?? reference;
    const bytes = await fetchModelFiles(`${origin}/${modelPath}/`).bytes(`onnx/${onnxFileName(dtype)}`);
    if (!bytes) throw new Error(`${modelPath}/onnx/${onnxFileName(dtype)} does not exist`);
    // The session options Embedder uses (workers/engine/embed/embedder.ts).
    const ort = await ortFor(device);
    const session = await ort.InferenceSession.create(bytes, { executionProviders: executionProviders(device), graphOptimizationLevel: 'all' });
    const input = await texts(set, count);
    const stages = { tokenize: 0, tensors: 0, session: 0, pool: 0, normalize: 0 };
    let tokens = 0;
    const runBatch = async (batchTexts: string[], timed: boolean) => {
      const t0 = performance.now();
      const ids = batchTexts.map((x) => Array.from(tokenizer.encode(x)).slice(0, 512));
      const t1 = performance.now();
      const seq = Math.max(...ids.map((x) => x.length));
      const inputIds = new BigInt64Array(ids.length * seq);
      const mask = new BigInt64Array(ids.length * seq);
      ids.forEach((row, b) => row.forEach((id, i) => { inputIds[b * seq + i] = BigInt(id); mask[b * seq + i] = 1n; }));
      const feeds: Record<string, OrtTensor> = {
        input_ids: new ort.Tensor('int64', inputIds, [ids.length, seq]),
        attention_mask: new ort.Tensor('int64', mask, [ids.length, seq]),
      };
      if (session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length * seq), [ids.length, seq]);
      const t2 = performance.now();
      const out = await session.run(feeds);
      const hidden = out.last_hidden_state ?? out.token_embeddings;
      const hiddenData = toFloat32(hidden as Parameters<typeof toFloat32>[0]);
      const t3 = performance.now();
      const dim = hidden.dims[2];
      const pooled = poolMean(hiddenData, mask, ids.length, seq, dim);
      const t4 = performance.now();
      normalizeRows(pooled, ids.length, dim);
      const t5 = performance.now();
      for (const v of Object.values(out)) v.dispose?.();
      if (!timed) return;
      stages.tokenize += t1 - t0; stages.tensors += t2 - t1; stages.session += t3 - t2; stages.pool += t4 - t3; stages.normalize += t5 - t4;
      tokens += ids.reduce((a, x) => a + x.length, 0);
    };
    await warmUp(() => runBatch(input.slice(0, batchSize), false));
    const start = performance.now();
    for (let s = 0; s < input.length; s += batchSize) await runBatch(input.slice(s, s + batchSize), true);
    const totalMs = performance.now() - start;
    await session.release();
    return { stagesMs: stages, totalMs, texts: input.length, meanTokens: tokens / input.length };
  },

  /** Mean tokens per text (special tokens included) with this model's tokenizer. */
  async meanTokens(modelPath: string, set: TextSet, count: number) {
    const tokenizer = await AutoTokenizer.from_pretrained(useModel(modelPath));
    const input = await texts(set, count);
    return input.reduce((a, x) => a + tokenizer.encode(x).length, 0) / input.length;
  },

  /**
   * The baseline: transformers.js's feature-extraction pipeline called as its examples do, one
   * text per call with mean pooling and normalisation.
   */
  async baselineRuns(modelPath: string, device: EmbedDevice, dtype: string, set: TextSet, count: number, reps: number, maxSeconds = Infinity) {
    await api.unload();
    const extractor = (await pipeline('feature-extraction', useModel(modelPath), { device, dtype: dtype as never })) as FeatureExtractionPipeline;
    let input = await texts(set, count);
    let w = 0;
    const perTextMs = await warmUp(() => extractor(input[w++ % input.length], { pooling: 'mean', normalize: true }), (maxSeconds * 1000) / 3);
    const fit = fitRuns(perTextMs, count, 1, reps, maxSeconds);
    input = input.slice(0, fit.count);
    // The same untimed pass as the engine gets (embedRuns).
    if (perTextMs * fit.count <= FULL_PASS_WARMUP_MS) {
      for (const text of input) (await extractor(text, { pooling: 'mean', normalize: true })).dispose?.();
    }
    const runsMs: number[] = [];
    for (let r = 0; r < fit.reps; r++) {
      const t0 = performance.now();
      for (const text of input) {
        const out = await extractor(text, { pooling: 'mean', normalize: true });
        out.dispose?.();
      }
      runsMs.push(performance.now() - t0);
    }
    await extractor.dispose();
    return { runsMs, count: fit.count };
  },

  /** The plain triple loop on rows [0, rows) of an n×m×d problem; returns ms per run. */
  async tripleLoopRuns(rows: number, m: number, d: number, reps: number) {
    const a = randomUnitRows(rows, d, 1);
    const b = randomUnitRows(m, d, 2);
    tripleLoopMatrix(a, b, Math.min(rows, 4), m, d);
    const runsMs: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      tripleLoopMatrix(a, b, rows, m, d);
      runsMs.push(performance.now() - t0);
    }
    return { runsMs };
  },

  /**
   * The engine's similarity paths on unit rows: `rows[path]` rows of A (n×d, sampled when fewer
   * than n) against all m rows of B. The first run checks row 0 against the triple loop and warms up.
   */
  async similarityRuns(rows: Record<string, number>, m: number, d: number, reps: number, maxSeconds = 60) {
    const b = randomUnitRows(m, d, 2);
    const results: Record<string, { rows: number; runsMs: number[]; maxAbsError: number; threads?: number } | { error: string }> = {};
    for (const path of await similarityPaths()) {
      const n = rows[path.name] ?? 1;
      const a = randomUnitRows(n, d, 1);
      const reference = tripleLoopMatrix(a, b, 1, m, d);
      try {
        const t0 = performance.now();
        const first = await path.run(a, b, n, m, d);
        const firstMs = performance.now() - t0;
        let maxAbsError = 0;
        for (let j = 0; j < m; j++) maxAbsError = Math.max(maxAbsError, Math.abs(first[j] - reference[j]));
        // Warm-up beyond that first run, as the native sgemm gets its untimed call: a fast path's
        // first calls run slower while V8 swaps its baseline WebAssembly code for the optimised one
        // and the fresh memory pages fault in (1000×1000×256 on engine-wasm, measured: 20–35 GFLOP/s
        // on calls 1–3, 55–80 from the fifth on). Up to WARMUP_RUNS more calls within WARMUP_MS.
        const warmStart = performance.now();
        for (let w = 0; w < WARMUP_RUNS && performance.now() - warmStart + firstMs < WARMUP_MS; w++) await path.run(a, b, n, m, d);
        // A slow path gets fewer repetitions (at least the first run counts) so the bench keeps its time budget.
        const allowed = Math.min(reps, Math.floor((maxSeconds * 1000) / firstMs));
        const runsMs: number[] = allowed === 0 ? [firstMs] : [];
        for (let r = 0; r < allowed; r++) {
          const t0 = performance.now();
          await path.run(a, b, n, m, d);
          runsMs.push(performance.now() - t0);
        }
        results[path.name] = { rows: n, runsMs, maxAbsError, threads: path.threads };
      } catch (error) {
        results[path.name] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    return results;
  },
};

export type BenchWorkerApi = typeof api;
expose(api);
