import * as Comlink from 'comlink';
import type {
  DeviceChoice,
  EscoEntry,
  Hit,
  Lang,
  LoadedModel,
  MatcherApi,
  Matrix,
  ModelEntry,
  ProgressCallback,
  Role,
  SearchMode,
  Target,
  TextAnalysis,
} from '../../workers/api';
import { MATRICES_FALLBACK_STAGE } from '../../workers/api';

/**
 * The client side of the worker boundary. One worker, created lazily; calls run one after another
 * (the worker runs one inference at a time anyway, and a queued call can be cancelled before it
 * starts); an AbortSignal becomes `api.cancel(jobId)`; progress callbacks cross as comlink
 * proxies. After IDLE_MS without calls the worker is terminated to give its memory back, and the
 * next call recreates it and reloads the model that was loaded.
 */

/** What every client call accepts besides its own options. */
export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export interface MatcherClient {
  describe(ids: string[], target: Target, lang: Lang, options?: CallOptions): Promise<EscoEntry[]>;
  listModels(options?: CallOptions): Promise<ModelEntry[]>;
  loadModel(id: string, options?: { device?: DeviceChoice } & CallOptions): Promise<LoadedModel>;
  embed(texts: string[], options: { role: Role } & CallOptions): Promise<Float32Array>;
  similarityMatrix(a: string[], b: string[] | { target: Target }, options?: CallOptions): Promise<Matrix>;
  search(
    queries: string[],
    options: { target: Target; k: number; lang?: Lang; mode?: SearchMode } & CallOptions,
  ): Promise<Hit[][]>;
  analyzeText(text: string, options: { k: number; lang?: Lang; mode?: SearchMode } & CallOptions): Promise<TextAnalysis>;
  /** The language `search` uses for each query when it is given none. */
  detectLanguages(queries: string[], options?: CallOptions): Promise<Lang[]>;
  /** The model loaded in the worker (or to be reloaded after an idle restart), if any. */
  currentModel(): LoadedModel | null;
  /** Ends the worker now (e.g. after "Clear all data"); the next call starts a fresh one. */
  terminate(): void;
}

export const IDLE_MS = 10 * 60 * 1000;

