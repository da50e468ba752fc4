/**
 * Test page for the engine in a real browser: the matcher worker behind the app's typed bridge,
 * pointed at the packed fixture models (tests/fixtures/models/), plus the WebGPU cosine kernel
 * run on the page itself. Playwright drives it through `window.engine`.
 */
import * as Comlink from 'comlink';
import { createMatcherClient } from '../../src/matcher/bridge';
import type { EmbeddingApi } from '../../workers/engine-api/embedding';
import { cosineMatrix } from '../../workers/engine/similarity/cosine';
import { gpuCosineChunks } from '../../workers/engine/similarity/webgpu';
import { isSoftwareAdapter } from '../../workers/engine/backend/device';

const params = new URLSearchParams(location.search);
const modelBaseUrl = params.get('models') ?? '/tests/fixtures/models/';
/** ?threads=N sets onnxruntime's WASM threads; without it the engine decides ('auto'). */
const numThreads = params.has('threads') ? Number(params.get('threads')) : undefined;

let worker: Worker | null = null;
const client = createMatcherClient({
  idleMs: Infinity,
  createWorker: () => {
    worker = new Worker(new URL('../../workers/matcher.worker.ts', import.meta.url), { type: 'module' });
    // Queued before any call the bridge makes, so the worker reads fixture packages from the start.
    void Comlink.wrap<Pick<EmbeddingApi, 'configure'>>(worker).configure({ modelBaseUrl, ...(numThreads ? { numThreads } : {}) });
    return worker;
  },
});

/**
 * Runs the WGSL kernel (in chunks of `chunkRows` rows of A when given) and the JS product on the
 * same random rows; returns the largest difference.
 */
async function gpuKernelCheck(na: number, nb: number, dim: number, chunkRows?: number): Promise<{ adapter: string; software: boolean; chunks: number; maxDiff: number } | null> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) return null;
  const device = await adapter.requestDevice();
  let seed = 1;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const a = Float32Array.from({ length: na * dim }, rand);
  const b = Float32Array.from({ length: nb * dim }, rand);
  const gpu = new Float32Array(na * nb);
  let chunks = 0;
  await gpuCosineChunks(device, a, na, b, nb, dim, (chunk) => {
    gpu.set(chunk.values, chunk.rowStart * nb);
    chunks++;
  }, chunkRows);
  const js = cosineMatrix(a, na, b, nb, dim);
  let maxDiff = 0;
  for (let i = 0; i < js.length; i++) maxDiff = Math.max(maxDiff, Math.abs(js[i] - gpu[i]));
  device.destroy();
  return { adapter: `${adapter.info?.vendor ?? ''} ${adapter.info?.architecture ?? ''}`.trim(), software: isSoftwareAdapter(adapter), chunks, maxDiff };
}

declare global {
  interface Window {
    engine: {
      client: typeof client;
      gpuKernelCheck: typeof gpuKernelCheck;
      fetchJson: (path: string) => Promise<unknown>;
      modelBaseUrl: string;
    };
  }
}

window.engine = {
  client,
  gpuKernelCheck,
  fetchJson: async (path) => (await fetch(new URL(path, new URL(modelBaseUrl, location.href)))).json(),
  modelBaseUrl,
};
document.getElementById('status')!.textContent = 'ready';
