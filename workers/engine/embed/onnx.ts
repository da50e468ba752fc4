import { ORT_BUILD_FILES, type OrtBuild } from '../runtime/ortFiles';
import { threadScriptProblem } from '../runtime/threadScript';

/**
 * The slice of onnxruntime the engine uses, typed structurally so the same code runs on
 * onnxruntime-node (Node tools, tests) and onnxruntime-web (the worker): the caller passes its module.
 *
 * Why sessions are created here and not through transformers.js' AutoModel: transformers.js v4.3
 * (web build) chains every session creation and every run on one module-level promise
 * (`webInitChain` / `webInferenceChain`) that is never reset, so one corrupt .onnx file or one
 * failed WebGPU run makes every later load and run in that worker fail with the same error — which
 * would defeat the WebGPU → WASM fallback. transformers.js still provides the tokenizer.
 */
export interface OrtTensor {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
  dispose?(): void;
}

export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}

export interface OrtModule {
  InferenceSession: { create(model: Uint8Array | string, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: {
    new (type: 'int64', data: BigInt64Array, dims: readonly number[]): OrtTensor;
    new (type: 'float32', data: Float32Array, dims: readonly number[]): OrtTensor;
  };
}

/** onnxruntime execution provider for each engine device. */
export function executionProviders(device: 'webgpu' | 'wasm' | 'cpu'): string[] {
  return [device];
}

/** True under Node (tools, tests), false in a browser page or worker. */
export function isNodeRuntime(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; document?: unknown; importScripts?: unknown };
  return !!g.process?.versions?.node && g.document === undefined && g.importScripts === undefined;
}

/** The CPU execution provider of the current runtime: native MLAS in Node, WASM (SIMD) in a browser. */
export function cpuExecutionProvider(): 'cpu' | 'wasm' {
  return isNodeRuntime() ? 'cpu' : 'wasm';
}

/** Where a browser's onnxruntime-web builds find their files, and how many threads they may use. */
export interface WebRuntimeSettings {
  /** The folder (URL ending in /) that serves ORT_BUILD_FILES. */
  ortBaseUrl: string;
  numThreads: number;
}

let webSettings: WebRuntimeSettings | null = null;
const webBuilds = new Map<OrtBuild, Promise<OrtModule>>();
let nodeRuntime: Promise<OrtModule> | null = null;

/** The threads a build runs on: the configured number, or 1 with the reason when they cannot start. */
export interface RuntimeThreads {
  threads: number;
  reason?: string;
}
/** The threads each loaded build was started with, decided once when it loads. */
const buildThreads = new Map<OrtBuild, Promise<RuntimeThreads>>();

/** Threads for a build under the current settings (runtime/threadScript.ts checks that they can start). */
function decideThreads(build: OrtBuild): Promise<RuntimeThreads> {
  const settings = webSettings;
  if (!settings || settings.numThreads <= 1) return Promise.resolve({ threads: 1 });
  const mjsUrl = new URL(ORT_BUILD_FILES[build].mjs, settings.ortBaseUrl).href;
  return threadScriptProblem(mjsUrl).then((reason) => {
    if (!reason) return { threads: settings.numThreads };
    console.warn(`onnxruntime runs on one thread: ${reason}`);
    return { threads: 1, reason };
  });
}

interface WasmEnv {
  env?: { wasm?: { wasmPaths?: unknown; numThreads?: number } };
}

function applyWebSettings(ort: OrtModule, build: OrtBuild, numThreads: number): void {
  const wasm = (ort as WasmEnv).env?.wasm;
  if (!wasm || !webSettings) return;
  const files = ORT_BUILD_FILES[build];
  const wasmUrl = new URL(files.wasm, webSettings.ortBaseUrl).href;
  // One thread: the bundle's own copy of the Emscripten glue runs the .wasm, so naming only the
  // .wasm saves fetching the separate .mjs before the .wasm download can start (~0.1 s of a cold
  // start). Threads need the .mjs as a URL, to start their workers from.
  wasm.wasmPaths = numThreads > 1 ? { mjs: new URL(files.mjs, webSettings.ortBaseUrl).href, wasm: wasmUrl } : { wasm: wasmUrl };
  wasm.numThreads = numThreads;
}

/** Sets where the browser builds load their WASM from (applied to builds already loaded as well). */
export function configureWebRuntime(settings: WebRuntimeSettings): void {
  webSettings = settings;
  // A loaded build keeps the threads it was started with (onnxruntime reads them once, at start).
  for (const [build, ort] of webBuilds) void Promise.all([ort, buildThreads.get(build)!]).then(([m, t]) => applyWebSettings(m, build, t.threads), () => {});
}

/**
 * One onnxruntime-web build, loaded once and pointed at its self-hosted files (the bench picks
 * builds itself). The thread check runs beside the import of the runtime's JavaScript.
 */
export function loadOrtBuild(build: OrtBuild): Promise<OrtModule> {
  let ort = webBuilds.get(build);
  if (!ort) {
    const runtime = build === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web/wasm');
    const threads = decideThreads(build);
    buildThreads.set(build, threads);
    ort = Promise.all([runtime, threads]).then(([m, t]) => {
      const module = m as unknown as OrtModule;
      applyWebSettings(module, build, t.threads);
      return module;
    });
    webBuilds.set(build, ort);
  }
  return ort;
}

/** The threads of the browser runtime in use (the WebGPU build once loaded, else the WASM one; 1 before any loads). */
export function webRuntimeThreads(): Promise<RuntimeThreads> {
  return buildThreads.get(webBuilds.has('webgpu') ? 'webgpu' : 'wasm') ?? Promise.resolve({ threads: 1 });
}

/**
 * The onnxruntime for a device: onnxruntime-node under Node (the name hidden from bundlers, so the
 * worker bundle never tries to include a native addon); in a browser the WebGPU build for WebGPU,
 * and for WASM the plain build, unless the WebGPU build is already running (it runs WASM too, and
 * a second runtime would cost its download, start-up and memory again).
 */
export function ortRuntimeFor(device: 'webgpu' | 'wasm' | 'cpu'): Promise<OrtModule> {
  if (isNodeRuntime()) {
    const name = 'onnxruntime-node';
    nodeRuntime ??= import(/* @vite-ignore */ name).then((m) => m as unknown as OrtModule);
    return nodeRuntime;
  }
  return loadOrtBuild(device === 'webgpu' || webBuilds.has('webgpu') ? 'webgpu' : 'wasm');
}

/** The runtime already in use (for scoring and other WASM work), or the one WASM needs. */
export function defaultOrtModule(): Promise<OrtModule> {
  return ortRuntimeFor('wasm');
}
