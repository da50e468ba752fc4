import { describe, expect, it } from 'vitest';
import { wasmThreadCount, type ThreadEnvironment } from '../../workers/engine/runtime/threads';

const app: ThreadEnvironment = { crossOriginIsolated: true, cores: 8, workerOrigin: 'https://app.example', runtimeOrigin: 'https://app.example' };

describe('wasmThreadCount', () => {
  it("'auto' uses every core up to onnxruntime's cap of 4 on an isolated page", () => {
    expect(wasmThreadCount('auto', { ...app, cores: 2 })).toBe(2);
    expect(wasmThreadCount('auto', app)).toBe(4);
    expect(wasmThreadCount('auto', { ...app, cores: 1 })).toBe(1);
  });

  it('runs one thread without SharedArrayBuffer (page not cross-origin isolated)', () => {
    expect(wasmThreadCount('auto', { ...app, crossOriginIsolated: false })).toBe(1);
    expect(wasmThreadCount(4, { ...app, crossOriginIsolated: false })).toBe(1);
  });

  it('runs one thread when the runtime is on another origin (the widget on a host page)', () => {
    expect(wasmThreadCount('auto', { ...app, workerOrigin: 'https://host.example' })).toBe(1);
  });

  it('clamps an explicit number to the cores and the cap', () => {
    expect(wasmThreadCount(1, app)).toBe(1);
    expect(wasmThreadCount(3, { ...app, cores: 2 })).toBe(2);
    expect(wasmThreadCount(16, app)).toBe(4);
    expect(wasmThreadCount(0, app)).toBe(1);
    expect(wasmThreadCount(Number.NaN, app)).toBe(1);
  });

  it('survives a missing hardwareConcurrency', () => {
    expect(wasmThreadCount('auto', { ...app, cores: 0 })).toBe(1);
  });
});
