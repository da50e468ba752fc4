import { describe, expect, it } from 'vitest';
import { GEMM_COLS, GEMM_K_STEP, GEMM_KERNEL_PLAIN, GEMM_KERNEL_SHARED, GEMM_ROWS } from '../../workers/engine/similarity/gemmKernel';
import { GEMM_COLS as COLS, GEMM_K_STEP as K_STEP, GEMM_ROWS as ROWS, gemmWasm, gemmWat } from '../../tools/wasm/gemm-kernel';

describe('the relaxed-SIMD kernel held by the engine', () => {
  it('is what tools/wasm/gemm-kernel.ts builds (re-run it after changing the kernel)', async () => {
    expect(GEMM_KERNEL_SHARED).toBe(Buffer.from(await gemmWasm(true)).toString('base64'));
    expect(GEMM_KERNEL_PLAIN).toBe(Buffer.from(await gemmWasm(false)).toString('base64'));
    expect([GEMM_ROWS, GEMM_COLS, GEMM_K_STEP]).toEqual([ROWS, COLS, K_STEP]);
  });

  it('compiles in V8, the shared build on a shared memory only', async () => {
    const decode = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
    const shared = await WebAssembly.compile(decode(GEMM_KERNEL_SHARED));
    const plain = await WebAssembly.compile(decode(GEMM_KERNEL_PLAIN));
    const sharedMemory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
    const plainMemory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    await expect(WebAssembly.instantiate(shared, { env: { memory: sharedMemory } })).resolves.toBeDefined();
    await expect(WebAssembly.instantiate(plain, { env: { memory: plainMemory } })).resolves.toBeDefined();
    await expect(WebAssembly.instantiate(shared, { env: { memory: plainMemory } })).rejects.toThrow();
  });

  it('does one fused multiply-add per register of the tile and k, and nothing else in its loop', () => {
    const wat = gemmWat(false);
    const tile = wat.slice(wat.indexOf('(func $tile'), wat.indexOf('(func (export "gemm")'));
    const count = (op: string) => tile.split(op).length - 1;
    expect(count('f32x4.relaxed_madd')).toBe(ROWS * (COLS / 4) * K_STEP);
    expect(count('v128.load32_splat')).toBe(ROWS * K_STEP);
    expect(count('f32x4.mul') + count('f32x4.add')).toBe(0);
  });
});
