import type { LoadedModel, ProgressCallback, Role } from '../api';
import { chooseDevice, loadWithFallback, transformerLayers, type BrowserDevice, type DeviceChoice } from '../engine/backend/device';
import { checkParity, type ProbesFile } from '../engine/backend/parity';
import { abortError, Embedder } from '../engine/embed/embedder';
import { configureWebRuntime, ortRuntimeFor, webRuntimeThreads } from '../engine/embed/onnx';
import { sharedTextReads, type ModelFiles } from '../engine/models/readRecipe';
import { fetchModelFiles } from '../engine/runtime/http';
import { currentThreadEnvironment, wasmThreadCount, type ThreadSetting } from '../engine/runtime/threads';
import { defaultDenseScorer } from '../engine/search/denseScorer';
import { cosineMatrix } from '../engine/similarity/cosine';
import { gpuCosineMatrix } from '../engine/similarity/webgpu';
import { MATRICES_FALLBACK_STAGE } from '../api';

import type { EngineConfig } from '../api';
export type { EngineConfig };

/** Smaller matrices stay on the CPU: a GPU round trip costs more than the product. */
const GPU_MATRIX_MIN_CELLS = 4096;

/**
 * The worker's engine state, shared by the embedding and search parts of the API: the app's base
 * URL, the loaded model with its backend, running jobs (for cancel), and an optional checked GPU
 * device for similarity matrices.
 */
export class EngineSession {
  /** The app root: the worker file sits one folder below it in dev (workers/) and build (assets/). */
  readonly baseUrl: URL;
  modelBaseUrl: URL;
  private embedder: Embedder | null = null;
  private loaded: LoadedModel | null = null;
  private readonly jobs = new Map<string, AbortController>();
  private gpu: Promise<GPUDevice | null> | null = null;
  private gpuLostReason: string | null = null;
  private cacheModelFiles = false;
  private threadSetting: ThreadSetting = 'auto';

  constructor(workerUrl: string) {
    // The widget starts the worker with ?base=<app root> (from a blob: module on the host page).
    const base = new URL(workerUrl).searchParams.get('base');
    this.baseUrl = base ? new URL(base) : new URL('../', workerUrl);
    this.modelBaseUrl = new URL('models/', this.baseUrl);
    this.configure({});
  }

  configure(config: EngineConfig): void {
    if (config.cacheModelFiles !== undefined) this.cacheModelFiles = config.cacheModelFiles;
    if (config.numThreads !== undefined) this.threadSetting = config.numThreads;
    if (config.modelBaseUrl) this.modelBaseUrl = new URL(config.modelBaseUrl.replace(/\/?$/, '/'), this.baseUrl);
    const ortBaseUrl = new URL('ort/', this.baseUrl).href;
    const numThreads = wasmThreadCount(this.threadSetting, currentThreadEnvironment(ortBaseUrl));
    // The engine reads every model file itself (recipe, tokenizer, ONNX: embed/embedder.ts) and
    // creates its sessions with onnxruntime-web from the self-hosted builds under ort/ (embed/onnx.ts).
    configureWebRuntime({ ortBaseUrl, numThreads });
  }

  /**
   * Earlier versions let transformers.js keep the tokenizer files in its own Cache API store, which
   * goes stale when a model is updated. The engine reads them itself now; on the app's own origin
   * (its service worker's precache exists) that old store is deleted. The widget leaves a host
   * page's caches alone.
   */
  private async dropTransformersCache(): Promise<void> {
    const cacheStorage = (globalThis as { caches?: CacheStorage }).caches;
    if (!cacheStorage) return;
    try {
      const names = await cacheStorage.keys();
      if (names.some((name) => name.startsWith('esco-matcher-precache-')) && names.includes('transformers-cache')) {
        await cacheStorage.delete('transformers-cache');
      }
    } catch {
      // Cache API refused (e.g. opaque origin): nothing to clean.
    }
  }

  get model(): LoadedModel | null {
    return this.loaded;
  }

  /** The loaded embedder, or a clear error telling the caller to load one. */
  currentEmbedder(): Embedder {
    if (!this.embedder) throw new Error('No model is loaded: call loadModel first');
    return this.embedder;
  }

