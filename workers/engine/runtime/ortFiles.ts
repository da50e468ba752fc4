/**
 * The two onnxruntime-web builds the app self-hosts under ort/ (vite.config.ts serves and precaches
 * them; the worker points onnxruntime at them). WebGPU needs the asyncify build (27 MB); WASM alone
 * runs on the plain build (14 MB), whose smaller functions V8 compiles in about half the time:
 * measured in the cold-start bench, 0.38 s instead of 0.79 s of lazy WASM compilation on the worker
 * thread while the runtime starts.
 */
export type OrtBuild = 'webgpu' | 'wasm';

export const ORT_BUILD_FILES: Record<OrtBuild, { mjs: string; wasm: string }> = {
  webgpu: { mjs: 'ort-wasm-simd-threaded.asyncify.mjs', wasm: 'ort-wasm-simd-threaded.asyncify.wasm' },
  wasm: { mjs: 'ort-wasm-simd-threaded.mjs', wasm: 'ort-wasm-simd-threaded.wasm' },
};

/** Every file of both builds, as served under ort/. */
export const ORT_FILES: string[] = Object.values(ORT_BUILD_FILES).flatMap((f) => [f.mjs, f.wasm]);
