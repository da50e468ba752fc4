/**
 * How many threads onnxruntime-web's WASM build runs on (search scoring, similarity matrices and a
 * model on a WASM device). Its threads are workers started from the runtime's .mjs that share one
 * WebAssembly memory, so they need:
 * - SharedArrayBuffer, i.e. a cross-origin-isolated page (COOP + COEP headers);
 * - the .mjs on the worker's own origin: a worker script cannot come from another origin (the
 *   widget's worker runs on the host page's origin and reads ort/ from the app's).
 * The server must also send COEP with the .mjs itself, or Chromium refuses the thread workers:
 * threadScript.ts checks that before onnxruntime starts (docs/DEPLOY.md).
 */
export type ThreadSetting = number | 'auto';

/** The most threads onnxruntime-web's own default ever picks; more were not measured here. */
export const MAX_WASM_THREADS = 4;

export interface ThreadEnvironment {
  crossOriginIsolated: boolean;
  /** navigator.hardwareConcurrency. */
  cores: number;
  /** The worker's origin and the origin of the runtime files (ort/). */
  workerOrigin: string;
  runtimeOrigin: string;
}

/**
 * 'auto' takes every core up to MAX_WASM_THREADS. onnxruntime's own default takes half the cores
 * (assuming hyper-threads), which is 1 on the 2-core machine here; there 2 threads ran the scoring
 * MatMul 1.5–1.7× as fast as 1 (bench worker, 1000×1000×256 and 1000×13896×768, same period),
 * so every core it is. A number is clamped to what can run.
 */
export function wasmThreadCount(setting: ThreadSetting, env: ThreadEnvironment): number {
  if (!env.crossOriginIsolated || env.workerOrigin !== env.runtimeOrigin) return 1;
  const cores = Math.max(1, Math.floor(env.cores) || 1);
  const wanted = setting === 'auto' ? cores : Math.floor(setting) || 1;
  return Math.max(1, Math.min(wanted, cores, MAX_WASM_THREADS));
}

/** The environment of the calling worker or page. */
export function currentThreadEnvironment(runtimeBaseUrl: string): ThreadEnvironment {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number }; location?: { origin?: string } };
  return {
    crossOriginIsolated: g.crossOriginIsolated === true,
    cores: g.navigator?.hardwareConcurrency ?? 1,
    workerOrigin: g.location?.origin ?? '',
    runtimeOrigin: new URL(runtimeBaseUrl).origin,
  };
}
