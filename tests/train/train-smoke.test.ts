import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEscoSource, type EscoSource } from '../../tools/esco/source.js';
import { buildCorpus, heldOutQueries } from '../../tools/eval/tasks.js';
import { VectorCache, representCorpus, topK } from '../../tools/eval/dense.js';
import { tableEncoder } from '../../tools/eval/encoders.js';
import { meanMetrics, scoreQuery } from '../../tools/eval/metrics.js';
import { buildTrainingView } from '../../tools/train/concepts.js';
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

  beforeAll(async () => {
    source = await readEscoSource({ sharedDir: shared });
    holdout = new HoldoutView(chooseHoldout(source, SMALL.seed));
    const view = buildTrainingView(source, holdout, { sharedDir: shared });
    trained = trainModel(view, SMALL);
    untrained = trainModel(view, { ...SMALL, epochs: 0 });
  });

  it('lowers the loss from the first epoch to the second', () => {
    const [first, second] = trained.stats.lossByEpoch;
    expect(second).toBeLessThan(first);
  });

  it('finds held-out alternative labels better than the untrained model', async () => {
    const occupations = source.occupations.filter((_, i) => i % SMALL.every === 0);
    const recall = async (result: TrainResult) => {
      const corpus = buildCorpus(occupations, 'occupation', 'en', holdout);
      const queries = heldOutQueries(occupations, 'occupation', 'en', holdout, corpus);
      const encoder = tableEncoder(result.model, result.tokenizer);
      const cache = new VectorCache(encoder.encode, encoder.dim);
      const ranks = topK(await cache.get(queries.map((q) => q.text), 'query'), await representCorpus(corpus, 'centroid', cache), encoder.dim, 10);
      return { n: queries.length, r10: meanMetrics(ranks.map((r, i) => scoreQuery(r, queries[i].relevant)))['R@10'] };
    };
    const before = await recall(untrained);
    const after = await recall(trained);
    expect(before.n).toBeGreaterThan(20);
    expect(after.r10).toBeGreaterThan(before.r10 + 0.1);
  });

  it('gives identical weights for the same data and seed', () => {
    const view = buildTrainingView(source, holdout, { sharedDir: shared });
    const again = trainModel(view, { ...SMALL, epochs: 1 });
    const once = trainModel(view, { ...SMALL, epochs: 1 });
    expect(Buffer.from(again.model.table.buffer).equals(Buffer.from(once.model.table.buffer))).toBe(true);
  });
});
