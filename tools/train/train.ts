/**
 * `npm run train`: builds the default embedding model esco-static-v1 from the raw ESCO files in
 * ../shared — hold-out, WordPiece vocabulary, contrastive training of a static token table —
 * and writes the package to public/models/esco-static-v1/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEscoSource } from '../esco/source.js';
import { buildTrainingView } from './concepts.js';
import { writeModelPackage } from './exportPackage.js';
import { chooseHoldout, HoldoutView, writeHoldout } from './holdout.js';
import { modelCard } from './modelCard.js';
import { DEFAULTS } from './defaults.js';
import { parseTrainOptions } from './options.js';
import { trainModel } from './loop.js';


async function main(): Promise<void> {
  const options = parseTrainOptions(process.argv.slice(2), DEFAULTS);
  const started = Date.now();
  const source = await readEscoSource();
  const holdout = chooseHoldout(source, options.seed);
  const view = buildTrainingView(source, new HoldoutView(holdout));
  const result = trainModel(view, options, (line) => console.log(line));
  mkdirSync(options.out, { recursive: true });
  writeHoldout(join(options.out, 'holdout-ids.json'), holdout);
  const seconds = (Date.now() - started) / 1000;
  const { onnxBytes } = writeModelPackage(options.out, result.vocab, result.model, {
    readme: modelCard({ options, stats: result.stats, seconds }),
    writeRecipe: options.writeRecipe,
  });
  console.log(`wrote ${options.out} (onnx ${(onnxBytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(0)} s`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
