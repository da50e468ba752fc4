import type { env as transformersEnv } from '@huggingface/transformers';

export interface RuntimeSettings {
  /** Folder (Node path or URL string ending in /) that holds model packages, one subfolder per model id. */
  localModelPath: string;
  /** Whether transformers.js may fetch from the Hugging Face hub; off unless a deployer enables it. */
  allowRemoteModels: boolean;
  /** Self-hosted onnxruntime-web runtime files (browser only). */
  wasmPaths?: { mjs: string; wasm: string };
  /** WASM threads; only more than 1 when the page is cross-origin isolated. */
  numThreads?: number;
  /** Cache model files in the browser's Cache API. */
  useBrowserCache?: boolean;
}

/**
 * The one place transformers.js is configured where it loads models itself: Node tools and the
 * bench's pipeline baseline. The app's worker reads model files itself (embed/embedder.ts).
 */
export function configureTransformers(env: typeof transformersEnv, settings: RuntimeSettings): void {
  env.allowLocalModels = true;
  env.localModelPath = settings.localModelPath;
  env.allowRemoteModels = settings.allowRemoteModels;
  if (settings.useBrowserCache !== undefined) env.useBrowserCache = settings.useBrowserCache;
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    if (settings.wasmPaths) wasm.wasmPaths = settings.wasmPaths;
    if (settings.numThreads !== undefined) wasm.numThreads = settings.numThreads;
  }
}
