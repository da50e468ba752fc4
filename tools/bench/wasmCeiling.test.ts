import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CEILING_FLOPS_PER_ITER, ceilingExpected, ceilingWasm, ceilingWat } from './wasmCeiling';

const A = 1 - 2 ** -24;
const B = 2 ** -20;

/** Runs both kernels in Node; Node 20 needs a V8 flag for relaxed SIMD (Chromium has it on). */
function runKernels(bytes: Uint8Array<ArrayBuffer>, iters: number[]): Record<'fma' | 'mulAdd', number[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'ceiling-')), 'k.wasm');
  writeFileSync(file, bytes);
  const script = `WebAssembly.instantiate(require('fs').readFileSync(${JSON.stringify(file)})).then(({ instance: { exports: k } }) =>
    console.log(JSON.stringify({ fma: ${JSON.stringify(iters)}.map((n) => k.fma(n, ${A}, ${B})), mulAdd: ${JSON.stringify(iters)}.map((n) => k.mulAdd(n, ${A}, ${B})) })))`;
  const flags = WebAssembly.validate(bytes) ? [] : ['--experimental-wasm-relaxed-simd'];
  const r = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<'fma' | 'mulAdd', number[]>;
}

describe('WASM SIMD ceiling kernels', () => {
  it('do exactly the float32 arithmetic they are credited with, for every iteration', async () => {
    const iters = [1, 1000, 5000];
    const got = runKernels(await ceilingWasm(), iters);
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
