/**
 * C = A·Bᵀ on the engine's own relaxed-SIMD kernel (tools/wasm/gemm-kernel.ts), on this thread plus
 * helper workers sharing one WebAssembly memory. onnxruntime-web's MatMul is the path where the
 * browser has no relaxed SIMD; this one does the same product with fused multiply-adds, which its
 * build cannot use. Measured in the bench (docs/BENCHMARKS.md, 1000 × 13,896 × 768).
 *
 * One product: both sides are copied into the memory, packed into panels by all threads (one job),
 * then multiplied one block of A's rows at a time (a job each: items are ranges of B's panels);
 * between blocks the caller's `onChunk` runs (cancel). Right-hand sides used again (a search
 * index) are packed once and kept (KeptRows).
 */
import { GEMM_COLS, GEMM_K_STEP, GEMM_KERNEL_PLAIN, GEMM_KERNEL_SHARED, GEMM_ROWS } from './gemmKernel';
import { CONTROL_BYTES, CTL, JobKind, runItems, type GemmExports } from './gemmJobs';
import { relaxedSimdSupported } from './relaxedSimd';
import { decodeBase64 } from './base64';

/**
 * A right-hand side used again and again (a search index): packed on first use and kept under
 * `key`, so later products skip the copy and the packing.
 */
export interface KeptRows {
  key: object;
  /** Row-major `count` × `dim`, scaled per row by `rowScale` where given (int8 rows). */
  rows: ArrayLike<number>;
  rowScale?: ArrayLike<number>;
}

/** A right-hand side packed in the kernel's memory. */
interface PackedRows {
  count: number;
  dim: number;
  /** Byte offset of the panels, and the number of panels (GEMM_COLS rows each). */
  offset: number;
  panels: number;
}

export type HelperSpawner = () => Worker;

const PAGE = 65536;
const MAX_PAGES = 32768; // 2 GiB: the kernel's addresses are i32
/** Bytes of A one block may hold (its panels are re-read from L2 for every B panel: 2 MB here). */
const A_BLOCK_BYTES = 768 * 1024;
/**
 * B panels per item of a gemm job: at most 128 columns (≈ 2 ms at d = 768, the most a thread may
 * wait for the other at the end of a block), fewer when that leaves < 4 items a thread.
 */
const MAX_B_PANELS_PER_ITEM = 16;
/** Blocks of A a product is cut into at least (see multiplyNow). */
const MIN_BLOCKS = 4;
/** Panels per item of a pack job. */
const PACK_PANELS_PER_ITEM = 64;
/** A helper that has not started by then is left out. */
const HELPER_START_MS = 5000;
/** A job with no progress for this long has lost a thread: the product fails (the caller falls back). */
const STALL_MS = 10_000;
/** Right-hand sides kept at once; one more drops them all (they are packed again on use). */
const MAX_KEPT = 8;

const align = (n: number, to = 64) => Math.ceil(n / to) * to;
const paddedDim = (dim: number) => Math.ceil(dim / GEMM_K_STEP) * GEMM_K_STEP;
/** Bytes of `count` rows packed into panels of `width` rows. */
const packedBytes = (count: number, dim: number, width: number) => Math.ceil(count / width) * width * paddedDim(dim) * 4;

/** The default helper: a module worker from this folder (bundled by Vite); none where workers are not available. */
export function defaultHelperSpawner(): HelperSpawner | null {
  if (typeof Worker === 'undefined') return null;
  return () => new Worker(new URL('./gemmHelper.worker.ts', import.meta.url), { type: 'module' });
}

