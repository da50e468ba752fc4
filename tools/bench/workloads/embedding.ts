// Workloads 1 and 2: embedding throughput of our engine per model × backend × dtype × text set ×
// batch size, and the transformers.js pipeline baseline (one text per call) on the same model.
import type { Page } from 'playwright-core';
import { ratePerSecond, type Summary } from '../stats';
import { callBench } from './call';

export type TextSet = 'titles' | 'segments64' | 'segments256';
export type Backend = 'wasm' | 'webgpu';

export interface ModelPlan {
  /** URL path of the model folder, relative to the origin. */
  path: string;
  label: string;
  /** dtypes to run; undefined = the recipe's choice for the device. */
  dtypes: (string | undefined)[];
  /** Per text set: how many texts one run embeds, and which batch sizes. */
  sets: Partial<Record<TextSet, { count: number; batchSizes: number[] }>>;
  /** Backends to run this model on (default: all the run's backends). */
  backends?: Backend[];
  /** Smaller sets for WebGPU, where SwiftShader makes big models ~10× slower than WASM. */
  webgpuSets?: ModelPlan['sets'];
  reps: number;
  /** Texts for the per-text pipeline baseline (titles), and its repetitions. */
  baseline?: { count: number; reps: number; maxSeconds: number };
  /** Seconds one model × backend × dtype may take; configurations left when it runs out are skipped and listed. */
  budgetS: number;
}

export interface EmbedFigure {
  model: string;
  backend: Backend;
  dtype: string;
  textSet: TextSet;
  meanTokens: number;
  batchSize: number;
  texts: number;
  textsPerSec: Summary;
}

export interface BaselineFigure {
  model: string;
  backend: Backend;
  dtype: string;
  textSet: TextSet;
  texts: number;
  textsPerSec: Summary;
}

export interface EmbedError {
  model: string;
  backend: Backend;
  dtype: string;
  stage: string;
  error: string;
}

export interface EmbeddingResults {
  figures: EmbedFigure[];
  baselines: BaselineFigure[];
  errors: EmbedError[];
  loadMs: { model: string; backend: Backend; dtype: string; ms: number }[];
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
}

