import { describe, expect, it } from 'vitest';
import { applyDense } from '../../workers/engine/models/dense';
import { describeRecipe } from '../../workers/engine/models/recipe';
import { readRecipe } from '../../workers/engine/models/readRecipe';
import { readSafetensors } from '../../workers/engine/models/safetensors';
import { memoryFiles, randomRows, writeSafetensors } from './synthetic';

const bertConfig = { model_type: 'bert', hidden_size: 8 };
const pooling = (mode: string) => ({ word_embedding_dimension: 8, [`pooling_mode_${mode}`]: true });
const modules = (...rest: { path: string; type: string }[]) => [
  { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
  { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
  ...rest.map((m, i) => ({ idx: i + 2, name: String(i + 2), ...m })),
];

function denseFiles(dir: string, nIn: number, nOut: number, seed: number, activation = 'torch.nn.modules.activation.Tanh') {
  const weight = randomRows(nOut, nIn, seed);
  const bias = randomRows(1, nOut, seed + 1);
  return {
    [`${dir}/config.json`]: { in_features: nIn, out_features: nOut, bias: true, activation_function: activation },
    [`${dir}/model.safetensors`]: writeSafetensors({ 'linear.weight': { shape: [nOut, nIn], data: weight }, 'linear.bias': { shape: [nOut], data: bias } }),
  };
}

describe('readRecipe', () => {
  it('reads a CareerBERT-like folder: mean pooling, no normalize, max length from sentence_bert_config', async () => {
    const recipe = await readRecipe(memoryFiles({
      'config.json': bertConfig, 'modules.json': modules(), '1_Pooling/config.json': pooling('mean_tokens'),
      'sentence_bert_config.json': { max_seq_length: 512, do_lower_case: false },
    }));
    expect(recipe).toMatchObject({ pooling: 'mean', normalize: false, maxLength: 512, dim: 8, asymmetric: false });
    expect(recipe.prompts).toEqual({ query: '', document: '' });
    expect(describeRecipe(recipe)).toBe('mean pooling');
  });

  it('reads CLS pooling + Normalize and e5 prompts', async () => {
    const recipe = await readRecipe(memoryFiles({
      'config.json': bertConfig,
      'modules.json': modules({ path: '2_Normalize', type: 'sentence_transformers.models.Normalize' }),
      '1_Pooling/config.json': pooling('cls_token'),
      'config_sentence_transformers.json': { prompts: { query: 'query: ', passage: 'passage: ' }, default_prompt_name: null },
    }));
    expect(recipe).toMatchObject({ pooling: 'cls', normalize: true, asymmetric: true });
    expect(recipe.prompts).toEqual({ query: 'query: ', document: 'passage: ' });
  });

  it('reads an Asym module (JobBERT-v3 layout) into different query and document heads', async () => {
    const recipe = await readRecipe(memoryFiles({
      'config.json': bertConfig,
      'modules.json': modules({ path: '2_Asym', type: 'sentence_transformers.models.Asym' }),
      '1_Pooling/config.json': pooling('mean_tokens'),
      '2_Asym/config.json': {
        types: { 'anchor-0': 'sentence_transformers.models.Dense', 'positive-0': 'sentence_transformers.models.Dense' },
        structure: { anchor: ['anchor-0'], positive: ['positive-0'] }, parameters: { allow_empty_key: true },
      },
      ...denseFiles('2_Asym/anchor-0', 8, 12, 1),
      ...denseFiles('2_Asym/positive-0', 8, 12, 2),
    }));
    expect(recipe.dim).toBe(12);
    expect(recipe.hiddenDim).toBe(8);
    expect(recipe.asymmetric).toBe(true);
    expect(recipe.heads.query[0].weight).not.toEqual(recipe.heads.document[0].weight);
    expect(describeRecipe(recipe)).toContain('query: Dense 8→12 tanh / document: Dense 8→12 tanh');
  });

  it('recipeHash changes with anything that changes vectors, and only then', async () => {
    const base = {
      'config.json': bertConfig, 'modules.json': modules({ path: '2_Dense', type: 'sentence_transformers.models.Dense' }),
      '1_Pooling/config.json': pooling('mean_tokens'), ...denseFiles('2_Dense', 8, 4, 3),
    };
    const a = await readRecipe(memoryFiles(base));
    const again = await readRecipe(memoryFiles({ ...base }));
    const otherWeights = await readRecipe(memoryFiles({ ...base, ...denseFiles('2_Dense', 8, 4, 99) }));
    const otherPooling = await readRecipe(memoryFiles({ ...base, '1_Pooling/config.json': pooling('max_tokens') }));
    const otherDtype = await readRecipe(memoryFiles({ ...base, 'recipe.json': { dtype: { wasm: 'q8' } } }));
    expect(again.recipeHash).toBe(a.recipeHash);
    expect(new Set([a, otherWeights, otherPooling, otherDtype].map((r) => r.recipeHash)).size).toBe(4);
    expect(otherDtype.dtype).toEqual({ wasm: 'q8', webgpu: 'fp32', cpu: 'fp32' });
  });

  it('gives clear errors for a missing config, unsupported pooling and mismatched Dense sizes', async () => {
    await expect(readRecipe(memoryFiles({}), 'x')).rejects.toThrow(/config\.json is missing/);
    await expect(readRecipe(memoryFiles({
      'config.json': bertConfig, 'modules.json': modules(), '1_Pooling/config.json': pooling('weightedmean_tokens'),
    }))).rejects.toThrow(/weightedmean/);
    await expect(readRecipe(memoryFiles({
      'config.json': bertConfig, 'modules.json': modules({ path: '2_Dense', type: 'sentence_transformers.models.Dense' }),
      '1_Pooling/config.json': pooling('mean_tokens'), ...denseFiles('2_Dense', 6, 4, 3),
    }))).rejects.toThrow(/expects 6 inputs but receives 8/);
    await expect(readRecipe(memoryFiles({
      'config.json': bertConfig, 'modules.json': modules({ path: '2_Dense', type: 'sentence_transformers.models.Dense' }),
      '1_Pooling/config.json': pooling('mean_tokens'), '2_Dense/config.json': { in_features: 8, out_features: 4 },
    }))).rejects.toThrow(/model\.safetensors are missing/);
  });
});

describe('Dense and safetensors', () => {
  it('applyDense computes tanh(W x + b) like a plain loop', () => {
    const nIn = 5, nOut = 3, count = 2;
    const weight = randomRows(nOut, nIn, 11), bias = randomRows(1, nOut, 12), x = randomRows(count, nIn, 13);
    const y = applyDense(x, count, { inFeatures: nIn, outFeatures: nOut, activation: 'tanh', weight, bias });
    for (let r = 0; r < count; r++) {
      for (let o = 0; o < nOut; o++) {
        let s = bias[o];
        for (let i = 0; i < nIn; i++) s += weight[o * nIn + i] * x[r * nIn + i];
        expect(y[r * nOut + o]).toBeCloseTo(Math.tanh(s), 6);
      }
    }
  });

  it('reads F32, F16 and BF16 tensors with their shapes', () => {
    const values = [0.5, -1.25, 2, 0.15625];
    const file = writeSafetensors({
      a: { shape: [2, 2], data: values }, b: { shape: [4], data: values, dtype: 'F16' }, c: { shape: [4], data: values, dtype: 'BF16' },
    });
    const tensors = readSafetensors(file);
    for (const name of ['a', 'b', 'c']) expect(Array.from(tensors.get(name)!.data)).toEqual(values);
    expect(tensors.get('a')!.shape).toEqual([2, 2]);
  });

  it('rejects a truncated safetensors file', () => {
    const file = writeSafetensors({ a: { shape: [4], data: [1, 2, 3, 4] } });
    expect(() => readSafetensors(file.subarray(0, file.length - 4))).toThrow(/outside the file/);
  });
});
