/** The settings esco-static-v1 is trained with (`npm run train` without options). */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainOptions } from './options.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const DEFAULTS: TrainOptions = {
  out: join(repoRoot, 'public', 'models', 'esco-static-v1'),
  seed: 20251121,
  vocabSize: 40_000,
  dim: 256,
  epochs: 3,
  batchSize: 256,
  lr: 0.015,
  scale: 20,
  maxTokens: 128,
  every: 1,
  writeRecipe: true,
  englishOccupationLabels: 1,
};
