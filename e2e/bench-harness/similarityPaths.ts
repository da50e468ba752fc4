// The engine's similarity paths as the app's worker calls them (workers/engine-api/session.ts):
// the blocked JavaScript/WASM-side product, and the WGSL kernel on a WebGPU device.
import { cosineMatrix } from '../../workers/engine/similarity/cosine';
import { gpuCosineMatrix } from '../../workers/engine/similarity/webgpu';

export interface SimilarityPath {
  name: 'engine-js' | 'engine-webgpu';
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
  const paths: SimilarityPath[] = [{ name: 'engine-js', run: async (a, b, n, m, d) => cosineMatrix(a, n, b, m, d) }];
  const gpu = await device();
  if (gpu) paths.push({ name: 'engine-webgpu', run: (a, b, n, m, d) => gpuCosineMatrix(gpu, a, n, b, m, d) });
  return paths;
}
