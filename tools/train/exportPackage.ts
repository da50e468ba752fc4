/**
 * Writes a trained static model as a transformers.js / sentence-transformers package:
 * onnx/model_quantized.onnx (int8 rows, one float scale per row), WordPiece tokenizer files (the
 * vocabulary lives in tokenizer.json: no separate vocab.txt to download),
 * config.json, the sentence-transformers module files (Transformer → mean Pooling → Normalize) and
 * known_words.txt, the words of the training text.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStaticEmbeddingModel } from '../onnx/static-embedding.js';
import { bertSpecialTokensMapJson, bertTokenizerConfigJson, wordPieceTokenizerJson } from '../onnx/tokenizer-json.js';
import { KNOWN_WORDS_FILE } from '../../workers/engine/embed/knownWords.js';
import type { StaticModel } from './model.js';

export const MAX_LENGTH = 512;

export interface QuantizedTable {
  table: Int8Array;
  scales: Float32Array;
}

/** Symmetric per-row int8: row = int8 * scale, scale = max|row| / 127. */
export function quantizeRows(model: StaticModel): QuantizedTable {
  const { vocabSize, dim, table } = model;
  const q = new Int8Array(vocabSize * dim);
  const scales = new Float32Array(vocabSize);
  for (let r = 0; r < vocabSize; r++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(table[r * dim + d]));
    const scale = max > 0 ? max / 127 : 1;
    scales[r] = scale;
    for (let d = 0; d < dim; d++) q[r * dim + d] = Math.round(table[r * dim + d] / scale);
  }
  return { table: q, scales };
}

/** The float model the int8 package computes (for checks and for evaluating before export). */
export function dequantize(q: QuantizedTable, vocabSize: number, dim: number): Float32Array {
  const out = new Float32Array(vocabSize * dim);
  for (let r = 0; r < vocabSize; r++) for (let d = 0; d < dim; d++) out[r * dim + d] = q.table[r * dim + d] * q.scales[r];
  return out;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/**
 * `knownWords`: the words of the training text (loop.ts knownWordList), written as the package's
 * known_words.txt; the engine embeds long texts' segments without the words it lacks.
 */
export function writeModelPackage(
  dir: string,
  vocab: string[],
  model: StaticModel,
  extra: { readme: string; writeRecipe: boolean; knownWords: string[] },
): { onnxBytes: number } {
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  mkdirSync(join(dir, '1_Pooling'), { recursive: true });
  const q = quantizeRows(model);
  const onnx = buildStaticEmbeddingModel({ table: q.table, scales: q.scales, vocabSize: model.vocabSize, dim: model.dim });
  writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), onnx);
  const opts = { lowercase: true, stripAccents: true, maxLength: MAX_LENGTH };
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(wordPieceTokenizerJson(vocab, opts)));
  writeFileSync(join(dir, 'tokenizer_config.json'), json(bertTokenizerConfigJson(opts)));
  writeFileSync(join(dir, 'special_tokens_map.json'), json(bertSpecialTokensMapJson()));
  writeFileSync(
    join(dir, 'config.json'),
    json({
      // A BERT-shaped config so that transformers.js picks its encoder path; the graph itself is a
      // token table (no attention layers), which the two fields below say for people.
      model_type: 'bert',
      architectures: ['StaticEmbedding'],
      hidden_size: model.dim,
      vocab_size: model.vocabSize,
      max_position_embeddings: MAX_LENGTH,
      num_hidden_layers: 0,
      num_attention_heads: 1,
      intermediate_size: model.dim,
      pad_token_id: 0,
      type_vocab_size: 2,
    }),
  );
  writeFileSync(
    join(dir, 'modules.json'),
    json([
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
      { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
    ]),
  );
  writeFileSync(
    join(dir, '1_Pooling', 'config.json'),
    json({
      word_embedding_dimension: model.dim,
      pooling_mode_cls_token: false,
      pooling_mode_mean_tokens: true,
      pooling_mode_max_tokens: false,
      pooling_mode_mean_sqrt_len_tokens: false,
      pooling_mode_weightedmean_tokens: false,
      pooling_mode_lasttoken: false,
      include_prompt: true,
    }),
  );
  writeFileSync(join(dir, 'sentence_bert_config.json'), json({ max_seq_length: MAX_LENGTH, do_lower_case: false }));
  writeFileSync(join(dir, KNOWN_WORDS_FILE), extra.knownWords.join('\n') + '\n');
  if (extra.writeRecipe) writeFileSync(join(dir, 'recipe.json'), json({ dtype: { wasm: 'q8', webgpu: 'q8', cpu: 'q8' }, knownWords: KNOWN_WORDS_FILE }));
  writeFileSync(join(dir, 'README.md'), extra.readme);
  return { onnxBytes: onnx.byteLength };
}
