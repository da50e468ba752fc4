/**
 * The engine's embeddings for the tiny sentence-transformers fixtures, packed with model:pack,
 * against a reference computed independently: raw model.onnx on onnxruntime-node, one text at a
 * time without padding, then pooling / Dense / normalize written here from the ST config files.
 */
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Embedder } from '../../workers/engine/embed/embedder';
import { loadNodeEmbedder } from '../../workers/engine/runtime/node.node.js';
import { packModel } from '../../tools/model-pack/packModel';

const EXPORTS = resolve('tests/fixtures/st-exports');
const FIXTURES = ['tiny-bert-mean', 'tiny-xlmr-cls', 'tiny-xlmr-e5', 'tiny-xlmr-asym'];
const TEXTS = [
  'software developer',
  'Krankenpfleger im Schichtdienst',
  'a',
  'manage a project budget and report to the board every quarter',
  'enfermera',
  '',
  'Welders join metal parts using welding equipment.',
];
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

let workDir: string;
beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'engine-test-'));
  for (const name of FIXTURES) await packModel(join(EXPORTS, name), { outDir: join(workDir, 'models'), indexFile: null });
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Independent reference: the Python model's arithmetic, from the export's files. */
class Reference {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>,
    private readonly dir: string,
  ) {}

  static async create(dir: string, onnxFile: string): Promise<Reference> {
    env.allowRemoteModels = false;
    return new Reference(await ort.InferenceSession.create(join(dir, onnxFile)), await AutoTokenizer.from_pretrained(dir), dir);
  }

  private modules(): { path: string; type: string }[] {
    return readJson(join(this.dir, 'modules.json'));
  }

  private denseLayers(role: 'query' | 'document'): { w: Float32Array; b: Float32Array; nIn: number; nOut: number }[] {
    const layers = [];
    for (const m of this.modules()) {
      if (m.type.endsWith('.Dense')) layers.push(this.dense(join(this.dir, m.path)));
      if (m.type.endsWith('.Asym')) {
        const c = readJson(join(this.dir, m.path, 'config.json'));
        for (const id of c.structure[role === 'query' ? 'anchor' : 'positive']) layers.push(this.dense(join(this.dir, m.path, id)));
      }
    }
    return layers;
  }

  private dense(dir: string) {
    const c = readJson(join(dir, 'config.json'));
    expect(c.activation_function).toBe('torch.nn.modules.activation.Tanh');
    const bytes = readFileSync(join(dir, 'model.safetensors'));
    const n = Number(bytes.readBigUInt64LE(0));
    const header = JSON.parse(bytes.subarray(8, 8 + n).toString());
    const tensor = (name: string) => {
      const [s, e] = header[name].data_offsets;
      expect(header[name].dtype).toBe('F32');
      const slice = bytes.subarray(8 + n + s, 8 + n + e);
      return new Float32Array(slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength));
    };
    return { w: tensor('linear.weight'), b: tensor('linear.bias'), nIn: c.in_features, nOut: c.out_features };
  }

  async embed(text: string, role: 'query' | 'document'): Promise<number[]> {
    const prompts = readJson(join(this.dir, 'config_sentence_transformers.json')).prompts ?? {};
    const prefix = (role === 'query' ? prompts.query : prompts.passage ?? prompts.document) ?? '';
    const ids: number[] = this.tokenizer.encode(prefix + text);
    const seq = ids.length;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, seq]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(seq).fill(1n), [1, seq]),
    };
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(seq), [1, seq]);
    const out = await this.session.run(feeds);
    const hidden = out.last_hidden_state.data as Float32Array;
    const dim = hidden.length / seq;
    const poolConfig = readJson(join(this.dir, '1_Pooling', 'config.json'));
    let v: number[] = [];
    for (let d = 0; d < dim; d++) {
      if (poolConfig.pooling_mode_cls_token) v.push(hidden[d]);
      else { let s = 0; for (let t = 0; t < seq; t++) s += hidden[t * dim + d]; v.push(s / seq); }
    }
    for (const { w, b, nIn, nOut } of this.denseLayers(role)) {
      v = Array.from({ length: nOut }, (_, o) => Math.tanh(b[o] + v.reduce((s, x, i) => s + w[o * nIn + i] * x, 0)));
    }
    if (this.modules().some((m) => m.type.endsWith('.Normalize'))) {
      const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      v = v.map((x) => x / norm);
    }
    return v;
  }
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
};

