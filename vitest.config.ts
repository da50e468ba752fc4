import { defineConfig } from 'vitest/config';
import { relaxedSimdSupported } from './workers/engine/similarity/relaxedSimd.ts';

// Unit tests run in Node: the engine modules are pure TypeScript and use onnxruntime-node there.
// Node 20 runs relaxed SIMD only behind a V8 flag, which the tests of the engine's relaxed-SIMD
// kernel (workers/engine/similarity/wasmGemm.ts) need.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'workers/**/*.test.ts', 'tools/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    execArgv: relaxedSimdSupported() ? [] : ['--experimental-wasm-relaxed-simd'],
  },
});
