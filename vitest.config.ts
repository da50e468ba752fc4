import { defineConfig } from 'vitest/config';

// Unit tests run in Node: the engine modules are pure TypeScript and use onnxruntime-node there.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'workers/**/*.test.ts', 'tools/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
