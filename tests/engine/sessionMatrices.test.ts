/**
 * Similarity matrices that were to run on the GPU and cannot (no device, a kernel error, a lost
 * device): the user still gets the matrix, from the CPU, and the model record (Settings) stops
 * saying "graphics card" and says why. This machine has no hardware GPU, so the GPU is a stand-in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MATRICES_FALLBACK_STAGE, type LoadedModel, type ProgressEvent } from '../../workers/api';
import { cosineMatrix } from '../../workers/engine/similarity/cosine';
import { randomRows } from './synthetic';

const gpuKernel = vi.hoisted(() => ({ failWith: null as string | null, calls: 0 }));
vi.mock('../../workers/engine/similarity/webgpu', async () => {
  const { cosineMatrix: js } = await import('../../workers/engine/similarity/cosine');
  return {
    gpuCosineMatrix: async (_device: unknown, a: Float32Array, na: number, b: Float32Array, nb: number, dim: number) => {
      gpuKernel.calls++;
      if (gpuKernel.failWith) throw new Error(gpuKernel.failWith);
      return js(a, na, b, nb, dim);
    },
  };
});

const { EngineSession } = await import('../../workers/engine-api/session');

const GPU_MODEL: LoadedModel = { id: 'm', dim: 8, backend: 'webgpu', dtype: 'q8', matricesOnGpu: true } as LoadedModel;

function sessionWith(model: LoadedModel) {
  const session = new EngineSession('http://localhost/workers/matcher.worker.js');
  (session as unknown as { loaded: LoadedModel }).loaded = { ...model };
  const events: ProgressEvent[] = [];
  return { session, events, onProgress: (e: ProgressEvent) => events.push(e) };
}

/** A WebGPU stand-in: one adapter, one device whose `lost` promise the test settles. */
function stubGpu(options: { adapter: boolean }) {
  let loseDevice: (info: { reason: string; message: string }) => void = () => {};
  const device = { destroy: vi.fn(), lost: new Promise((resolve) => (loseDevice = resolve)) };
  const requestAdapter = vi.fn(async () => (options.adapter ? { requestDevice: async () => device } : null));
  vi.stubGlobal('navigator', { gpu: { requestAdapter } });
  return { requestAdapter, lose: (message: string) => loseDevice({ reason: 'unknown', message }) };
}

const na = 70, nb = 80, dim = 8; // 5,600 cells: above the size that goes to the GPU
const a = randomRows(na, dim, 1, true);
const b = randomRows(nb, dim, 2, true);
const expected = cosineMatrix(a, na, b, nb, dim);
const maxDiff = (x: Float32Array) => x.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i])), 0);

describe('similarity matrices when the GPU cannot compute them', () => {
  beforeEach(() => {
    gpuKernel.failWith = null;
    gpuKernel.calls = 0;
  });
  afterEach(() => vi.unstubAllGlobals());

  it('runs on the GPU while it works, and the record keeps saying so', async () => {
    stubGpu({ adapter: true });
    const { session, events, onProgress } = sessionWith(GPU_MODEL);
    const values = await session.cosine(a, na, b, nb, dim, onProgress);
    expect(maxDiff(values)).toBeLessThan(1e-5);
    expect(gpuKernel.calls).toBe(2); // the similarity check, then the matrix
    expect(session.model?.matricesOnGpu).toBe(true);
    expect(events).toEqual([]);
  });

  it('computes on the CPU when no device is available, and says why once', async () => {
    stubGpu({ adapter: false });
    const { session, events, onProgress } = sessionWith(GPU_MODEL);
    const values = await session.cosine(a, na, b, nb, dim, onProgress);
    expect(maxDiff(values)).toBeLessThan(1e-5);
    expect(session.model?.matricesOnGpu).toBeUndefined();
    expect(session.model?.matricesFallbackReason).toMatch(/no WebGPU device.*run on the CPU/);
    expect(events).toEqual([{ status: 'stage', stage: MATRICES_FALLBACK_STAGE, message: session.model?.matricesFallbackReason }]);
    await session.cosine(a, na, b, nb, dim, onProgress);
    expect(events).toHaveLength(1);
  });

  it('falls back to the CPU when the kernel fails, and does not try the GPU again', async () => {
    stubGpu({ adapter: true });
    const { session, events, onProgress } = sessionWith(GPU_MODEL);
    await session.cosine(a, na, b, nb, dim, onProgress);
    gpuKernel.failWith = 'Device is lost';
    const values = await session.cosine(a, na, b, nb, dim, onProgress);
    expect(maxDiff(values)).toBeLessThan(1e-5);
    expect(session.model?.matricesFallbackReason).toContain('WebGPU failed on a similarity matrix (Device is lost)');
    expect(session.model?.matricesOnGpu).toBeUndefined();
    const callsAfterFailure = gpuKernel.calls;
    await session.cosine(a, na, b, nb, dim, onProgress);
    expect(gpuKernel.calls).toBe(callsAfterFailure);
    expect(events.filter((e) => e.status === 'stage' && e.stage === MATRICES_FALLBACK_STAGE)).toHaveLength(1);
  });

  it('notices a device lost between two matrices and names the reason', async () => {
    const gpu = stubGpu({ adapter: true });
    const { session, onProgress } = sessionWith(GPU_MODEL);
    await session.cosine(a, na, b, nb, dim, onProgress);
    gpu.lose('the driver was reset');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const calls = gpuKernel.calls;
    const values = await session.cosine(a, na, b, nb, dim, onProgress);
    expect(maxDiff(values)).toBeLessThan(1e-5);
    expect(gpuKernel.calls).toBe(calls);
    expect(session.model?.matricesFallbackReason).toContain('the WebGPU device was lost (the driver was reset)');
  });

  it('keeps small matrices on the CPU without asking for a device', async () => {
    const gpu = stubGpu({ adapter: true });
    const { session, events, onProgress } = sessionWith(GPU_MODEL);
    const small = await session.cosine(a.subarray(0, 10 * dim), 10, b.subarray(0, 10 * dim), 10, dim, onProgress);
    expect(small[0]).toBeCloseTo(expected[0], 5);
    expect(gpu.requestAdapter).not.toHaveBeenCalled();
    expect(session.model?.matricesOnGpu).toBe(true);
    expect(events).toEqual([]);
  });
});
