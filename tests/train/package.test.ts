import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readEscoSource } from '../../tools/esco/source.js';
import { buildTrainingView } from '../../tools/train/concepts.js';
import { dequantize, quantizeRows, writeModelPackage } from '../../tools/train/exportPackage.js';
import { chooseHoldout, HoldoutView } from '../../tools/train/holdout.js';
import { knownWordList, trainModel } from '../../tools/train/loop.js';
import { StaticModel } from '../../tools/train/model.js';
import { loadNodeEmbedder } from '../../workers/engine/runtime/node.node.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.ESCO_SHARED_DIR ?? resolve(here, '..', '..', '..', 'shared');
const dir = mkdtempSync(join(tmpdir(), 'esco-static-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(join(shared, 'esco')))('exported package', () => {
  it('gives the trainer’s vectors through the engine (tokenizer.json → q8 ONNX → mean pool → normalize)', async () => {
    const source = await readEscoSource({ sharedDir: shared });
    const holdout = new HoldoutView(chooseHoldout(source, 3));
    const options = { out: dir, seed: 3, vocabSize: 3000, dim: 32, epochs: 1, batchSize: 64, lr: 0.02, scale: 20, maxTokens: 64, every: 50, writeRecipe: true };
    const view = buildTrainingView(source, holdout, { sharedDir: shared });
    const result = trainModel(view, options);
    writeModelPackage(dir, result.vocab, result.model, { readme: '# test\n', writeRecipe: true, knownWords: knownWordList(view) });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'modules.json', '1_Pooling/config.json', 'sentence_bert_config.json', 'onnx/model_quantized.onnx']) {
      expect(statSync(join(dir, f)).size).toBeGreaterThan(0);
    }
    expect(JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8')).map((m: { type: string }) => m.type.split('.').pop())).toEqual(['Transformer', 'Pooling', 'Normalize']);

    const texts = ['Softwareentwickler', 'director técnico/directora técnica', 'nurse', 'Sr. Java developer (m/w/d)', 'verpleegkundige', '数据 analyst'];
    const q = quantizeRows(result.model);
    const quantized = new StaticModel(result.model.vocabSize, result.model.dim, dequantize(q, result.model.vocabSize, result.model.dim));
    const expected = quantized.embedAll(texts.map((t) => result.tokenizer.encode(t)));
    const embedder = await loadNodeEmbedder(dir, { dtype: 'q8' });
    const actual = await embedder.embed(texts, { role: 'query' });
    expect(actual.length).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 4);

    // The words of the training text travel with the package: the engine reads them for long texts.
    const known = await embedder.knownWords();
    expect(known?.has('nurse')).toBe(true);
    expect(known?.has('zalando')).toBe(false);
  });
});