export class WasmGemm {
  private kept = new Map<object, PackedRows>();
  /** End of the kept right-hand sides; a product's scratch space starts here. */
  private keptTop: number;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly kernel: GemmExports,
    private readonly memory: WebAssembly.Memory,
    private readonly helpers: Worker[],
  ) {
    this.keptTop = CONTROL_BYTES;
  }

  /**
   * The kernel on this thread plus up to `threads − 1` helpers (only where SharedArrayBuffer is
   * available, i.e. a cross-origin-isolated page, and workers can start). Rejects where relaxed
   * SIMD is not supported.
   */
  static async create(options: { threads?: number; spawn?: HelperSpawner | null } = {}): Promise<WasmGemm> {
    if (!relaxedSimdSupported()) throw new Error('this browser has no WebAssembly relaxed SIMD');
    const spawn = options.spawn === undefined ? defaultHelperSpawner() : options.spawn;
    const wantHelpers = Math.max(0, Math.floor(options.threads ?? 1) - 1);
    const shared = wantHelpers > 0 && !!spawn && typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
    const module = await WebAssembly.compile(decodeBase64(shared ? GEMM_KERNEL_SHARED : GEMM_KERNEL_PLAIN));
    const memory = new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, ...(shared ? { shared: true } : {}) });
    const instance = await WebAssembly.instantiate(module, { env: { memory } });
    const helpers = shared ? await startHelpers(spawn!, wantHelpers, module, memory) : [];
    return new WasmGemm(instance.exports as unknown as GemmExports, memory, helpers);
  }

  /** Threads a product runs on (this one and the helpers that started). */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /**
   * a (na × dim, row-major) · bᵀ where b is `nb` row-major rows of `dim` floats, or rows kept
   * between calls: na × nb, row-major. `onChunk` runs between blocks of rows (throw there to cancel).
   */
  multiply(a: Float32Array, na: number, b: Float32Array | KeptRows, nb: number, dim: number, onChunk?: () => Promise<void>): Promise<Float32Array> {
    return this.serial(() => this.multiplyNow(a, na, b instanceof Float32Array ? b : this.keep(b, nb, dim), nb, dim, onChunk));
  }

  release(): void {
    for (const helper of this.helpers) helper.terminate();
    this.helpers.length = 0;
    this.kept.clear();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  /** The packed copy of kept rows, packing them on first use. */
  private keep({ key, rows, rowScale }: KeptRows, count: number, dim: number): PackedRows {
    const known = this.kept.get(key);
    if (known && known.count === count && known.dim === dim) return known;
    if (rows.length !== count * dim) throw new Error(`matrix product: kept rows have ${rows.length} values, expected ${count}×${dim}`);
    if (this.kept.size >= MAX_KEPT) {
      this.kept.clear();
      this.keptTop = CONTROL_BYTES;
    }
    const packed = { count, dim, offset: align(this.keptTop), panels: Math.ceil(count / GEMM_COLS) };
    const staging = align(packed.offset + packedBytes(count, dim, GEMM_COLS));
    this.ensure(staging + count * dim * 4);
    this.stageAndPack(rows, count, dim, GEMM_COLS, packed.offset, staging, rowScale);
    this.keptTop = packed.offset + packedBytes(count, dim, GEMM_COLS);
    this.kept.set(key, packed);
    return packed;
  }

  private async multiplyNow(a: Float32Array, na: number, b: Float32Array | PackedRows, nb: number, dim: number, onChunk?: () => Promise<void>): Promise<Float32Array> {
    if (a.length !== na * dim) throw new Error(`matrix product: a has ${a.length} values, expected ${na}×${dim}`);
    if (na === 0 || nb === 0) return new Float32Array(na * nb);
    const dPad = paddedDim(dim);
    let top = this.keptTop;
    const take = (bytes: number) => {
      const at = align(top);
      top = at + bytes;
      return at;
    };
    // Rows of b given now are packed for this product only, into scratch space; kept ones already are.
    const freshB = b instanceof Float32Array ? b : null;
    if (freshB && freshB.length !== nb * dim) throw new Error(`matrix product: b has ${freshB.length} values, expected ${nb}×${dim}`);
    const packedB: PackedRows = freshB ? { count: nb, dim, offset: take(packedBytes(nb, dim, GEMM_COLS)), panels: Math.ceil(nb / GEMM_COLS) } : (b as PackedRows);
    const bStaging = freshB ? take(nb * dim * 4) : 0;
    const aPanels = Math.ceil(na / GEMM_ROWS);
    const aPack = take(packedBytes(na, dim, GEMM_ROWS));
    const aStaging = take(na * dim * 4);
    const ldc = packedB.panels * GEMM_COLS; // floats per row of C
    // Blocks of A as even as the L2 budget allows (two of 84 panels, not 128 and 40), and at least
    // MIN_BLOCKS: only the last block's copy into the result runs with no helper computing beside it.
    const blocks = Math.min(aPanels, Math.max(MIN_BLOCKS, Math.ceil(aPanels / Math.max(1, Math.floor(A_BLOCK_BYTES / (dPad * GEMM_ROWS * 4))))));
    const blockPanels = Math.ceil(aPanels / blocks);
    const bPanelsPerItem = Math.max(1, Math.min(MAX_B_PANELS_PER_ITEM, Math.ceil(packedB.panels / (4 * this.threads))));
    // Two buffers for C: this thread copies one block out while the helpers start on the next.
    const blockBytes = blockPanels * GEMM_ROWS * ldc * 4;
    const cBuffers = [take(blockBytes), take(blockBytes)];
    this.ensure(top);

    if (freshB) this.stageAndPack(freshB, nb, dim, GEMM_COLS, packedB.offset, bStaging);
    this.stageAndPack(a, na, dim, GEMM_ROWS, aPack, aStaging);

    let out: Float32Array | null = null;
    const copyOut = (p0: number, p1: number, c: number) => {
      const view = new Float32Array(this.memory.buffer, c, blockPanels * GEMM_ROWS * ldc);
      const firstRow = p0 * GEMM_ROWS;
      const lastRow = Math.min(na, p1 * GEMM_ROWS);
      for (let r = firstRow; r < lastRow; r++) out!.set(view.subarray((r - firstRow) * ldc, (r - firstRow) * ldc + nb), r * nb);
    };
    let previous: [number, number, number] | null = null;
    for (let p0 = 0, block = 0; p0 < aPanels; p0 += blockPanels, block++) {
      if (p0 > 0) await onChunk?.();
      const p1 = Math.min(aPanels, p0 + blockPanels);
      const c = cBuffers[block % 2];
      // The kernel addresses C by panel index: shift the base so this block's first row lands at c.
      const cBase = c - p0 * GEMM_ROWS * ldc * 4;
      this.startJob(JobKind.gemm, Math.ceil(packedB.panels / bPanelsPerItem), [aPack, packedB.offset, cBase, p0, p1, packedB.panels, dPad, ldc * 4, bPanelsPerItem]);
      // While the helpers compute: the result's allocation (first block) or the last block's copy.
      out ??= new Float32Array(na * nb);
      if (previous) copyOut(...previous);
      this.finishJob();
      previous = [p0, p1, c];
    }
    copyOut(...previous!);
    return out!;
  }

  /**
   * Copies row-major rows (scaled per row where `rowScale` is given) to `staging`, then packs them
   * on every thread into panels of `width` rows at `packed`.
   */
  private stageAndPack(rows: ArrayLike<number>, count: number, dim: number, width: number, packed: number, staging: number, rowScale?: ArrayLike<number>): void {
    const view = new Float32Array(this.memory.buffer, staging, count * dim);
    if (rowScale) {
      for (let r = 0; r < count; r++) {
        const s = rowScale[r];
        for (let j = 0, o = r * dim; j < dim; j++) view[o + j] = rows[o + j] * s;
      }
    } else view.set(rows);
    const panels = Math.ceil(count / width);
    this.startJob(JobKind.pack, Math.ceil(panels / PACK_PANELS_PER_ITEM), [staging, packed, count, dim, paddedDim(dim), width, panels, PACK_PANELS_PER_ITEM]);
    this.finishJob();
  }

  private control(): Int32Array {
    return new Int32Array(this.memory.buffer, 0, CONTROL_BYTES / 4);
  }

  /** Opens a job's items to the helpers (they start at once); finishJob has this thread join in. */
  private startJob(kind: number, total: number, params: number[]): void {
    const ctl = this.control();
    // Order matters for a helper still leaving the last job: `done` is reset before `next` opens
    // the new items (gemmJobs.ts), and the generation bump wakes the sleeping ones.
    Atomics.store(ctl, CTL.done, 0);
    Atomics.store(ctl, CTL.kind, kind);
    params.forEach((v, i) => Atomics.store(ctl, CTL.params + i, v));
    Atomics.store(ctl, CTL.total, total);
    Atomics.store(ctl, CTL.next, 0);
    if (this.helpers.length) {
      Atomics.add(ctl, CTL.generation, 1);
      Atomics.notify(ctl, CTL.generation);
    }
  }

  /** Takes the job's remaining items on this thread, then waits until every item is done. */
  private finishJob(): void {
    const ctl = this.control();
    const total = Atomics.load(ctl, CTL.total);
    runItems(this.kernel, ctl);
    let done = Atomics.load(ctl, CTL.done);
    let since = performance.now();
    while (done < total) {
      Atomics.wait(ctl, CTL.done, done, 50);
      const now = Atomics.load(ctl, CTL.done);
      if (now !== done) since = performance.now();
      else if (performance.now() - since > STALL_MS) throw new Error('matrix product: a helper thread stopped');
      done = now;
    }
  }

  /** Grows the memory to hold `bytes`. */
  private ensure(bytes: number): void {
    const pages = Math.ceil(bytes / PAGE);
    const have = this.memory.buffer.byteLength / PAGE;
    if (pages > MAX_PAGES) throw new Error(`matrix product: needs ${(bytes / 2 ** 30).toFixed(1)} GiB, more than the 2 GiB the kernel addresses`);
    if (pages > have) this.memory.grow(pages - have);
  }
}

async function startHelpers(spawn: HelperSpawner, count: number, module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<Worker[]> {
  const started = await Promise.all(
    Array.from({ length: count }, () => {
      let worker: Worker;
      try {
        worker = spawn();
      } catch {
        return null; // e.g. a worker script from another origin
      }
      return new Promise<Worker | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), HELPER_START_MS);
        worker.onmessage = () => {
          clearTimeout(timer);
          resolve(worker);
        };
        worker.onerror = () => {
          clearTimeout(timer);
          resolve(null);
        };
        worker.postMessage({ module, memory });
      }).then((w) => {
        if (!w) worker.terminate();
        return w;
      });
    }),
  );
  return started.filter((w): w is Worker => w !== null);
}
