import { describe, expect, it } from 'vitest';
import { CEILING_FLOPS_PER_ITER, ceilingExpected, ceilingWasm, ceilingWat } from './wasmCeiling';

const A = 1 - 2 ** -24;
const B = 2 ** -20;

/** Runs both kernels here (vitest.config.ts turns relaxed SIMD on where Node needs a flag for it). */
async function runKernels(bytes: Uint8Array<ArrayBuffer>, iters: number[]): Promise<Record<'fma' | 'mulAdd', number[]>> {
  const { instance } = await WebAssembly.instantiate(bytes);
  const k = instance.exports as Record<'fma' | 'mulAdd', (iters: number, a: number, b: number) => number>;
  return { fma: iters.map((n) => k.fma(n, A, B)), mulAdd: iters.map((n) => k.mulAdd(n, A, B)) };
}

describe('WASM SIMD ceiling kernels', () => {
  it('do exactly the float32 arithmetic they are credited with, for every iteration', async () => {
    const iters = [1, 1000, 5000];
    const got = await runKernels(await ceilingWasm(), iters);
    for (const kernel of ['fma', 'mulAdd'] as const) {
      expect(got[kernel]).toEqual(iters.map((n) => ceilingExpected(kernel, n, A, B)));
    }
    // More iterations, another result: the loop is not cut short.
    expect(new Set(got.fma).size).toBe(3);
    expect(new Set(got.mulAdd).size).toBe(3);
  });

  it('count the operations the loop body really has', () => {
    const wat = ceilingWat();
    const fmaBody = wat.slice(wat.indexOf('"fma"'), wat.indexOf('"mulAdd"'));
    const mulAddBody = wat.slice(wat.indexOf('"mulAdd"'));
    const count = (text: string, op: string) => text.split(op).length - 1;
    // relaxed_madd: 4 lanes × (multiply + add); mul and add: 4 lanes each. Splats and lane extracts are outside the loop.
    expect(count(fmaBody, 'f32x4.relaxed_madd') * 8).toBe(CEILING_FLOPS_PER_ITER.fma);
    expect((count(mulAddBody, 'f32x4.mul') + count(mulAddBody, 'f32x4.add')) * 4).toBe(CEILING_FLOPS_PER_ITER.mulAdd);
  });
});
