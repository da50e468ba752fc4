// The WASM SIMD ceiling of this CPU and browser: a kernel that does nothing but 128-bit float
// arithmetic on values held in registers (no loads, no stores), so its GFLOP/s is the most any
// WASM matrix multiply can reach here. The bench runs it on every core beside the similarity
// paths; the ratio of that ceiling to the native sgemm peak is what the ≥ 25 % bar is up against.
//
// Two kernels: `fma` (relaxed SIMD f32x4.relaxed_madd, a fused multiply-add where the CPU has one:
// 1.7× the mulAdd rate on one worker here) — the best case for a hand-written kernel — and `mulAdd`
// (separate f32x4.mul and f32x4.add) — what onnxruntime-web's build, which has no relaxed SIMD,
// can use. Each runs independent chains so that instruction throughput, not latency, limits it;
// chains start from different values so the compiler cannot merge them.
import wabtInit from 'wabt';

export type CeilingKernel = 'fma' | 'mulAdd';

/** Independent accumulator chains: ≥ 8 covers FMA latency 4 × 2 ports; 10 + 2 operands fit V8's 16 xmm registers. */
export const CEILING_CHAINS = 10;

/** Floating-point operations per loop iteration of each kernel (4 lanes per f32x4 instruction). */
export const CEILING_FLOPS_PER_ITER: Record<CeilingKernel, number> = {
  fma: CEILING_CHAINS * 4 * 2,
  mulAdd: CEILING_CHAINS * 4,
};

function kernel(name: CeilingKernel): string {
  const chains = Array.from({ length: CEILING_CHAINS }, (_, i) => i);
  const locals = chains.map((i) => `(local $c${i} v128)`).join(' ');
  const init = chains.map((i) => `(local.set $c${i} (f32x4.splat (f32.const ${i + 1})))`).join('\n    ');
  // fma: c = a·b + c. mulAdd: even chains c = c·a, odd chains c = c + b (a mul and an add per pair).
  const step = chains
    .map((i) => {
      const c = `(local.get $c${i})`;
      if (name === 'fma') return `(local.set $c${i} (f32x4.relaxed_madd (local.get $a) (local.get $b) ${c}))`;
      return i % 2 === 0 ? `(local.set $c${i} (f32x4.mul ${c} (local.get $a)))` : `(local.set $c${i} (f32x4.add ${c} (local.get $b)))`;
    })
    .join('\n      ');
  const sum = chains.reduce((acc, i) => (i === 0 ? `(f32x4.extract_lane 0 (local.get $c0))` : `(f32.add ${acc} (f32x4.extract_lane 0 (local.get $c${i})))`), '');
  return `
  (func (export "${name}") (param $iters i32) (param $sa f32) (param $sb f32) (result f32)
    (local $a v128) (local $b v128) ${locals}
    (local.set $a (f32x4.splat (local.get $sa)))
    (local.set $b (f32x4.splat (local.get $sb)))
    ${init}
    (loop $next
      ${step}
      (br_if $next (local.tee $iters (i32.sub (local.get $iters) (i32.const 1)))))
    ${sum})`;
}

/** The WebAssembly text of both kernels: `fma(iters, a, b)` and `mulAdd(iters, a, b)`, each returning the sum of the chains' first lanes. */
export function ceilingWat(): string {
  return `(module${kernel('fma')}${kernel('mulAdd')}\n)\n`;
}

/** Compiles ceilingWat() with wabt (relaxed SIMD enabled) into a validated binary module. */
export async function ceilingWasm(): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('wasm-ceiling.wat', ceilingWat(), { simd: true, relaxed_simd: true });
  try {
    module.validate();
    // Our own copy, typed as a plain ArrayBuffer view (what WebAssembly.instantiate accepts).
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}

/**
 * What the kernel must return, computed in JavaScript with float32 rounding after every operation
 * (Math.fround; a·b of two float32 values is exact in a double, so the FMA's single rounding is
 * reproduced): the check that the timed loop really does the work it is credited with.
 */
export function ceilingExpected(name: CeilingKernel, iters: number, a: number, b: number): number {
  const c = Array.from({ length: CEILING_CHAINS }, (_, i) => i + 1);
  const fa = Math.fround(a);
  const fb = Math.fround(b);
  for (let t = 0; t < iters; t++) {
    for (let i = 0; i < CEILING_CHAINS; i++) {
      if (name === 'fma') c[i] = Math.fround(fa * fb + c[i]);
      else c[i] = i % 2 === 0 ? Math.fround(c[i] * fa) : Math.fround(c[i] + fb);
    }
  }
  return c.reduce((acc, x) => Math.fround(acc + x), 0);
}
