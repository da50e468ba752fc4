// Writes the random-weight reference-shape model packages under bench/tmp/models/ (git-ignored):
// transformers.js layout (config.json, tokenizer files, onnx/model.onnx fp32 and
// onnx/model_quantized.onnx q8) plus sentence-transformers modules (mean pooling → normalize), so
// the engine reads them through the same recipe path as real packages.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bertSpecialTokensMapJson,
  bertTokenizerConfigJson,
  unigramTokenizerJson,
  wordPieceTokenizerJson,
  xlmrSpecialTokensMapJson,
  xlmrTokenizerConfigJson,
} from '../../onnx/tokenizer-json';
import { buildStaticEmbeddingModel } from '../../onnx/static-embedding';
import { buildEncoderModel, SeededNormal, type EncoderShape, type WeightDtype } from './encoderGraph';
import { unigramPieces, wordPieceVocab } from './vocab';

export interface RefModelSpec {
  id: string;
  /** What real checkpoints have this shape. */
  stands_for: string;
  /** 'static' = a token table looked up and mean-pooled (the default model's architecture). */
  family: 'bert' | 'xlm-roberta' | 'static';
  shape: EncoderShape;
  /** The real vocabulary size, when the bench shrinks the token table. */
  realVocab: number;
}

const BASE = { layers: 12, hidden: 768, heads: 12, ffn: 3072 };

export const REF_MODELS: RefModelSpec[] = [
  {
    id: 'ref-bert-base',
    stands_for: 'CareerBERT-JG (BERT-base: 12 layers, 768-d, 12 heads, FFN 3072, vocab ~30k)',
    family: 'bert',
    shape: { ...BASE, vocab: 30_522, maxPositions: 512, positionOffset: 0 },
    realVocab: 30_522,
  },
  {
    id: 'ref-xlmr-base',
    stands_for: 'JobBERT-v3 / multilingual-e5-base (XLM-R-base: 12 layers, 768-d, 12 heads, FFN 3072)',
    family: 'xlm-roberta',
    // The real table has 250,002 rows; a lookup costs the same per token whatever its size, so the
    // bench uses 30,000 to keep the file at ~440 MB instead of ~1.1 GB.
    shape: { ...BASE, vocab: 30_000, maxPositions: 514, positionOffset: 2 },
    realVocab: 250_002,
  },
  {
    id: 'ref-static-256',
    stands_for: 'esco-static-v1 (static token embeddings, 256-d int8, mean pooled), used only when that model is missing',
    family: 'static',
    shape: { layers: 0, hidden: 256, heads: 1, ffn: 0, vocab: 30_522, maxPositions: 512, positionOffset: 0 },
    realVocab: 30_522,
  },
];

/** int8 rows with one scale per row, from seeded normal numbers. */
function staticWeights(vocab: number, dim: number) {
  const values = new SeededNormal(11).fill(vocab * dim, 1);
  const table = new Int8Array(vocab * dim);
  const scales = new Float32Array(vocab);
  for (let r = 0; r < vocab; r++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(values[r * dim + d]));
    scales[r] = max / 127 || 1;
    for (let d = 0; d < dim; d++) table[r * dim + d] = Math.round(values[r * dim + d] / scales[r]);
  }
  return { table, scales, vocabSize: vocab, dim };
}

const DTYPE_FILES: Record<WeightDtype, string> = { fp32: 'model.onnx', q8: 'model_quantized.onnx' };

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 1));
}

/** Writes (or keeps, when already written from the same spec) one package; returns its folder. */
export function writeRefModel(spec: RefModelSpec, root: string, corpusText: string[], log: (m: string) => void): string {
  const dir = join(root, spec.id);
  const stampPath = join(dir, 'bench-spec.json');
  const stamp = JSON.stringify({ spec, generator: 3 });
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  mkdirSync(join(dir, '1_Pooling'), { recursive: true });
  const { shape } = spec;
  const common = {
    hidden_size: shape.hidden,
    num_hidden_layers: shape.layers,
    num_attention_heads: shape.heads,
    intermediate_size: shape.ffn,
    vocab_size: shape.vocab,
    max_position_embeddings: shape.maxPositions,
    hidden_act: 'gelu',
  };
  if (spec.family === 'bert' || spec.family === 'static') {
    const opts = { lowercase: true, stripAccents: true, maxLength: 512 };
    writeJson(join(dir, 'config.json'), { model_type: 'bert', architectures: ['BertModel'], pad_token_id: 0, ...common });
    // (a static model has the same tokenizer files; its config only needs hidden_size for the recipe)
    writeJson(join(dir, 'tokenizer.json'), wordPieceTokenizerJson(wordPieceVocab(corpusText, shape.vocab), opts));
    writeJson(join(dir, 'tokenizer_config.json'), bertTokenizerConfigJson(opts));
    writeJson(join(dir, 'special_tokens_map.json'), bertSpecialTokensMapJson());
  } else {
    writeJson(join(dir, 'config.json'), { model_type: 'xlm-roberta', architectures: ['XLMRobertaModel'], pad_token_id: 1, ...common });
    writeJson(join(dir, 'tokenizer.json'), unigramTokenizerJson(unigramPieces(corpusText, shape.vocab), { maxLength: 512 }));
    writeJson(join(dir, 'tokenizer_config.json'), xlmrTokenizerConfigJson({ maxLength: 512 }));
    writeJson(join(dir, 'special_tokens_map.json'), xlmrSpecialTokensMapJson());
  }
  writeJson(join(dir, 'modules.json'), [
    { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
    { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
    { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
  ]);
  writeJson(join(dir, '1_Pooling', 'config.json'), { word_embedding_dimension: shape.hidden, pooling_mode_mean_tokens: true });
  writeJson(join(dir, 'sentence_bert_config.json'), { max_seq_length: 512, do_lower_case: false });
  if (spec.family === 'static') {
    // One file: the table is int8 already, so there is no separate q8 variant (like esco-static-v1).
    writeJson(join(dir, 'recipe.json'), { dtype: { wasm: 'fp32', webgpu: 'fp32', cpu: 'fp32' }, name: `${spec.id} (random weights)` });
    writeFileSync(join(dir, 'onnx', DTYPE_FILES.fp32), buildStaticEmbeddingModel(staticWeights(shape.vocab, shape.hidden)));
    writeFileSync(stampPath, stamp);
    return dir;
  }
  writeJson(join(dir, 'recipe.json'), { dtype: { wasm: 'q8', webgpu: 'fp32', cpu: 'fp32' }, name: `${spec.id} (random weights)` });
  for (const dtype of ['fp32', 'q8'] as const) {
    const t0 = performance.now();
    const bytes = buildEncoderModel(shape, dtype, 7);
    writeFileSync(join(dir, 'onnx', DTYPE_FILES[dtype]), bytes);
    log(`  ${spec.id} ${dtype}: ${(bytes.length / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  writeFileSync(stampPath, stamp);
  return dir;
}