export function abortError(message = 'The operation was cancelled.'): Error {
  return new DOMException(message, 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError' || (error as { name?: string })?.name === 'AbortError';
}

let jobCounter = 0;
function newJobId(): string {
  jobCounter += 1;
  return `job-${Date.now().toString(36)}-${jobCounter}`;
}

interface WorkerHandle {
  worker: Worker;
  api: Comlink.Remote<MatcherApi>;
  /** Rejects when the worker dies (script error, out of memory), so calls don't hang forever. */
  crashed: Promise<never>;
  /** Ends the worker and rejects whatever was running in it. */
  kill(error: Error): void;
}

export interface BridgeOptions {
  createWorker?: () => Worker;
  idleMs?: number;
  /** Told when the worker switched backends mid-job (WebGPU failed → WASM), so the UI badge follows. */
  onModelChange?: (model: LoadedModel) => void;
}

export function createMatcherClient(options: BridgeOptions = {}): MatcherClient {
  const createWorker =
    options.createWorker ??
    (() => new Worker(new URL('../../workers/matcher.worker.ts', import.meta.url), { type: 'module' }));
  const idleMs = options.idleMs ?? IDLE_MS;

  let handle: WorkerHandle | null = null;
  let loaded: LoadedModel | null = null;
  let loadedDevice: DeviceChoice | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function start(): WorkerHandle {
    const worker = createWorker();
    let fail: (error: Error) => void = () => {};
    const crashed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    crashed.catch(() => {}); // observed by each call; never an unhandled rejection
    const onCrash = (event: ErrorEvent | MessageEvent) => {
      const message = event instanceof ErrorEvent && event.message ? event.message : 'the matcher worker stopped';
      fail(new Error(`The matcher stopped unexpectedly (${message}). Try again; reload the page if it persists.`));
      if (handle?.worker === worker) handle = null;
      worker.terminate();
    };
    worker.addEventListener('error', onCrash);
    worker.addEventListener('messageerror', onCrash);
    const kill = (error: Error) => {
      fail(error);
      worker.terminate();
    };
    return { worker, api: Comlink.wrap<MatcherApi>(worker), crashed, kill };
  }

  async function ensureWorker(): Promise<WorkerHandle> {
    if (handle) return handle;
    handle = start();
    // After an idle restart the new worker has no model: bring back the one the user had.
    if (loaded) {
      const model = loaded;
      const current = handle;
      await Promise.race([current.api.loadModel(model.id, { device: loadedDevice }), current.crashed]);
    }
    return handle;
  }

  function scheduleIdle(): void {
    clearTimeout(idleTimer);
    if (pending > 0 || !Number.isFinite(idleMs)) return;
    idleTimer = setTimeout(() => {
      if (pending > 0 || !handle) return;
      handle.worker.terminate();
      handle = null;
    }, idleMs);
  }

  /**
   * Runs `call` after every earlier call has settled. The caller's promise rejects with an
   * AbortError as soon as the signal fires; the queue still waits for the worker to finish.
   */
  function enqueue<T>(
    signal: AbortSignal | undefined,
    call: (current: WorkerHandle, jobId: string) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortError());
    pending += 1;
    clearTimeout(idleTimer);
    const jobId = newJobId();
    let rejectCaller: (error: unknown) => void = () => {};
    const abortedEarly = new Promise<never>((_, reject) => {
      rejectCaller = reject;
    });
    abortedEarly.catch(() => {});
    let started = false;
    let current: WorkerHandle | null = null;
    const onAbort = () => {
      rejectCaller(abortError());
      if (started && current) void current.api.cancel(jobId);
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const run = tail.then(async () => {
      if (signal?.aborted) throw abortError();
      current = await ensureWorker();
      started = true;
      return Promise.race([call(current, jobId), current.crashed]);
    });
    tail = run.catch(() => {});
    void tail.then(() => {
      pending -= 1;
      signal?.removeEventListener('abort', onAbort);
      scheduleIdle();
    });
    return Promise.race([run, abortedEarly]);
  }

  /**
   * Every call gets a progress proxy: besides forwarding to the caller, it watches for the
   * worker's WebGPU → WASM fallback so `currentModel()` never reports a backend no longer in use.
   */
  const progress = (onProgress?: ProgressCallback) =>
    Comlink.proxy((event: Parameters<ProgressCallback>[0]) => {
      if (event.status === 'stage' && event.stage === 'fallback' && loaded) {
        loaded = { ...loaded, backend: 'wasm', fallbackReason: event.message };
        loadedDevice = 'wasm';
        options.onModelChange?.(loaded);
      }
      if (event.status === 'stage' && event.stage === MATRICES_FALLBACK_STAGE && loaded) {
        const { matricesOnGpu: _, ...rest } = loaded;
        loaded = { ...rest, matricesFallbackReason: event.message };
        options.onModelChange?.(loaded);
      }
      onProgress?.(event);
    });

  return {
    describe: (ids, target, lang, opts = {}) => enqueue(opts.signal, ({ api }) => api.describe(ids, target, lang)),
    listModels: (opts = {}) => enqueue(opts.signal, ({ api }) => api.listModels()),
    loadModel(id, opts = {}) {
      return enqueue(opts.signal, async ({ api }) => {
        const model = await api.loadModel(id, { device: opts.device }, progress(opts.onProgress));
        loaded = model;
        loadedDevice = opts.device;
        return model;
      });
    },
    embed: (texts, opts) =>
      enqueue(opts.signal, ({ api }, jobId) => api.embed(texts, { role: opts.role, jobId }, progress(opts.onProgress))),
    similarityMatrix: (a, b, opts = {}) =>
      enqueue(opts.signal, ({ api }, jobId) => api.similarityMatrix(a, b, { jobId }, progress(opts.onProgress))),
    search: (queries, opts) =>
      enqueue(opts.signal, ({ api }, jobId) =>
        api.search(queries, { target: opts.target, k: opts.k, lang: opts.lang, mode: opts.mode, jobId }, progress(opts.onProgress)),
      ),
    analyzeText: (text, opts) =>
      enqueue(opts.signal, ({ api }, jobId) =>
        api.analyzeText(text, { k: opts.k, lang: opts.lang, mode: opts.mode, jobId }, progress(opts.onProgress)),
      ),
    detectLanguages: (queries, opts = {}) => enqueue(opts.signal, ({ api }) => api.detectLanguages(queries)),
    currentModel: () => loaded,
    terminate() {
      clearTimeout(idleTimer);
      handle?.kill(abortError('The matcher was stopped.'));
      handle = null;
      loaded = null;
    },
  };
}

let shared: MatcherClient | null = null;
const modelListeners = new Set<(model: LoadedModel) => void>();

/** Subscribes to backend switches of the app-wide client; returns the unsubscribe function. */
export function onModelChange(listener: (model: LoadedModel) => void): () => void {
  modelListeners.add(listener);
  return () => modelListeners.delete(listener);
}

/** The app-wide client (one worker for the whole page). */
export function getMatcher(): MatcherClient {
  shared ??= createMatcherClient({ onModelChange: (model) => modelListeners.forEach((listener) => listener(model)) });
  return shared;
}