export async function runEmbedding(page: Page, plans: ModelPlan[], backends: Backend[], log: (m: string) => void): Promise<EmbeddingResults> {
  const out: EmbeddingResults = { figures: [], baselines: [], errors: [], loadMs: [] };
  const tokenCache = new Map<string, number>();
  for (const plan of plans) {
    for (const set of Object.keys(plan.sets) as TextSet[]) {
      const key = `${plan.path}|${set}`;
      try {
        tokenCache.set(key, await callBench(page, 'meanTokens', plan.path, set, 64));
      } catch (error) {
        out.errors.push({ model: plan.label, backend: 'wasm', dtype: '-', stage: 'tokenizer', error: errorText(error) });
      }
    }
    for (const backend of backends.filter((b) => !plan.backends || plan.backends.includes(b))) {
      for (const requested of plan.dtypes) {
        let dtype = requested ?? 'recipe default';
        try {
          const loaded = await callBench(page, 'load', plan.path, backend, requested as string);
          dtype = loaded.dtype;
          out.loadMs.push({ model: plan.label, backend, dtype, ms: loaded.loadMs });
          log(`  ${plan.label} ${backend} ${dtype}: loaded in ${(loaded.loadMs / 1000).toFixed(1)} s`);
        } catch (error) {
          out.errors.push({ model: plan.label, backend, dtype, stage: 'load', error: errorText(error) });
          log(`  ${plan.label} ${backend} ${dtype}: load failed: ${errorText(error)}`);
          continue;
        }
        const started = Date.now();
        const sets = (backend === 'webgpu' && plan.webgpuSets) || plan.sets;
        const configs = Object.values(sets).reduce((a, spec) => a + spec.batchSizes.length, 0);
        let done = 0;
        for (const [set, spec] of Object.entries(sets) as [TextSet, { count: number; batchSizes: number[] }][]) {
          for (const batchSize of spec.batchSizes) {
            // Each configuration gets a fair share of what is left of the budget (at least 8 s).
            const left = plan.budgetS - (Date.now() - started) / 1000;
            const share = Math.max(8, left / (configs - done++));
            if (left <= 0) {
              out.errors.push({ model: plan.label, backend, dtype, stage: `${set} batch ${batchSize}`, error: `skipped: over the ${plan.budgetS} s time budget` });
              log(`    ${set} batch ${batchSize}: skipped (time budget)`);
              continue;
            }
            try {
              const r = await callBench(page, 'embedRuns', set, spec.count, batchSize, plan.reps, share);
              const fig: EmbedFigure = {
                model: plan.label, backend, dtype, textSet: set, meanTokens: tokenCache.get(`${plan.path}|${set}`) ?? NaN,
                batchSize, texts: r.count, textsPerSec: ratePerSecond(r.runsMs, r.count),
              };
              out.figures.push(fig);
              log(`    ${set} batch ${batchSize}: ${fig.textsPerSec.median.toFixed(1)} texts/s`);
            } catch (error) {
              out.errors.push({ model: plan.label, backend, dtype, stage: `${set} batch ${batchSize}`, error: errorText(error) });
              log(`    ${set} batch ${batchSize}: failed: ${errorText(error)}`);
            }
          }
        }
        await callBench(page, 'unload');
        if (plan.baseline) {
          try {
            const r = await callBench(page, 'baselineRuns', plan.path, backend, dtype, 'titles', plan.baseline.count, plan.baseline.reps, plan.baseline.maxSeconds);
            const fig: BaselineFigure = {
              model: plan.label, backend, dtype, textSet: 'titles', texts: r.count,
              textsPerSec: ratePerSecond(r.runsMs, r.count),
            };
            out.baselines.push(fig);
            log(`    baseline pipeline, one title per call: ${fig.textsPerSec.median.toFixed(1)} texts/s`);
          } catch (error) {
            out.errors.push({ model: plan.label, backend, dtype, stage: 'baseline', error: errorText(error) });
            log(`    baseline failed: ${errorText(error)}`);
          }
        }
      }
    }
  }
  return out;
}

export interface StageProfile {
  model: string;
  backend: Backend;
  dtype: string;
  textSet: TextSet;
  batchSize: number;
  texts: number;
  meanTokens: number;
  totalMs: number;
  stagesMs: Record<string, number>;
}

export async function runProfiles(
  page: Page,
  jobs: { path: string; label: string; backend: Backend; dtype: string; set: TextSet; count: number; batchSize: number }[],
  log: (m: string) => void,
): Promise<{ profiles: StageProfile[]; errors: EmbedError[] }> {
  const profiles: StageProfile[] = [];
  const errors: EmbedError[] = [];
  for (const j of jobs) {
    try {
      const r = await callBench(page, 'profileStages', j.path, j.backend, j.dtype, j.set, j.count, j.batchSize);
      profiles.push({ model: j.label, backend: j.backend, dtype: j.dtype, textSet: j.set, batchSize: j.batchSize, texts: r.texts, meanTokens: r.meanTokens, totalMs: r.totalMs, stagesMs: r.stagesMs });
      const parts = Object.entries(r.stagesMs).map(([k, v]) => `${k} ${((100 * v) / r.totalMs).toFixed(0)}%`).join(', ');
      log(`  profile ${j.label} ${j.backend} ${j.dtype} ${j.set} batch ${j.batchSize}: ${parts}`);
    } catch (error) {
      errors.push({ model: j.label, backend: j.backend, dtype: j.dtype, stage: 'profile', error: errorText(error) });
      log(`  profile ${j.label} ${j.backend} failed: ${errorText(error)}`);
    }
  }
  return { profiles, errors };
}
