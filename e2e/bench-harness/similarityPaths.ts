// The engine's similarity paths as the app's worker calls them (workers/engine-api/session.ts):
// the relaxed-SIMD kernel on a worker pool (the app's CPU path where the browser has relaxed SIMD),
// onnxruntime's WASM MatMul (the CPU path elsewhere), the blocked JavaScript product (the fallback
// of both), and the WGSL kernel on a WebGPU device.
import { configureWebRuntime, loadOrtBuild, webRuntimeThreads } from '../../workers/engine/embed/onnx';
import { cosineMatrix } from '../../workers/engine/similarity/cosine';
import { OrtProduct, transposeRows } from '../../workers/engine/similarity/ortProduct';
import { WasmGemm } from '../../workers/engine/similarity/wasmGemm';
import { gpuCosineMatrix } from '../../workers/engine/similarity/webgpu';
import { currentThreadEnvironment, wasmThreadCount } from '../../workers/engine/runtime/threads';

export interface SimilarityPath {
  name: 'engine-wasm' | 'onnxruntime-wasm' | 'engine-js' | 'engine-webgpu';
  /** CPU threads the path runs on, where it decides them (onnxruntime-web's WASM threads). */
  threads?: number;
  /** Row-major n×m similarities of unit rows a (n×d) and b (m×d). */
  run(a: Float32Array, b: Float32Array, n: number, m: number, d: number): Promise<Float32Array>;
}

let gpuDevice: Promise<GPUDevice | null> | null = null;

function device(): Promise<GPUDevice | null> {
  gpuDevice ??= (async () => {
    const adapter = await (self.navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
    if (!adapter) return null;
    // The big shape needs more than the default 128 MiB binding: ask for what the adapter has.
    return adapter.requestDevice({
      requiredLimits: {
        maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
        maxBufferSize: adapter.limits.maxBufferSize,
      },
    });
  })();
  return gpuDevice;
}

export async function similarityPaths(): Promise<SimilarityPath[]> {
  const paths: SimilarityPath[] = [];
  // The runtime the app scores with on a WASM device (the WASM-only build), on the threads the
  // app's rule gives this page (engine/runtime/threads.ts: every core up to 4 when isolated). This
  // page's onnxruntime-web has not started yet when the similarity workload runs (run.ts opens a
  // fresh page before it), so these settings take effect.
  const ortBaseUrl = `${self.location.origin}/ort/`;
  configureWebRuntime({ ortBaseUrl, numThreads: wasmThreadCount('auto', currentThreadEnvironment(ortBaseUrl)) });
  let threads = 1;
  try {
    const ort = await loadOrtBuild('wasm');
    threads = (await webRuntimeThreads()).threads;
    const product = await OrtProduct.create(ort);
    // The transpose of b is timed too: for a user's list the app makes it on every call.
    paths.push({ name: 'onnxruntime-wasm', threads, run: (a, b, n, m, d) => product.multiply(a, n, transposeRows(b, m, d)) });
  } catch (error) {
    console.error(`onnxruntime-wasm path unavailable: ${error instanceof Error ? error.message : error}`);
  }
  try {
    // On as many threads as onnxruntime got, as the app's scorer does (search/denseScorer.ts:
    // browserGemm). Copying and packing both sides is timed too, as the transpose is above.
    const gemm = await WasmGemm.create({ threads });
    paths.push({ name: 'engine-wasm', threads: gemm.threads, run: (a, b, n, m, d) => gemm.multiply(a, n, b, m, d) });
  } catch (error) {
    console.error(`engine-wasm path unavailable: ${error instanceof Error ? error.message : error}`);
  }
  paths.push({ name: 'engine-js', run: async (a, b, n, m, d) => cosineMatrix(a, n, b, m, d) });
  const gpu = await device();
  if (gpu) paths.push({ name: 'engine-webgpu', run: (a, b, n, m, d) => gpuCosineMatrix(gpu, a, n, b, m, d) });
  return paths;
}
