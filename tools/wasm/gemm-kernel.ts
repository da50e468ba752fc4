/**
 * The engine's relaxed-SIMD matrix-product kernel (C = A·Bᵀ), written as WebAssembly text here and
 * held by the engine as base64 (workers/engine/similarity/gemmKernel.ts, written by
 * `npx tsx tools/wasm/gemm-kernel.ts`; tests/wasm/gemm-kernel.test.ts checks that the two stay
 * identical). onnxruntime-web's WASM build has no relaxed SIMD, so its MatMul pays a multiply and
 * an add where the CPU has one fused multiply-add: the bench's WASM ceiling (docs/BENCHMARKS.md)
 * measured the fused rate 1.5–1.7× the separate one on this machine.
 *
 * The GotoBLAS layout, reduced to what 128-bit WASM needs:
 *   - both sides are packed into panels, k-major: GEMM_ROWS rows of A (or GEMM_COLS rows of B) side
 *     by side for each k, zero-padded to a whole panel and to a multiple of GEMM_K_STEP in k;
 *   - a 6×8 tile of C lives in 12 v128 registers (+ 2 of B and 1 broadcast of A: 15, what V8 gives
 *     a function on x64) while k runs, so each k costs 2 vector loads, 6 broadcast loads, 12 FMAs;
 *   - the k loop is unrolled by GEMM_K_STEP with constant offsets, so the scalar overhead (pointer
 *     bumps, the loop test, V8's interrupt check) is paid once per 48 FMAs;
 *   - `gemm` walks one block of A's panels against a range of B's panels, B panel outermost, so a B
 *     panel (d × 8 floats: 8 KB at d = 256, 24 KB at 768) stays in L1 while the block's A panels
 *     stream from L2.
 * Measured in headless Chromium on this 2-core machine (tmp prototypes, 1000 × 13,896 × 768):
 * 6×8 ≈ 4×8 > 5×8; unrolling by 4 ≈ 8 > 2; blocking k (C reloaded per k block) was slower.
 *
 * Two builds: one importing a shared memory (a worker pool computes in it) and one a plain memory
 * (one thread, where SharedArrayBuffer is unavailable); the code is the same.
 */
import wabtInit from 'wabt';

export const GEMM_ROWS = 6;
export const GEMM_COLS = 8;
export const GEMM_K_STEP = 4;