  async loadModel(id: string, choice: DeviceChoice, onProgress?: ProgressCallback): Promise<LoadedModel> {
    if (typeof id !== 'string' || !/^[\w.-]+$/.test(id)) throw new TypeError(`loadModel: invalid model id ${JSON.stringify(id)}`);
    const folder = new URL(`${id}/`, this.modelBaseUrl);
    const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
    const texts = sharedTextReads(fetchModelFiles(folder));
    const config = texts.text('config.json');
    config.catch(() => {}); // awaited below
    const decision = await chooseDevice(choice, gpu, async () => transformerLayers(await config));
    // The device decides which onnxruntime build runs (embed/onnx.ts; asked for first, so the
    // scorer gets the same one). Creating the scoring sessions makes it fetch and compile its WASM
    // runtime (about a second on a cold start): started now, that overlaps with the model download.
    void ortRuntimeFor(decision.device).catch(() => {});
    const scoringStarted = defaultDenseScorer.start();
    // The similarity-matrix kernel (compile, helper workers) starts beside the download, too.
    const matrixKernelStarted = defaultDenseScorer.matrixKernelThreads();
    void this.dropTransformersCache();
    const forward = (event: Record<string, unknown>) => onProgress?.(event as Parameters<ProgressCallback>[0]);
    const files = await this.modelFiles(folder, forward, texts);
    if ((await config) === null) throw new Error(`Model "${id}" not found: ${folder.href}config.json does not exist`);
    await this.unload();

    const stage = (message: string) => onProgress?.({ status: 'stage', stage: 'load', message });
    const load = (device: BrowserDevice) => {
      stage(`Loading ${id} on ${device}`);
      // onnxruntime-web initialises a build's WASM runtime on its first session, once per backend:
      // a WebGPU session created while the scorer's first (WASM) session is initialising it fails
      // with "multiple calls to 'initWasm()'". So a WebGPU session waits for the scorer to start
      // (the download does not); WASM sessions share the scorer's backend and need not wait.
      return Embedder.load(id, files, { device, onProgress: forward, ...(device === 'webgpu' ? { runtimeStarted: scoringStarted } : {}) });
    };
    let { value: embedder, device, fallbackReason } = await loadWithFallback(decision, load);
    if (device === 'webgpu') {
      const probes = await fetchProbes(files);
      if (probes) {
        stage('Checking WebGPU results against the reference');
        let parity;
        try {
          parity = await checkParity(embedder, probes);
        } catch (error) {
          parity = { ok: false, minCosine: NaN, worstProbe: `error: ${error instanceof Error ? error.message : error}` };
        }
        if (!parity.ok) {
          await embedder.dispose();
          fallbackReason = `WebGPU results differ from the reference (lowest probe cosine ${parity.minCosine.toFixed(3)} < 0.99 on "${parity.worstProbe}"); using WASM`;
          embedder = await load('wasm');
          device = 'wasm';
        }
      }
    }
    this.embedder = embedder;
    // The model's training words (1.2 MB for the default model) load after the model, so the first
    // search does not wait for them; a missing list only warns (Embedder.knownWords).
    void embedder.knownWords();
    // The scoring runtime starts with the model, so the first search does not wait for it.
    const scoring = await scoringStarted;
    const threads = await webRuntimeThreads();
    const matrixKernelThreads = await matrixKernelStarted;
    this.loaded = {
      id, dim: embedder.dim, backend: device, dtype: embedder.dtype, scoring, wasmThreads: threads.threads,
      // A software adapter's WebGPU runs on the CPU, where the WGSL kernel ran 100× slower than the
      // CPU kernel (docs/BENCHMARKS.md): matrices use the GPU only on a hardware adapter.
      ...(device === 'webgpu' && !decision.softwareAdapter ? { matricesOnGpu: true as const } : {}),
      ...(threads.reason ? { wasmThreadsReason: threads.reason } : {}),
      ...(matrixKernelThreads ? { matrixKernelThreads } : {}),
      ...(fallbackReason ? { fallbackReason } : {}),
      ...(defaultDenseScorer.fallbackReason ? { scoringFallbackReason: defaultDenseScorer.fallbackReason } : {}),
    };
    stage(`Loaded ${id} on ${device}`);
    return this.loaded;
  }

  async unload(): Promise<void> {
    const old = this.embedder;
    this.embedder = null;
    this.loaded = null;
    await old?.dispose().catch(() => {});
  }

  /**
   * Embeds with the loaded model. A WebGPU failure while running (lost device, a kernel error)
   * reloads the model on WASM, records why, and runs the texts again.
   */
  async embed(texts: string[], role: Role, signal?: AbortSignal, onProgress?: ProgressCallback, stageName = 'embed'): Promise<Float32Array> {
    const embedder = this.currentEmbedder();
    const options = {
      role, signal,
      onProgress: (done: number, total: number) => onProgress?.({ status: 'work', stage: stageName, done, total }),
    };
    try {
      return await embedder.embed(texts, options);
    } catch (error) {
      const name = (error as { name?: string })?.name;
      if (embedder.device !== 'webgpu' || name === 'AbortError' || error instanceof TypeError) throw error;
      const reason = `WebGPU failed while embedding (${error instanceof Error ? error.message : error}); using WASM`;
      onProgress?.({ status: 'stage', stage: 'fallback', message: reason });
      await embedder.dispose().catch(() => {});
      const folder = new URL(`${embedder.modelId}/`, this.modelBaseUrl);
      const wasm = await Embedder.load(embedder.modelId, await this.modelFiles(folder), { device: 'wasm' });
      this.embedder = wasm;
      // Scoring and threads stay as they were: only the model's backend changed.
      this.loaded = { ...this.loaded, id: embedder.modelId, dim: wasm.dim, backend: 'wasm', dtype: wasm.dtype, fallbackReason: reason };
      return wasm.embed(texts, options);
    }
  }

