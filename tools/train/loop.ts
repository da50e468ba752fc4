/** Vocabulary, tokenization and the epoch loop: pure computation, no file writes. */
import type { TrainingView } from './concepts.js';
import { adamDefaults, StaticModel, Trainer } from './model.js';
import type { TrainOptions } from './options.js';
import { DEFAULT_MIX, epochPairs, type PairKind, type PairMix } from './pairs.js';
import { createRandom, shuffleInPlace } from './random.js';
import { buildWordPieceVocab } from './vocab.js';
import { normalizeBert, preTokenize, WordPieceTokenizer } from './wordpiece.js';

export interface TrainStats {
  concepts: number;
  vocabSize: number;
  steps: number;
  pairsPerEpoch: Record<PairKind, number>;
  lossByEpoch: number[];
  trainSeconds: number;
}

export interface TrainResult {
  vocab: string[];
  tokenizer: WordPieceTokenizer;
  model: StaticModel;
  stats: TrainStats;
}

/** Keeps every n-th concept (and the pairs among kept ones): the smoke test trains on a slice. */
export function sliceView(view: TrainingView, every: number): TrainingView {
  if (every <= 1) return view;
  const kept = (key: number) => key % every === 0;
  return {
    ...view,
    concepts: view.concepts.map((c) => (kept(c.key) ? c : { ...c, labels: {}, descriptions: {} })),
    essential: view.essential.filter(([o, s]) => kept(o) && kept(s)),
    titlePairs: view.titlePairs.filter(([o]) => kept(o)),
  };
}

/** Word counts over the training text; labels count three times, they are what users type. */
export function trainingWordCounts(view: TrainingView): Map<string, number> {
  const counts = new Map<string, number>();
  const addText = (text: string, weight: number) => {
    for (const w of preTokenize(normalizeBert(text))) counts.set(w, (counts.get(w) ?? 0) + weight);
  };
  for (const c of view.concepts) {
    for (const labels of Object.values(c.labels)) for (const l of labels ?? []) addText(l, 3);
    for (const d of Object.values(c.descriptions)) if (d) addText(d, 1);
  }
  for (const [, a, b] of view.titlePairs) {
    addText(a, 1);
    addText(b, 1);
  }
  return counts;
}

/**
 * The words the model sees in training, sorted: the package's known_words.txt. Words made of
 * punctuation or digits alone are left out: the engine keeps those in any text.
 */
export function knownWordList(view: TrainingView): string[] {
  return [...trainingWordCounts(view).keys()].filter((w) => /\p{L}/u.test(w)).sort();
}

export function trainModel(
  fullView: TrainingView,
  options: TrainOptions,
  log: (line: string) => void = () => {},
  mix: PairMix = { ...DEFAULT_MIX, englishOccupationLabel: options.englishOccupationLabels ?? DEFAULT_MIX.englishOccupationLabel },
  afterEpoch?: (epoch: number, model: StaticModel, tokenizer: WordPieceTokenizer) => void,
): TrainResult {
  const view = sliceView(fullView, options.every);
  const t0 = Date.now();
  const vocab = buildWordPieceVocab(trainingWordCounts(view), { size: options.vocabSize });
  const tokenizer = new WordPieceTokenizer(vocab);
  log(`vocabulary: ${vocab.length} entries (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  const cache = new Map<string, Int32Array>();
  const ids = (text: string) => {
    let v = cache.get(text);
    if (!v) cache.set(text, (v = Int32Array.from(tokenizer.encode(text, options.maxTokens))));
    return v;
  };
  const random = createRandom(options.seed);
  const model = StaticModel.random(vocab.length, options.dim, random);
  const trainer = new Trainer(model, options.scale, adamDefaults({ lr: options.lr }));

  const epochs: ReturnType<typeof epochPairs>[] = [];
  const pairsPerEpoch = {} as Record<PairKind, number>;
  const lossByEpoch: number[] = [];
  let totalSteps = 0;
  // Pairs are drawn per epoch; the first epoch's size sets the learning-rate schedule.
  epochs.push(shuffleInPlace(epochPairs(view, mix, random), random));
  for (const p of epochs[0]) pairsPerEpoch[p.kind] = (pairsPerEpoch[p.kind] ?? 0) + 1;
  const stepsPerEpoch = Math.floor(epochs[0].length / options.batchSize);
  totalSteps = stepsPerEpoch * options.epochs;
  log(`pairs per epoch: ${JSON.stringify(pairsPerEpoch)}; ${stepsPerEpoch} steps per epoch`);
  const warmup = Math.max(1, Math.round(totalSteps * 0.02));
  const lrAt = (step: number) =>
    step < warmup ? (options.lr * (step + 1)) / warmup : options.lr * (0.1 + 0.9 * (1 - (step - warmup) / Math.max(1, totalSteps - warmup)));

  const tTrain = Date.now();
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const pairs = epoch === 0 ? epochs[0] : shuffleInPlace(epochPairs(view, mix, random), random);
    let lossSum = 0;
    let lossCount = 0;
    for (let s = 0; s < stepsPerEpoch && (s + 1) * options.batchSize <= pairs.length; s++) {
      const chunk = pairs.slice(s * options.batchSize, (s + 1) * options.batchSize);
      const loss = trainer.trainBatch(
        { a: chunk.map((p) => ids(p.a)), b: chunk.map((p) => ids(p.b)), keys: chunk.map((p) => p.keys) },
        lrAt(trainer.step),
      );
      lossSum += loss;
      lossCount++;
      if (s % 200 === 0) log(`epoch ${epoch + 1} step ${s}/${stepsPerEpoch} loss ${(lossSum / lossCount).toFixed(4)} (${((Date.now() - tTrain) / 1000).toFixed(0)} s)`);
    }
    lossByEpoch.push(lossSum / Math.max(lossCount, 1));
    log(`epoch ${epoch + 1}: mean loss ${lossByEpoch[epoch].toFixed(4)} (${((Date.now() - tTrain) / 1000).toFixed(0)} s)`);
    afterEpoch?.(epoch, model, tokenizer);
  }
  return {
    vocab,
    tokenizer,
    model,
    stats: {
      concepts: view.concepts.filter((c) => Object.keys(c.labels).length > 0).length,
      vocabSize: vocab.length,
      steps: trainer.step,
      pairsPerEpoch,
      lossByEpoch,
      trainSeconds: (Date.now() - tTrain) / 1000,
    },
  };
}
