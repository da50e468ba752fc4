import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { AutoModel, AutoTokenizer, env } from '@huggingface/transformers';
import { DEFAULT_FIXTURE_DIR, FIXTURE_RECIPES, buildFixture } from '../../tools/fixtures/make-tiny-models';
import { referenceEncode } from '../../tools/fixtures/reference-encoder';
import { readSafetensors } from '../../tools/fixtures/safetensors';

const SENTENCES = ['Softwareentwickler und Pflegekraft', 'enfermera con experiencia en el hospital', 'Nurse'];

type Ids = number[][];
interface Encoded { input_ids: Ids; attention_mask: Ids; token_type_ids?: Ids }

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'st-fixtures-'));
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = root;
  // transformers.js looks for onnx/<file>; the optimum export has the ONNX files at the root.
  for (const { name } of FIXTURE_RECIPES) {
    const src = join(DEFAULT_FIXTURE_DIR, name);
    cpSync(src, join(root, name), { recursive: true });
    mkdirSync(join(root, name, 'onnx'));
    for (const f of ['model.onnx', 'model_quantized.onnx']) {
      if (existsSync(join(src, f))) cpSync(join(src, f), join(root, name, 'onnx', f));
    }
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function feeds(enc: Encoded, withTypes: boolean): Record<string, ort.Tensor> {
  const dims = [enc.input_ids.length, enc.input_ids[0].length];
  const t = (rows: Ids) => new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), dims);
  return {
    input_ids: t(enc.input_ids),
    attention_mask: t(enc.attention_mask),
    ...(withTypes ? { token_type_ids: t(enc.token_type_ids ?? enc.input_ids.map((r) => r.map(() => 0))) } : {}),
  };
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] ** 2; nb += b[i] ** 2; }
  return dot / Math.sqrt(na * nb);
}

