import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSource, type EscoSource } from '../../tools/esco/source.js';
import { buildCorpus, heldOutQueries, retarget, type Query } from '../../tools/eval/tasks.js';
import { VectorCache, representCorpus, topK } from '../../tools/eval/dense.js';
import { tableEncoder } from '../../tools/eval/encoders.js';
import { meanMetrics, scoreQuery } from '../../tools/eval/metrics.js';
import { buildTrainingView, type TrainingView } from '../../tools/train/concepts.js';
import { chooseHoldout, HoldoutView } from '../../tools/train/holdout.js';
import { trainModel, type TrainResult } from '../../tools/train/loop.js';
import type { TrainOptions } from '../../tools/train/options.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.ESCO_SHARED_DIR ?? resolve(here, '..', '..', '..', 'shared');

const SMALL: TrainOptions = {
  out: '', seed: 7, vocabSize: 4000, dim: 32, epochs: 2, batchSize: 64, lr: 0.02, scale: 20, maxTokens: 64, every: 25, writeRecipe: false,
};

describe.skipIf(!existsSync(join(shared, 'esco')))('training on a slice of ESCO', () => {
  let source: EscoSource;
  let holdout: HoldoutView;
  let trained: TrainResult;
  let untrained: TrainResult;
  let view: TrainingView;

  beforeAll(async () => {
    source = await readEscoSource({ sharedDir: shared });
    holdout = new HoldoutView(chooseHoldout(source, SMALL.seed));
    view = buildTrainingView(source, holdout, { sharedDir: shared });
    trained = trainModel(view, SMALL);
    untrained = trainModel(view, { ...SMALL, epochs: 0 });
  });

  it('lowers the loss from the first epoch to the second', () => {
    const [first, second] = trained.stats.lossByEpoch;
    expect(second).toBeLessThan(first);
  });

  it('finds held-out labels better than the untrained model, within and across languages', async () => {
    const occupations = source.occupations.filter((_, i) => i % SMALL.every === 0);
    const en = buildCorpus(occupations, 'occupation', 'en', holdout);
    const de = buildCorpus(occupations, 'occupation', 'de', holdout);
    const sameLanguage = heldOutQueries(occupations, 'occupation', 'en', holdout, en);
    const crossLingual = retarget(heldOutQueries(occupations, 'occupation', 'de', holdout, de), de, en);
    const measure = async (result: TrainResult, queries: Query[]) => {
      const encoder = tableEncoder(result.model, result.tokenizer);
      const cache = new VectorCache(encoder.encode, encoder.dim);
      const items = await representCorpus(en, 'centroid', cache);
      const ranks = topK(await cache.get(queries.map((q) => q.text), 'query'), items, encoder.dim, 10);
      return meanMetrics(ranks.map((r, i) => scoreQuery(r, queries[i].relevant)));
    };
    expect(sameLanguage.length).toBeGreaterThan(50);
    expect(crossLingual.length).toBeGreaterThan(20);
    // Bag-of-pieces overlap already ranks English labels fairly well before training; German
    // labels against English occupations share almost no pieces, so only training bridges them.
    expect((await measure(trained, sameLanguage))['MRR@10']).toBeGreaterThan((await measure(untrained, sameLanguage))['MRR@10'] + 0.05);
    expect((await measure(trained, crossLingual))['R@10']).toBeGreaterThan((await measure(untrained, crossLingual))['R@10'] + 0.3);
  });

  it('gives identical weights for the same data and seed', () => {
    const tiny = { ...SMALL, every: 100, epochs: 1, vocabSize: 2000, dim: 16 };
    const once = trainModel(view, tiny);
    const again = trainModel(view, tiny);
    expect(once.stats.steps).toBeGreaterThan(10);
    expect(Buffer.from(again.model.table.buffer).equals(Buffer.from(once.model.table.buffer))).toBe(true);
  });
});