describe.each(FIXTURES)('%s', (name) => {
  let embedder: Embedder;
  beforeAll(async () => { embedder = await loadNodeEmbedder(join(workDir, 'models', name)); });
  afterAll(async () => embedder?.dispose());

  it.each(['query', 'document'] as const)('fp32 %s vectors equal the independent reference within 1e-4', async (role) => {
    const reference = await Reference.create(join(EXPORTS, name), 'model.onnx');
    const vectors = await embedder.embed(TEXTS, { role, batchSize: 3 });
    expect(vectors.length).toBe(TEXTS.length * embedder.dim);
    for (let i = 0; i < TEXTS.length; i++) {
      const expected = await reference.embed(TEXTS[i], role);
      expect(expected.length).toBe(embedder.dim);
      expect(maxAbsDiff(vectors.subarray(i * embedder.dim, (i + 1) * embedder.dim), expected)).toBeLessThan(1e-4);
    }
  });

  // Dynamic int8 quantization scales activations per tensor, padding included: a q8 vector depends
  // a little on its batch-mates, so the exact comparison runs one text per batch.
  it('q8 (the WASM file) equals the reference run on model_quantized.onnx', async () => {
    if (!existsSync(join(EXPORTS, name, 'model_quantized.onnx'))) return;
    const reference = await Reference.create(join(EXPORTS, name), 'model_quantized.onnx');
    const q8 = await loadNodeEmbedder(join(workDir, 'models', name), { dtype: 'q8' });
    expect(q8.dtype).toBe('q8');
    const vectors = await q8.embed(TEXTS, { role: 'query', batchSize: 1 });
    for (let i = 0; i < TEXTS.length; i++) {
      expect(maxAbsDiff(vectors.subarray(i * q8.dim, (i + 1) * q8.dim), await reference.embed(TEXTS[i], 'query'))).toBeLessThan(1e-4);
    }
    const batched = await q8.embed(TEXTS, { role: 'query', batchSize: 8 });
    const fp32 = await embedder.embed(TEXTS, { role: 'query' });
    for (let i = 0; i < TEXTS.length; i++) {
      expect(cosine(batched.subarray(i * q8.dim, (i + 1) * q8.dim), fp32.subarray(i * q8.dim, (i + 1) * q8.dim))).toBeGreaterThan(0.98);
    }
    await q8.dispose();
  });

  it('query and document vectors differ exactly for the asymmetric models', async () => {
    const q = await embedder.embed(TEXTS, { role: 'query' });
    const d = await embedder.embed(TEXTS, { role: 'document' });
    const asymmetric = name === 'tiny-xlmr-e5' || name === 'tiny-xlmr-asym';
    if (asymmetric) expect(maxAbsDiff(q, d)).toBeGreaterThan(1e-3);
    else expect(Array.from(q)).toEqual(Array.from(d));
    expect(embedder.recipe.asymmetric).toBe(asymmetric);
  });

  it('batch size does not change the vectors', async () => {
    const one = await embedder.embed(TEXTS, { role: 'query', batchSize: 1 });
    const all = await embedder.embed(TEXTS, { role: 'query', batchSize: 64 });
    expect(maxAbsDiff(one, all)).toBeLessThan(1e-5);
  });

  it('a 200,000-character text is truncated like sentence-transformers (closing special token kept)', async () => {
    const words = 'nurse care patient ward night shift '.repeat(6000).slice(0, 200_000);
    const oneWord = 'x'.repeat(200_000);
    const vectors = await embedder.embed([words, oneWord, 'nurse'], { role: 'document' });
    expect(vectors.every(Number.isFinite)).toBe(true);
    // Reference: the first maxLength - 2 text tokens between the model's special tokens.
    const tokenizer = await AutoTokenizer.from_pretrained(join(EXPORTS, name));
    const maxLength = readJson(join(EXPORTS, name, 'sentence_bert_config.json')).max_seq_length;
    const prompts = readJson(join(EXPORTS, name, 'config_sentence_transformers.json')).prompts ?? {};
    const prefix = prompts.passage ?? '';
    const full: number[] = tokenizer.encode(prefix + words.slice(0, 5000));
    const kept = [...full.slice(0, maxLength - 1), full[full.length - 1]];
    const text = tokenizer.decode(kept, { skip_special_tokens: true }).slice(prefix.length);
    expect(tokenizer.encode(prefix + text).length).toBe(maxLength);
    const expected = await embedder.embed([text], { role: 'document' });
    expect(maxAbsDiff(vectors.subarray(0, embedder.dim), expected)).toBeLessThan(1e-4);
  });
});

