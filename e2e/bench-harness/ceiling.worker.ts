// One core's share of the WASM SIMD ceiling (tools/bench/wasmCeiling.ts): instantiates the
// register-only kernels and runs them on request. The page starts one of these per core.
import { expose } from 'comlink';

type Kernel = 'fma' | 'mulAdd';
type KernelFn = (iters: number, a: number, b: number) => number;

let kernels: Record<Kernel, KernelFn> | null = null;

function kernel(name: Kernel): KernelFn {
  if (!kernels) throw new Error('ceiling worker: load() first');
  return kernels[name];
}

const api = {
  async load(url: string): Promise<void> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const { instance } = await WebAssembly.instantiate(await response.arrayBuffer());
    kernels = instance.exports as unknown as Record<Kernel, KernelFn>;
  },

  /** The kernel's result for `iters` iterations (the caller checks it against ceilingExpected). */
  value(name: Kernel, iters: number, a: number, b: number): number {
    return kernel(name)(iters, a, b);
  },

  /**
   * Short calls for `ms` milliseconds, yielding now and then: V8 first runs WASM functions in its
   * baseline compiler and swaps in optimized code for later calls (a running call is never
   * replaced), so the timed calls must come after this.
   */
  async warm(name: Kernel, ms: number, a: number, b: number): Promise<void> {
    const fn = kernel(name);
    const end = performance.now() + ms;
    while (performance.now() < end) {
      for (let i = 0; i < 20; i++) fn(10_000, a, b);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  },

  /** One timed call: milliseconds for `iters` iterations. */
  time(name: Kernel, iters: number, a: number, b: number): number {
    const fn = kernel(name);
    const t0 = performance.now();
    fn(iters, a, b);
    return performance.now() - t0;
  },
};

export type CeilingWorkerApi = typeof api;
expose(api);
