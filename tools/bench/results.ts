// The shape of bench/results.json: everything the report is written from.
import type { MachineInfo } from './machine';
import type { SgemmResult } from './sgemm';
import type { Summary } from './stats';
import type { CeilingFigure } from './workloads/ceiling';
import type { ColdFigure } from './workloads/coldStart';
import type { EmbeddingResults, StageProfile } from './workloads/embedding';
import type { SearchResults } from './workloads/search';
import type { SimilarityFigure } from './workloads/similarity';

export interface Bar {
  name: string;
  target: string;
  measured: string;
  /** null when the figure could not be measured in this run. */
  pass: boolean | null;
  basis: string;
  /** A WebGPU figure held against a WASM bar for reference: the brief's bars are for WASM. */
  beside?: boolean;
}

export interface BenchResults {
  meta: {
    startedAt: string;
    finishedAt: string;
    durationS: number;
    quick: boolean;
    machine: MachineInfo;
    browser: { name: string; version: string; args: string[] };
    page: { crossOriginIsolated: boolean; hardwareConcurrency: number; wasmThreads: number; gpu: { vendor: string; architecture: string; description: string } | null };
    /**
     * 1-minute load average before and after each section (above the core count, other processes
     * competed for the CPU), and the share of CPU time the hypervisor took for other guests meanwhile
     * (steal, tools/bench/steal.ts; absent off Linux).
     */
    load: { section: string; before: number; after: number; stealPct?: number }[];
    notes: string[];
  };
  sgemm: SgemmResult;
  embedding: EmbeddingResults | null;
  speedups: { model: string; backend: string; dtype: string; batchSize: number; engine: Summary; baseline: Summary; ratio: number }[];
  profiles: StageProfile[];
  search: SearchResults | null;
  similarity: { figures: SimilarityFigure[]; errors: { shape: string; path: string; error: string }[] } | null;
  /** The WASM SIMD ceiling: register-only kernels on one worker and on every core (tools/bench/wasmCeiling.ts). */
  wasmCeiling: { figures: CeilingFigure[]; errors: { kernel: string; workers: number; error: string }[] } | null;
  coldStart: { figures: ColdFigure[]; errors: { backend: string; error: string }[] } | null;
  appShell: { ok: boolean; loadMs?: Summary; bytes?: number; error?: string } | null;
  bars: Bar[];
}
