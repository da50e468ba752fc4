import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { MATRICES_FALLBACK_STAGE, type LoadedModel, type MatcherApi } from '../../workers/api';
import { createMatcherClient, isAbortError } from './bridge';

/**
 * A worker stand-in: the real comlink protocol over a MessageChannel, with an API whose calls
 * wait until the test releases them, so order, cancellation and restarts can be observed.
 */
function fakeWorkers() {
  const log: string[] = [];
  const releases: Array<() => void> = [];
  let created = 0;
  const createWorker = () => {
    created += 1;
    const generation = created;
    const { port1, port2 } = new MessageChannel();
    const cancelled = new Set<string>();
    const api: Partial<MatcherApi> = {
      async loadModel(id) {
        log.push(`w${generation}:load:${id}`);
        return { id, dim: 4, backend: 'wasm', dtype: 'q8' };
      },
      async embed(texts, options) {
        log.push(`w${generation}:start:${texts[0]}`);
        await new Promise<void>((resolve) => releases.push(resolve));
        if (options.jobId && cancelled.has(options.jobId)) {
          log.push(`w${generation}:aborted:${texts[0]}`);
          throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
        }
        log.push(`w${generation}:end:${texts[0]}`);
        return new Float32Array([texts.length]);
      },
      cancel(jobId) {
        log.push(`w${generation}:cancel`);
        cancelled.add(jobId);
      },
    };
    Comlink.expose(api, port2);
    const worker = Object.assign(port1, { terminate: () => { log.push(`w${generation}:terminated`); port1.close(); port2.close(); } });
    return worker as unknown as Worker;
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((r) => setTimeout(r, 5));
    releases.shift()!();
  };
  return { log, createWorker, releaseNext, created: () => created };
}

describe('matcher bridge', () => {
  it('runs calls one after another, in the order they were made', async () => {
    const fake = fakeWorkers();
    const client = createMatcherClient({ createWorker: fake.createWorker, idleMs: Infinity });
    const first = client.embed(['a'], { role: 'query' });
    const second = client.embed(['b'], { role: 'query' });
    await fake.releaseNext();
    await fake.releaseNext();
    await Promise.all([first, second]);
    expect(fake.log).toEqual(['w1:start:a', 'w1:end:a', 'w1:start:b', 'w1:end:b']);
  });

  it('turns an abort into cancel(jobId) for a running call, and never sends a queued one', async () => {
    const fake = fakeWorkers();
    const client = createMatcherClient({ createWorker: fake.createWorker, idleMs: Infinity });
    const running = new AbortController();
    const queued = new AbortController();
    const first = client.embed(['a'], { role: 'query', signal: running.signal });
    const second = client.embed(['b'], { role: 'query', signal: queued.signal });
    const third = client.embed(['c'], { role: 'query' });
    while (!fake.log.includes('w1:start:a')) await new Promise((r) => setTimeout(r, 5));
    running.abort();
    queued.abort();
    await expect(first).rejects.toSatisfy(isAbortError);
    await expect(second).rejects.toSatisfy(isAbortError);
    while (!fake.log.includes('w1:cancel')) await new Promise((r) => setTimeout(r, 5));
    await fake.releaseNext(); // the worker notices the cancel and stops 'a'
    await fake.releaseNext(); // 'c' runs; 'b' never reached the worker
    await third;
    expect(fake.log).toEqual(['w1:start:a', 'w1:cancel', 'w1:aborted:a', 'w1:start:c', 'w1:end:c']);
  });

  it('ends an idle worker and reloads the model in a new one on the next call', async () => {
    const fake = fakeWorkers();
    const client = createMatcherClient({ createWorker: fake.createWorker, idleMs: 20 });
    await client.loadModel('esco-static-v1', { device: 'wasm' });
    await new Promise((r) => setTimeout(r, 80));
    expect(fake.log).toContain('w1:terminated');
    const next = client.embed(['x'], { role: 'query' });
    await fake.releaseNext();
    await next;
    expect(fake.created()).toBe(2);
    expect(fake.log.slice(-3)).toEqual(['w2:load:esco-static-v1', 'w2:start:x', 'w2:end:x']);
    client.terminate();
  });

  it('follows the worker when similarity matrices leave the GPU, so Settings stops saying "graphics card"', async () => {
    const reason = 'the WebGPU device was lost (reset); similarity matrices run on the CPU';
    const createWorker = () => {
      const { port1, port2 } = new MessageChannel();
      const api: Partial<MatcherApi> = {
        async loadModel(id) {
          return { id, dim: 4, backend: 'webgpu', dtype: 'q8', matricesOnGpu: true };
        },
        async similarityMatrix(a, b, _options, onProgress) {
          await onProgress?.({ status: 'stage', stage: MATRICES_FALLBACK_STAGE, message: reason });
          return { rows: a.length, cols: 1, values: new Float32Array(a.length) };
        },
      };
      Comlink.expose(api, port2);
      return Object.assign(port1, { terminate: () => port1.close() }) as unknown as Worker;
    };
    const changes: LoadedModel[] = [];
    const client = createMatcherClient({ createWorker, idleMs: Infinity, onModelChange: (m) => changes.push(m) });
    await client.loadModel('gpu-model', { device: 'webgpu' });
    expect(client.currentModel()?.matricesOnGpu).toBe(true);
    await client.similarityMatrix(['a'], ['b']);
    expect(client.currentModel()?.matricesOnGpu).toBeUndefined();
    expect(client.currentModel()?.matricesFallbackReason).toBe(reason);
    expect(client.currentModel()?.backend).toBe('webgpu'); // only the matrices moved
    expect(changes.map((m) => m.matricesFallbackReason)).toEqual([reason]);
    client.terminate();
  });
});