describe('input checks, cancellation and load errors', () => {
  let embedder: Embedder;
  beforeAll(async () => { embedder = await loadNodeEmbedder(join(workDir, 'models', 'tiny-bert-mean')); });

  it('rejects a non-array and non-string items with a TypeError; an empty list gives no rows', async () => {
    await expect(embedder.embed('nurse' as unknown as string[], { role: 'query' })).rejects.toThrow(TypeError);
    await expect(embedder.embed(['nurse', 42 as unknown as string], { role: 'query' })).rejects.toThrow(/texts\[1\] is number/);
    await expect(embedder.embed(['nurse'], { role: 'reader' as 'query' })).rejects.toThrow(/role/);
    expect((await embedder.embed([], { role: 'query' })).length).toBe(0);
  });

  it('stops between batches when the signal is aborted, and works again afterwards', async () => {
    const controller = new AbortController();
    const texts = Array.from({ length: 20 }, (_, i) => `welder number ${i}`);
    const seen: number[] = [];
    const run = embedder.embed(texts, {
      role: 'query', batchSize: 2, signal: controller.signal,
      onProgress: (done) => { seen.push(done); if (done === 4) controller.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([2, 4]);
    expect((await embedder.embed(['nurse'], { role: 'query' })).length).toBe(embedder.dim);
  });

  it('a missing folder and a corrupt .onnx give clear errors', async () => {
    await expect(loadNodeEmbedder(join(workDir, 'models', 'no-such-model'))).rejects.toThrow(/Model folder not found/);
    const broken = join(workDir, 'broken');
    cpSync(join(workDir, 'models', 'tiny-bert-mean'), broken, { recursive: true });
    writeFileSync(join(broken, 'onnx', 'model.onnx'), 'this is not a protobuf');
    await expect(loadNodeEmbedder(broken)).rejects.toThrow(/could not load onnx\/model\.onnx on cpu/);
  });

  it('reads a static model\'s training words only when its package lists them; a missing or binary list only warns', async () => {
    expect(await embedder.knownWords()).toBeNull();
    const withWords = join(workDir, 'with-words');
    cpSync(join(EXPORTS, 'tiny-bert-mean'), withWords, { recursive: true });
    writeFileSync(join(withWords, 'known_words.txt'), 'nurse\nsoftware\n');
    await packModel(withWords, { id: 'tiny-with-words', outDir: join(workDir, 'models'), indexFile: null });
    const packed = join(workDir, 'models', 'tiny-with-words');
    expect(readJson(join(packed, 'recipe.json')).knownWords).toBe('known_words.txt');
    const known = await (await loadNodeEmbedder(packed)).knownWords();
    expect([known?.has('nurse'), known?.has('software'), known?.has('welder')]).toEqual([true, true, false]);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      writeFileSync(join(packed, 'known_words.txt'), new Uint8Array([0x6e, 0, 0, 0xff]));
      expect(await (await loadNodeEmbedder(packed)).knownWords()).toBeNull();
      expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(/known_words\.txt is not a text file.*restore known_words\.txt/));
      rmSync(join(packed, 'known_words.txt'));
      const missing = await loadNodeEmbedder(packed);
      expect(await missing.knownWords()).toBeNull();
      expect(warn).toHaveBeenLastCalledWith(expect.stringMatching(/long texts keep every word.*known_words\.txt does not exist/));
      // The model itself still embeds.
      expect((await missing.embed(['nurse'], { role: 'query' })).length).toBe(missing.dim);
    } finally {
      warn.mockRestore();
    }
  });

  it('model:pack refuses a folder that is not an ONNX export', async () => {
    const empty = mkdtempSync(join(workDir, 'empty-'));
    await expect(packModel(empty, { outDir: workDir, indexFile: null }))
      .rejects.toThrow(/not an ONNX export.*missing config\.json, tokenizer\.json, model\.onnx/);
    await expect(packModel(join(workDir, 'nowhere'), { outDir: workDir, indexFile: null })).rejects.toThrow(/not a folder/);
  });
});
