// What `npm run bench` runs, full and --quick. Sizes are chosen so the full run stays under ~20
// minutes on a 2-core laptop-class machine: the 110M-parameter reference models are measured on
// fewer texts and batch sizes than the default model (the report lists what was skipped).
import type { ModelPlan } from './workloads/embedding';
import type { SimilarityShape } from './workloads/similarity';

export const DEFAULT_MODEL_ID = 'esco-static-v1';

export interface BenchPlan {
  embedding: ModelPlan[];
  profiles: { model: 'default' | 'ref-bert-base'; backend: 'wasm' | 'webgpu'; dtype: string; set: 'titles' | 'segments64' | 'segments256'; count: number; batchSize: number }[];
  similarity: SimilarityShape[];
  search: { queries: number; queryReps: number; resumeReps: number; titles: number; titlesReps: number };
  coldRuns: number;
  sgemmReps: number;
  ceilingReps: number;
}

const BATCHES = [1, 8, 32, 128];

export function benchPlan(quick: boolean): BenchPlan {
  const defaultModel: ModelPlan = {
    path: `models/${DEFAULT_MODEL_ID}`,
    label: DEFAULT_MODEL_ID,
    dtypes: [undefined],
    sets: quick
      ? { titles: { count: 256, batchSizes: [1, 32] }, segments256: { count: 64, batchSizes: [32] } }
      : { titles: { count: 4000, batchSizes: BATCHES }, segments64: { count: 256, batchSizes: BATCHES }, segments256: { count: 128, batchSizes: BATCHES } },
    reps: quick ? 3 : 7,
    baseline: { count: quick ? 256 : 2000, reps: 5, maxSeconds: 30 },
    budgetS: quick ? 45 : 150,
  };
  const refBert: ModelPlan = {
    path: 'bench-tmp/models/ref-bert-base',
    label: 'ref-bert-base (random weights)',
    dtypes: quick ? ['q8'] : ['q8', 'fp32'],
    sets: quick
      ? { titles: { count: 8, batchSizes: [8] } }
      : { titles: { count: 32, batchSizes: [1, 8, 32] }, segments64: { count: 8, batchSizes: [1, 8] }, segments256: { count: 4, batchSizes: [1, 4] } },
    // SwiftShader runs BERT-base at seconds per title: one small batch is all the budget allows.
    webgpuSets: { titles: { count: 4, batchSizes: [4] } },
    reps: quick ? 2 : 3,
    baseline: { count: quick ? 8 : 16, reps: quick ? 2 : 3, maxSeconds: 12 },
    budgetS: quick ? 20 : 60,
  };
  // Same encoder compute as BERT-base; measured on titles only, where its tokenizer (SentencePiece
  // Unigram instead of WordPiece) and shorter texts make the difference.
  const refXlmr: ModelPlan = {
    path: 'bench-tmp/models/ref-xlmr-base',
    label: 'ref-xlmr-base (random weights)',
    dtypes: ['q8', 'fp32'],
    sets: { titles: { count: 32, batchSizes: [8, 32] } },
    backends: ['wasm'],
    reps: 3,
    baseline: { count: 8, reps: 3, maxSeconds: 10 },
    budgetS: 25,
  };
  return {
    embedding: quick ? [defaultModel, refBert] : [defaultModel, refBert, refXlmr],
    profiles: quick
      ? [{ model: 'default', backend: 'wasm', dtype: 'recipe', set: 'titles', count: 256, batchSize: 32 }]
      : [
          { model: 'default', backend: 'wasm', dtype: 'recipe', set: 'titles', count: 1000, batchSize: 32 },
          { model: 'default', backend: 'wasm', dtype: 'recipe', set: 'segments256', count: 128, batchSize: 32 },
          { model: 'default', backend: 'webgpu', dtype: 'recipe', set: 'titles', count: 1000, batchSize: 32 },
          { model: 'ref-bert-base', backend: 'wasm', dtype: 'q8', set: 'titles', count: 32, batchSize: 32 },
        ],
    similarity: quick
      ? [{ n: 1000, m: 1000, d: 256, loopRows: 50, gpuRows: 100, reps: 2 }, { n: 1000, m: 13_896, d: 768, loopRows: 5, gpuRows: 5, reps: 1, engineRows: 50 }]
      : [{ n: 1000, m: 1000, d: 256, loopRows: 1000, gpuRows: 1000, reps: 9 }, { n: 1000, m: 13_896, d: 768, loopRows: 50, gpuRows: 100, reps: 5, engineRows: 100 }],
    search: quick
      ? { queries: 10, queryReps: 10, resumeReps: 3, titles: 1000, titlesReps: 1 }
      : { queries: 30, queryReps: 30, resumeReps: 7, titles: 1000, titlesReps: 3 },
    // Cold starts vary by a second between runs on this 2-core VM: 5 runs per cache state for a stable median.
    coldRuns: quick ? 1 : 5,
    sgemmReps: quick ? 3 : 5,
    ceilingReps: quick ? 3 : 7,
  };
}
