/**
 * The contract between the UI and the matcher worker. The worker `expose()`s one object of
 * type `MatcherApi`; the UI `wrap<MatcherApi>()`s it once (src/matcher/bridge.ts).
 *
 * Rules of the boundary:
 * - Long calls take a `jobId`; the client turns an AbortSignal into `cancel(jobId)`.
 *   A cancelled call rejects with an error whose name is "AbortError".
 * - Progress callbacks are passed as comlink proxies and receive plain objects.
 * - Vectors and matrices travel as Float32Array and are transferred, not copied.
 * This file holds types only, so the UI may import it without pulling in the engine.
 */

export type Device = 'webgpu' | 'wasm' | 'cpu';
export type DeviceChoice = 'auto' | 'webgpu' | 'wasm';
/** Which side of an asymmetric model a text is on: the user's text is a query, ESCO entries are documents. */
export type Role = 'query' | 'document';
export type Lang = 'en' | 'de' | 'es' | 'fr' | 'nl' | 'pt';
export type SearchMode = 'hybrid' | 'dense' | 'lexical';
export type Target = 'occupations' | 'skills';

/** What the settings panel shows about a model found in public/models/index.json. */
export interface ModelEntry {
  id: string;
  name: string;
  languages: string[];
  dim: number;
  /** Bytes the browser downloads for the dtype it would pick. */
  sizeBytes: number;
  /** Human-readable recipe, e.g. "mean pooling → normalize". */
  recipeSummary: string;
  isDefault: boolean;
}

export interface LoadedModel {
  id: string;
  dim: number;
  backend: Device;
  dtype: string;
  /** Set when the engine fell back from WebGPU to WASM, saying why (e.g. parity probe failed). */
  fallbackReason?: string;
  /**
   * Where search scores and similarity matrices are computed: onnxruntime's CPU kernels (WASM SIMD),
   * or the JavaScript loop when that runtime could not start (then `scoringFallbackReason` says why).
   */
  scoring?: 'onnxruntime' | 'javascript';
  scoringFallbackReason?: string;
  /**
   * Set when full similarity matrices (an index's, two lists') run on the engine's relaxed-SIMD
   * kernel (workers/engine/similarity/wasmGemm.ts): its threads. Otherwise they run where `scoring` says.
   */
  matrixKernelThreads?: number;
  /**
   * Set when similarity matrices of two lists run on the GPU (WGSL kernel, workers/engine/similarity/webgpu.ts):
   * the model runs on WebGPU and the adapter is a hardware one. Otherwise they run on the CPU as above.
   */
  matricesOnGpu?: true;
  /** Why similarity matrices left the GPU during this session (no device, a lost one, a kernel error). */
  matricesFallbackReason?: string;
  /** Threads of onnxruntime's WASM runtime (scoring, and the model on WASM): 1 unless the page is cross-origin isolated. */
  wasmThreads?: number;
  /** Why the runtime runs one thread although the page could run more (e.g. the server's headers). */
  wasmThreadsReason?: string;
}

/**
 * Progress events. Model-file download events are forwarded as transformers.js sends them
 * (status initiate/download/progress/done/ready with file, loaded, total); the engine adds its own.
 */
export type ProgressEvent =
  | { status: 'initiate' | 'download' | 'progress' | 'done' | 'ready'; file?: string; name?: string; loaded?: number; total?: number; progress?: number }
  | { status: 'stage'; stage: string; message: string }
  | { status: 'work'; stage: string; done: number; total: number };

export type ProgressCallback = (event: ProgressEvent) => void;

/** Stage of the event sent when similarity matrices move from the GPU to the CPU (LoadedModel.matricesFallbackReason). */
export const MATRICES_FALLBACK_STAGE = 'matrices-fallback';

export interface Matrix {
  rows: number;
  cols: number;
  /** Row-major rows × cols cosine similarities. */
  values: Float32Array;
}

export interface Hit {
  /** ESCO URI, or the 0-based line number of a user-given list. */
  id: string;
  score: number;
  /** Rank-fusion parts, when hybrid. */
  dense?: number;
  lexical?: number;
  /** Indexes into the analysed text's segments that matched this hit best, strongest first. */
  evidence?: number[];
}

export interface Segment {
  text: string;
  start: number;
  end: number;
}

export interface TextAnalysis {
  segments: Segment[];
  occupations: Hit[];
  skills: Hit[];
}

/** ESCO details for display, in the requested language where ESCO has it (else English). */
export interface EscoEntry {
  id: string;
  label: string;
  /** Language the label is actually in. */
  lang: Lang;
  description: string;
  /** ESCO portal page. */
  url: string;
  /** Occupations: ISCO-08 code and group label. */
  isco?: { code: string; label: string };
  /** Skills: "skill/competence" or "knowledge"; reuse level. */
  skillType?: string;
  reuseLevel?: string;
  /** Occupations: URIs of essential and optional skills. */
  essentialSkills?: string[];
  optionalSkills?: string[];
}

/** Deployment settings of the worker (set once, before loading a model). */
export interface EngineConfig {
  /** Where model packages live; default `<app base>/models/`. */
  modelBaseUrl?: string;
  /** Keep model files in the engine's own Cache API store (off when a service worker caches them). */
  cacheModelFiles?: boolean;
  /**
   * onnxruntime's WASM threads: 'auto' (default) uses every core up to 4 when the page is
   * cross-origin isolated and ort/ is on the worker's origin, else 1 (engine/runtime/threads.ts).
   */
  numThreads?: number | 'auto';
}

export interface MatcherApi {
  configure?(config: EngineConfig): Promise<void>;
  describe(ids: string[], target: Target, lang: Lang): Promise<EscoEntry[]>;
  listModels(): Promise<ModelEntry[]>;
  loadModel(id: string, options: { device?: DeviceChoice }, onProgress?: ProgressCallback): Promise<LoadedModel>;
  embed(texts: string[], options: { role: Role; jobId?: string }, onProgress?: ProgressCallback): Promise<Float32Array>;
  similarityMatrix(
    a: string[],
    b: string[] | { target: Target },
    options: { jobId?: string },
    onProgress?: ProgressCallback,
  ): Promise<Matrix>;
  search(
    queries: string[],
    options: { target: Target; k: number; lang?: Lang; mode?: SearchMode; jobId?: string },
    onProgress?: ProgressCallback,
  ): Promise<Hit[][]>;
  analyzeText(
    text: string,
    options: { k: number; lang?: Lang; mode?: SearchMode; jobId?: string },
    onProgress?: ProgressCallback,
  ): Promise<TextAnalysis>;
  /** The language `search` searches each of these queries in when it is given none. */
  detectLanguages(queries: string[]): Promise<Lang[]>;
  cancel(jobId: string): void;
}