export function gemmWat(shared: boolean): string {
  const MR = GEMM_ROWS;
  const U = GEMM_K_STEP;
  const acc = (r: number, v: number) => `$c${r}_${v}`;
  const accs: string[] = [];
  for (let r = 0; r < MR; r++) for (let v = 0; v < 2; v++) accs.push(acc(r, v));
  const step: string[] = [];
  for (let u = 0; u < U; u++) {
    step.push(`(local.set $b0 (v128.load offset=${u * 32} (local.get $bp)))`);
    step.push(`(local.set $b1 (v128.load offset=${u * 32 + 16} (local.get $bp)))`);
    for (let r = 0; r < MR; r++) {
      step.push(`(local.set $a (v128.load32_splat offset=${(u * MR + r) * 4} (local.get $ap)))`);
      for (let v = 0; v < 2; v++) step.push(`(local.set ${acc(r, v)} (f32x4.relaxed_madd (local.get $a) (local.get $b${v}) (local.get ${acc(r, v)})))`);
    }
  }
  const stores: string[] = [];
  for (let r = 0; r < MR; r++) {
    if (r > 0) stores.push(`(local.set $cp (i32.add (local.get $cp) (local.get $ldc)))`);
    for (let v = 0; v < 2; v++) stores.push(`(v128.store offset=${v * 16} (local.get $cp) (local.get ${acc(r, v)}))`);
  }
  // $panel8: rows p0..p7 of the panel, each a pointer moving 16 bytes (4 floats of k) per step.
  const rows = Array.from({ length: 8 }, (_, r) => r);
  const lanes = (x: number[]) => x.flatMap((f) => [0, 1, 2, 3].map((b) => f * 4 + b)).join(' ');
  const shuffle = (x: string, y: string, floats: number[]) => `(i8x16.shuffle ${lanes(floats)} (local.get ${x}) (local.get ${y}))`;
  const transpose: string[] = [];
  for (const half of [0, 1]) {
    const [a, b, c, d] = [0, 1, 2, 3].map((i) => `$v${half * 4 + i}`);
    transpose.push(`(local.set $t0 ${shuffle(a, b, [0, 4, 1, 5])})`, `(local.set $t1 ${shuffle(a, b, [2, 6, 3, 7])})`);
    transpose.push(`(local.set $t2 ${shuffle(c, d, [0, 4, 1, 5])})`, `(local.set $t3 ${shuffle(c, d, [2, 6, 3, 7])})`);
    // k = j of rows half·4 … half·4+3 → columns half·4 … of output row k (32 bytes a k).
    transpose.push(`(v128.store offset=${0 * 32 + half * 16} (local.get $to) ${shuffle('$t0', '$t2', [0, 1, 4, 5])})`);
    transpose.push(`(v128.store offset=${1 * 32 + half * 16} (local.get $to) ${shuffle('$t0', '$t2', [2, 3, 6, 7])})`);
    transpose.push(`(v128.store offset=${2 * 32 + half * 16} (local.get $to) ${shuffle('$t1', '$t3', [0, 1, 4, 5])})`);
    transpose.push(`(v128.store offset=${3 * 32 + half * 16} (local.get $to) ${shuffle('$t1', '$t3', [2, 3, 6, 7])})`);
  }
  const ROW_LOCALS = rows.map((r) => `(local $p${r} i32) (local $v${r} v128)`).join(' ');
  const ROW_POINTERS = rows.slice(1).map((r) => `(local.set $p${r} (i32.add (local.get $p${r - 1}) (local.get $d4)))`).join(' ');
  const ROW_LOADS = rows.map((r) => `(local.set $v${r} (v128.load (local.get $p${r})))`).join(' ');
  const POINTER_BUMPS = rows.map((r) => `(local.set $p${r} (i32.add (local.get $p${r}) (i32.const 16)))`).join(' ');
  const TRANSPOSE = transpose.join('\n      ');
  return `(module
  (import "env" "memory" (memory 1 32768${shared ? ' shared' : ''}))

  ;; One ${MR}×8 tile of C: A panel at $ap (dPad × ${MR}), B panel at $bp (dPad × 8), C at $cp with row stride $ldc bytes.
  (func $tile (param $ap i32) (param $bp i32) (param $cp i32) (param $dPad i32) (param $ldc i32)
    (local $end i32) (local $a v128) (local $b0 v128) (local $b1 v128) ${accs.map((a) => `(local ${a} v128)`).join(' ')}
    (local.set $end (i32.add (local.get $bp) (i32.shl (local.get $dPad) (i32.const 5))))
    (loop $k
      ${step.join('\n      ')}
      (local.set $ap (i32.add (local.get $ap) (i32.const ${U * MR * 4})))
      (local.set $bp (i32.add (local.get $bp) (i32.const ${U * 32})))
      (br_if $k (i32.lt_u (local.get $bp) (local.get $end))))
    ${stores.join('\n    ')})

  ;; C[rows of A panels p0..p1, columns of B panels q0..q1] for packed A at $aPack and B at $bPack;
  ;; C is row-major with row stride $ldc bytes, its column 0 at $c.
  (func (export "gemm") (param $aPack i32) (param $bPack i32) (param $c i32) (param $p0 i32) (param $p1 i32) (param $q0 i32) (param $q1 i32) (param $dPad i32) (param $ldc i32)
    (local $q i32) (local $p i32) (local $aStride i32) (local $bStride i32)
    (local.set $aStride (i32.mul (local.get $dPad) (i32.const ${MR * 4})))
    (local.set $bStride (i32.shl (local.get $dPad) (i32.const 5)))
    (local.set $q (local.get $q0))
    (block $done (loop $cols
      (br_if $done (i32.ge_u (local.get $q) (local.get $q1)))
      (local.set $p (local.get $p0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $p) (local.get $p1)))
        (call $tile
          (i32.add (local.get $aPack) (i32.mul (local.get $p) (local.get $aStride)))
          (i32.add (local.get $bPack) (i32.mul (local.get $q) (local.get $bStride)))
          (i32.add (local.get $c) (i32.add (i32.mul (i32.mul (local.get $p) (i32.const ${MR})) (local.get $ldc)) (i32.shl (local.get $q) (i32.const 5))))
          (local.get $dPad) (local.get $ldc))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rows)))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $cols))))

  ;; One full panel of 8 rows, d a multiple of 4, by 4×4 transposes: 8 row loads, 16 shuffles and
  ;; 8 stores per 4 k, instead of 32 scalar copies with strided stores (the scalar loop below).
  (func $panel8 (param $src i32) (param $to i32) (param $d i32)
    ${ROW_LOCALS} (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128) (local $end i32) (local $d4 i32)
    (local.set $d4 (i32.shl (local.get $d) (i32.const 2)))
    (local.set $p0 (local.get $src))
    ${ROW_POINTERS}
    (local.set $end (i32.add (local.get $src) (local.get $d4)))
    (loop $k
      ${ROW_LOADS}
      ${TRANSPOSE}
      ${POINTER_BUMPS}
      (local.set $to (i32.add (local.get $to) (i32.const 128)))
      (br_if $k (i32.lt_u (local.get $p0) (local.get $end)))))

  ;; Packs row-major rows (count × d floats at $src) into panels $panel0..$panel1 of $width rows each,
  ;; k-major, at $dst: dst[(panel·dPad + k)·width + r] = src[(panel·width + r)·d + k], zero beyond
  ;; the last row and beyond d.
  (func (export "pack") (param $src i32) (param $dst i32) (param $count i32) (param $d i32) (param $dPad i32) (param $width i32) (param $panel0 i32) (param $panel1 i32)
    (local $p i32) (local $r i32) (local $row i32) (local $k i32) (local $from i32) (local $to i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $width) (i32.const 2)))
    (local.set $p (local.get $panel0))
    (block $done (loop $panels
      (br_if $done (i32.ge_u (local.get $p) (local.get $panel1)))
      (local.set $r (i32.const 0))
      (if (i32.and (i32.and (i32.eq (local.get $width) (i32.const 8)) (i32.eqz (i32.and (local.get $d) (i32.const 3))))
                   (i32.le_u (i32.mul (i32.add (local.get $p) (i32.const 1)) (i32.const 8)) (local.get $count)))
        (then
          (call $panel8
            (i32.add (local.get $src) (i32.shl (i32.mul (i32.mul (local.get $p) (i32.const 8)) (local.get $d)) (i32.const 2)))
            (i32.add (local.get $dst) (i32.shl (i32.mul (i32.mul (local.get $p) (local.get $dPad)) (i32.const 8)) (i32.const 2)))
            (local.get $d))
          (local.set $r (local.get $width))))
      (if (i32.lt_u (local.get $r) (local.get $width)) (then (loop $rows
        (local.set $row (i32.add (i32.mul (local.get $p) (local.get $width)) (local.get $r)))
        ;; to = where (k = 0, row r) of this panel goes; each k moves it by width floats
        (local.set $to (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (i32.mul (local.get $p) (local.get $dPad)) (local.get $width)) (local.get $r)) (i32.const 2))))
        (local.set $k (i32.const 0))
        (if (i32.lt_u (local.get $row) (local.get $count))
          (then
            (local.set $from (i32.add (local.get $src) (i32.shl (i32.mul (local.get $row) (local.get $d)) (i32.const 2))))
            (block $copied (loop $copy
              (br_if $copied (i32.ge_u (local.get $k) (local.get $d)))
              (f32.store (local.get $to) (f32.load (local.get $from)))
              (local.set $from (i32.add (local.get $from) (i32.const 4)))
              (local.set $to (i32.add (local.get $to) (local.get $stride)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $copy)))))
        (block $zeroed (loop $zero
          (br_if $zeroed (i32.ge_u (local.get $k) (local.get $dPad)))
          (f32.store (local.get $to) (f32.const 0))
          (local.set $to (i32.add (local.get $to) (local.get $stride)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $zero)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $rows (i32.lt_u (local.get $r) (local.get $width))))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $panels))))
)
`;
}

