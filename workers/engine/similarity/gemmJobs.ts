/**
 * One parallel job of the relaxed-SIMD product (wasmGemm.ts): a list of items that the calling
 * thread and its helper workers (gemmHelper.worker.ts) take one at a time from a shared counter,
 * so a thread the OS holds back takes fewer items instead of holding up the job. The job's
 * description is a block of int32s at the start of the shared memory.
 */

/** The exports of the kernel (tools/wasm/gemm-kernel.ts). */
export interface GemmExports {
  gemm(aPack: number, bPack: number, c: number, p0: number, p1: number, q0: number, q1: number, dPad: number, ldc: number): void;
  pack(src: number, dst: number, count: number, d: number, dPad: number, width: number, panel0: number, panel1: number): void;
}

/** Slots of the control block (int32 indexes from byte 0 of the memory). */
export const CTL = {
  /** Bumped to start a job; helpers sleep on it. */
  generation: 0,
  /** The next item to take. */
  next: 1,
  /** Items finished; the caller sleeps on it. */
  done: 2,
  total: 3,
  kind: 4,
  /** Job parameters from here on (see JobKind). */
  params: 5,
} as const;

/** Bytes the control block takes (the kernel's data starts after it). */
export const CONTROL_BYTES = 256;

export const JobKind = {
  /** params: src, dst, count, d, dPad, width, panels, panelsPerItem. */
  pack: 1,
  /** params: aPack, bPack, c, p0, p1, bPanels, dPad, ldc, bPanelsPerItem. */
  gemm: 2,
} as const;

/** Takes items of the current job until none are left; returns how many this thread did. */
export function runItems(kernel: GemmExports, ctl: Int32Array): number {
  let count = 0;
  for (;;) {
    const total = Atomics.load(ctl, CTL.total);
    const item = Atomics.add(ctl, CTL.next, 1);
    if (item >= total) return count;
    const p = (i: number) => Atomics.load(ctl, CTL.params + i);
    if (Atomics.load(ctl, CTL.kind) === JobKind.pack) {
      const first = item * p(7);
      kernel.pack(p(0), p(1), p(2), p(3), p(4), p(5), first, Math.min(p(6), first + p(7)));
    } else {
      const first = item * p(8);
      kernel.gemm(p(0), p(1), p(2), p(3), p(4), first, Math.min(p(5), first + p(8)), p(6), p(7));
    }
    count++;
    if (Atomics.add(ctl, CTL.done, 1) + 1 === total) Atomics.notify(ctl, CTL.done);
  }
}