  /**
   * Cosine matrix of row vectors (normalized here when the model does not normalize). On the GPU
   * when the loaded model says `matricesOnGpu`; when the GPU cannot do it (no device, a lost one, a
   * kernel error) the matrix is computed on the CPU and the model record says so from then on.
   */
  async cosine(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number, onProgress?: ProgressCallback): Promise<Float32Array> {
    if (this.loaded?.matricesOnGpu && na * nb >= GPU_MATRIX_MIN_CELLS) {
      const device = await this.gpuDevice();
      if (device) {
        try {
          return await gpuCosineMatrix(device, a, na, b, nb, dim);
        } catch (error) {
          this.gpu = Promise.resolve(null); // the CPU path from now on
          this.matricesLeftGpu(`WebGPU failed on a similarity matrix (${error instanceof Error ? error.message : error})`, onProgress);
        }
      } else {
        this.matricesLeftGpu(this.gpuLostReason ?? 'no WebGPU device passed the similarity check', onProgress);
      }
    }
    return (await defaultDenseScorer.rowProduct(a, na, b, nb, dim)) ?? cosineMatrix(a, na, b, nb, dim);
  }

  /** Records that matrices run on the CPU now, and tells the caller (the UI updates its model record). */
  private matricesLeftGpu(reason: string, onProgress?: ProgressCallback): void {
    if (!this.loaded?.matricesOnGpu) return;
    const { matricesOnGpu: _, ...rest } = this.loaded;
    const message = `${reason}; similarity matrices run on the CPU`;
    this.loaded = { ...rest, matricesFallbackReason: message };
    onProgress?.({ status: 'stage', stage: MATRICES_FALLBACK_STAGE, message });
  }

  /** A GPU device for similarity (asked for only when `matricesOnGpu`), kept only if its kernel agrees with the JS product on a sample. */
  gpuDevice(): Promise<GPUDevice | null> {
    this.gpu ??= (async () => {
      try {
        const adapter = await (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu?.requestAdapter();
        if (!adapter) return null;
        const device = await adapter.requestDevice();
        const n = 40, dim = 70;
        const a = Float32Array.from({ length: n * dim }, (_, i) => Math.sin(i * 0.37));
        const b = Float32Array.from({ length: n * dim }, (_, i) => Math.cos(i * 0.11));
        const gpu = await gpuCosineMatrix(device, a, n, b, n, dim);
        const js = cosineMatrix(a, n, b, n, dim);
        const ok = js.every((v, i) => Math.abs(v - gpu[i]) <= 1e-3 * Math.max(1, Math.abs(v)));
        if (!ok) {
          device.destroy();
          return null;
        }
        // A device lost later (driver reset, the tab in the background too long) is not asked again.
        void device.lost?.then((info) => {
          this.gpuLostReason = `the WebGPU device was lost (${info.message || info.reason})`;
          this.gpu = Promise.resolve(null);
        });
        return device;
      } catch {
        return null;
      }
    })();
    return this.gpu;
  }

  /**
   * A model folder's files for one load: each text file is read once (the "not found" check, the
   * cache version, the recipe and the tokenizer share the requests); binary files come with
   * download progress and, when enabled, the engine's own cache.
   */
  private async modelFiles(folder: URL, onProgress?: (event: Record<string, unknown>) => void, texts = sharedTextReads(fetchModelFiles(folder))): Promise<ModelFiles> {
    const binary = fetchModelFiles(folder, { onProgress, cache: await this.cacheFor(texts) });
    return { text: texts.text, bytes: binary.bytes };
  }

  private async cacheFor(files: ModelFiles): Promise<{ name: string; version: string } | undefined> {
    if (!this.cacheModelFiles) return undefined;
    const fingerprint = await readFingerprint(files);
    return fingerprint ? { name: MODEL_CACHE, version: fingerprint } : undefined;
  }

  /** An AbortSignal for a job id; `cancel(jobId)` aborts it. Call `done()` when the job ends. */
  startJob(jobId?: string): { signal: AbortSignal; done: () => void } {
    const controller = new AbortController();
    if (jobId) this.jobs.set(jobId, controller);
    return { signal: controller.signal, done: () => { if (jobId && this.jobs.get(jobId) === controller) this.jobs.delete(jobId); } };
  }

  cancel(jobId: string): void {
    this.jobs.get(jobId)?.abort(abortError());
  }
}

/** Cache API name for model weights (see fetchModelFiles). */
export const MODEL_CACHE = 'esco-matcher-models';

async function readFingerprint(files: ModelFiles): Promise<string | null> {
  try {
    return (JSON.parse((await files.text('recipe.json')) ?? '{}') as { weightsFingerprint?: string }).weightsFingerprint ?? null;
  } catch {
    return null;
  }
}

async function fetchProbes(files: ModelFiles): Promise<ProbesFile | null> {
  const text = await files.text('probes.json');
  if (!text) return null;
  try {
    return JSON.parse(text) as ProbesFile;
  } catch {
    return null;
  }
}