/**
 * gemmWat(shared) compiled with wabt (threads and relaxed SIMD enabled). wabt.js 1.0.39's validator
 * rejects every shared memory even with `threads` on, so it validates the plain build, whose code
 * is the same; tests/wasm/gemm-kernel.test.ts compiles both in V8.
 */
export async function gemmWasm(shared: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('gemm.wat', gemmWat(shared), { simd: true, relaxed_simd: true, threads: true });
  try {
    if (!shared) module.validate();
    const { buffer } = module.toBinary({});
    return new Uint8Array(buffer);
  } finally {
    module.destroy();
  }
}

export async function gemmKernelModule(): Promise<string> {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return [
    '// Written by `npx tsx tools/wasm/gemm-kernel.ts` (see that file); do not edit by hand.',
    `export const GEMM_ROWS = ${GEMM_ROWS};`,
    `export const GEMM_COLS = ${GEMM_COLS};`,
    `export const GEMM_K_STEP = ${GEMM_K_STEP};`,
    `export const GEMM_KERNEL_SHARED = '${b64(await gemmWasm(true))}';`,
    `export const GEMM_KERNEL_PLAIN = '${b64(await gemmWasm(false))}';`,
    '',
  ].join('\n');
}

if (process.argv[1] && process.argv[1].endsWith('gemm-kernel.ts')) {
  const { writeFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const target = fileURLToPath(new URL('../../workers/engine/similarity/gemmKernel.ts', import.meta.url));
  writeFileSync(target, await gemmKernelModule());
  console.log(`wrote ${target}`);
}
