/** Command-line options of `npm run train`, with the defaults the shipped model was built with. */
import { parseArgs } from 'node:util';

export interface TrainOptions {
  out: string;
  seed: number;
  vocabSize: number;
  dim: number;
  epochs: number;
  batchSize: number;
  lr: number;
  scale: number;
  maxTokens: number;
  /** Use only every n-th concept (smoke tests). */
  every: number;
  writeRecipe: boolean;
  /** Extra label pairs per English occupation label (PairMix.englishOccupationLabel); default 0. */
  englishOccupationLabels?: number;
}

export function parseTrainOptions(argv: string[], defaults: TrainOptions): TrainOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      vocab: { type: 'string' },
      dim: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      lr: { type: 'string' },
      scale: { type: 'string' },
      'max-tokens': { type: 'string' },
      every: { type: 'string' },
      'no-recipe': { type: 'boolean' },
      'en-occupation-labels': { type: 'string' },
    },
  });
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));
  return {
    out: values.out ?? defaults.out,
    seed: num(values.seed, defaults.seed),
    vocabSize: num(values.vocab, defaults.vocabSize),
    dim: num(values.dim, defaults.dim),
    epochs: num(values.epochs, defaults.epochs),
    batchSize: num(values.batch, defaults.batchSize),
    lr: num(values.lr, defaults.lr),
    scale: num(values.scale, defaults.scale),
    maxTokens: num(values['max-tokens'], defaults.maxTokens),
    every: num(values.every, defaults.every),
    writeRecipe: values['no-recipe'] ? false : defaults.writeRecipe,
    englishOccupationLabels: num(values['en-occupation-labels'], defaults.englishOccupationLabels ?? 0),
  };
}