describe.each(FIXTURE_RECIPES.map((r) => [r.name, r] as const))('fixture %s', (name, recipe) => {
  const built = buildFixture(recipe);
  const dir = join(DEFAULT_FIXTURE_DIR, name);
  const H = built.spec.hidden;
  const bert = recipe.flavour === 'bert';

  it('is on disk exactly as the generator writes it, and well under 1 MB', () => {
    let total = 0;
    for (const [rel, content] of built.files) {
      const onDisk = readFileSync(join(dir, rel));
      expect(Buffer.compare(onDisk, Buffer.from(content)), rel).toBe(0);
      total += onDisk.length;
    }
    expect(total).toBeLessThan(1_000_000);
    expect(existsSync(join(dir, 'model_quantized.onnx'))).toBe(recipe.quantized);
  });

  it('tokenizes job text into known tokens and runs in onnxruntime-node like the reference encoder', async () => {
    const tok = await AutoTokenizer.from_pretrained(name);
    const enc = tok(SENTENCES[0], { return_tensor: false }) as unknown as { input_ids: number[] };
    expect(enc.input_ids.length).toBeGreaterThan(3);
    expect(enc.input_ids).not.toContain(tok.unk_token_id);

    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'model.onnx')));
    expect(session.inputNames).toEqual(bert ? ['input_ids', 'attention_mask', 'token_type_ids'] : ['input_ids', 'attention_mask']);
    const ids = enc.input_ids;
    const out = (await session.run(feeds({ input_ids: [ids], attention_mask: [ids.map(() => 1)] }, bert))).last_hidden_state;
    expect(out.dims).toEqual([1, ids.length, H]);
    const data = out.data as Float32Array;
    const ref = referenceEncode(built.spec, built.weights, ids);
    ref.forEach((row, t) => row.forEach((v, d) => expect(data[t * H + d]).toBeCloseTo(v, 4)));
  });

  it('gives the same outputs at non-pad positions whether or not the batch is padded', async () => {
    const tok = await AutoTokenizer.from_pretrained(name);
    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'model.onnx')));
    const batch = tok(SENTENCES, { padding: true, return_tensor: false }) as unknown as Encoded;
    const padded = (await session.run(feeds(batch, bert))).last_hidden_state;
    const seqLen = batch.input_ids[0].length;
    const short = batch.attention_mask[2].filter((m) => m === 1).length;
    expect(short).toBeLessThan(seqLen); // the third sentence really is padded
    const alone = tok(SENTENCES[2], { return_tensor: false }) as unknown as { input_ids: number[]; attention_mask: number[]; token_type_ids?: number[] };
    const single = (await session.run(feeds({ input_ids: [alone.input_ids], attention_mask: [alone.attention_mask], ...(alone.token_type_ids ? { token_type_ids: [alone.token_type_ids] } : {}) }, bert))).last_hidden_state;
    const p = padded.data as Float32Array;
    const s = single.data as Float32Array;
    for (let t = 0; t < short; t++) {
      for (let d = 0; d < H; d++) expect(p[(2 * seqLen + t) * H + d]).toBeCloseTo(s[t * H + d], 5);
    }
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
  });

  it('loads with transformers.js AutoModel (fp32, and q8 where present) with finite outputs', async () => {
    const tok = await AutoTokenizer.from_pretrained(name);
    const inputs = tok(SENTENCES, { padding: true, truncation: true });
    const fp32 = await AutoModel.from_pretrained(name, { dtype: 'fp32' });
    const out = (await fp32(inputs)).last_hidden_state;
    expect(out.dims).toEqual([SENTENCES.length, inputs.input_ids.dims[1], H]);
    expect(Array.from(out.data as Float32Array).every(Number.isFinite)).toBe(true);
    await fp32.dispose();
    if (recipe.quantized) {
      const q8 = await AutoModel.from_pretrained(name, { dtype: 'q8' });
      const qOut = (await q8(inputs)).last_hidden_state;
      expect(qOut.dims).toEqual(out.dims);
      // Quantized, not identical, but the same model: first-token vectors point the same way.
      const a = (out.data as Float32Array).subarray(0, H);
      const b = (qOut.data as Float32Array).subarray(0, H);
      expect(Array.from(a)).not.toEqual(Array.from(b));
      expect(cosine(a, b)).toBeGreaterThan(0.98);
      await q8.dispose();
    }
  });

  it('has sentence-transformers module files matching the recipe', () => {
    const read = (rel: string) => JSON.parse(readFileSync(join(dir, rel), 'utf8'));
    const modules = read('modules.json') as Array<{ idx: number; path: string; type: string }>;
    expect(modules.map((m) => m.type.split('.').pop())).toEqual([
      'Transformer', 'Pooling', ...(recipe.asym ? ['Asym'] : []), ...(recipe.normalize ? ['Normalize'] : []),
    ]);
    const pooling = read('1_Pooling/config.json');
    expect(pooling.pooling_mode_cls_token).toBe(recipe.pooling === 'cls');
    expect(pooling.pooling_mode_mean_tokens).toBe(recipe.pooling === 'mean');
    expect(read('sentence_bert_config.json').max_seq_length).toBe(recipe.maxSeqLength);
    expect(read('config_sentence_transformers.json').prompts).toEqual(recipe.prompts ?? {});
    expect(read('config.json').model_type).toBe(recipe.flavour);
    if (recipe.asym) {
      const asym = read('2_Asym/config.json') as { types: Record<string, string>; structure: Record<string, string[]> };
      expect(Object.keys(asym.structure)).toEqual(recipe.asym.routes);
      for (const route of recipe.asym.routes) {
        const folder = asym.structure[route][0];
        expect(asym.types[folder]).toBe('sentence_transformers.models.Dense');
        expect(read(`2_Asym/${folder}/config.json`)).toEqual({
          in_features: H, out_features: recipe.asym.outFeatures, bias: true, activation_function: 'torch.nn.modules.activation.Tanh',
        });
        const st = readSafetensors(readFileSync(join(dir, '2_Asym', folder, 'model.safetensors')));
        expect(st['linear.weight'].shape).toEqual([recipe.asym.outFeatures, H]);
        expect(st['linear.weight'].data).toEqual(built.dense[route].weight);
        expect(st['linear.bias'].data).toEqual(built.dense[route].bias);
      }
      expect(built.dense.anchor.weight).not.toEqual(built.dense.positive.weight);
    }
  });
});
