/**
 * The engine reads a model's tokenizer files itself (one GET each) and builds the tokenizer as
 * transformers.js' AutoTokenizer does: same class, same ids, for BERT (WordPiece) and XLM-R
 * (Unigram) folders; missing or broken files are clear errors.
 */
import { AutoTokenizer, env } from '@huggingface/transformers';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../workers/engine/embed/tokenizer';
import type { ModelFiles } from '../../workers/engine/models/readRecipe';
import { fsModelFiles } from '../../workers/engine/runtime/node.node.js';

const TEXTS = ['software developer', 'Softwareentwickler (m/w/d)', 'desarrollador de software', 'C++ 🚀 数据分析师', ''];

describe('loadTokenizer', () => {
  for (const dir of ['public/models/esco-static-v1', 'tests/fixtures/st-exports/tiny-bert-mean', 'tests/fixtures/st-exports/tiny-xlmr-cls']) {
    it(`builds the same tokenizer as AutoTokenizer: ${dir}`, async () => {
      env.allowLocalModels = true;
      env.localModelPath = '';
      const reference = await AutoTokenizer.from_pretrained(resolve(dir));
      const ours = await loadTokenizer(fsModelFiles(resolve(dir)));
      expect(ours.constructor.name).toBe(reference.constructor.name);
      for (const text of TEXTS) expect(Array.from(ours.encode(text)), text).toEqual(Array.from(reference.encode(text)));
    });
  }

  it('says which file is missing or broken', async () => {
    const real = fsModelFiles(resolve('tests/fixtures/st-exports/tiny-bert-mean'));
    const without = (name: string): ModelFiles => ({ ...real, text: (p) => (p === name ? Promise.resolve(null) : real.text(p)) });
    await expect(loadTokenizer(without('tokenizer.json'))).rejects.toThrow('tokenizer.json does not exist');
    await expect(loadTokenizer(without('tokenizer_config.json'))).rejects.toThrow('tokenizer_config.json does not exist');
    const broken: ModelFiles = { ...real, text: (p) => (p === 'tokenizer.json' ? Promise.resolve('{"model": ') : real.text(p)) };
    await expect(loadTokenizer(broken)).rejects.toThrow(/tokenizer\.json is not valid JSON/);
  });
});
