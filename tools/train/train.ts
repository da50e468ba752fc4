/**
 * `npm run train`: builds the default embedding model esco-static-v1 from the raw ESCO files in
 * ../shared — hold-out, WordPiece vocabulary, contrastive training of a static token table —
 * and writes the package to public/models/esco-static-v1/: the export goes to tmp/train-export/
 * first, then packModel makes it a complete package (recipe fingerprint, probes, index.json) and
 * the prebuilt ESCO indexes are rebuilt. With --out elsewhere only the export is written there.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readEscoSource } from '../esco/source.js';
import { buildTrainingView } from './concepts.js';
import { writeModelPackage } from './exportPackage.js';
import { chooseHoldout, HoldoutView, writeHoldout } from './holdout.js';
import { modelCard } from './modelCard.js';
import { DEFAULTS } from './defaults.js';
import { parseTrainOptions } from './options.js';
import { knownWordList, trainModel } from './loop.js';
import { HOLDOUT_PATH } from '../eval/holdoutPath.js';
import { finalizeDefaultModel } from '../model-pack/finalize.js';


async function main(): Promise<void> {
  const options = parseTrainOptions(process.argv.slice(2), DEFAULTS);
  const started = Date.now();
  const source = await readEscoSource();
  const holdout = chooseHoldout(source, options.seed);
  const view = buildTrainingView(source, new HoldoutView(holdout));
  const result = trainModel(view, options, (line) => console.log(line));
  const shipping = resolve(options.out) === resolve(DEFAULTS.out);
  const exportDir = shipping ? join(dirname(HOLDOUT_PATH), '..', '..', 'tmp', 'train-export', 'esco-static-v1') : options.out;
  mkdirSync(exportDir, { recursive: true });
  // The hold-out list belongs to the eval, not to the download: it lives next to the trainer.
  writeHoldout(HOLDOUT_PATH, holdout);
  const seconds = (Date.now() - started) / 1000;
  const { onnxBytes } = writeModelPackage(exportDir, result.vocab, result.model, {
    readme: modelCard({ options, stats: result.stats, seconds }),
    writeRecipe: options.writeRecipe,
    knownWords: knownWordList(view),
  });
  console.log(`wrote ${exportDir} (onnx ${(onnxBytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(0)} s`);
  if (shipping) {
    const packed = await finalizeDefaultModel(exportDir, { outDir: dirname(options.out), log: (line) => console.log(line) });
    console.log(`packed ${packed.dir} (${(packed.entry.sizeBytes / 1e6).toFixed(1)} MB without index/) and rebuilt its indexes`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
