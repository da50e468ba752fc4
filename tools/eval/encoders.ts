/**
 * Encoders for the eval. `engine` runs the shipped package through the project's engine
 * (tokenizer.json → ONNX → mean pool → normalize), which is what the final figures use.
 * `table` runs a float token table in-process (the trainer's own forward pass) for quick checks
 * while iterating on training, before a package exists.
 */
import { knownWordFilter } from '../../workers/engine/search/knownText.js';
import type { LexicalSearcher } from '../../workers/engine/search/translate.js';
import type { StaticModel } from '../train/model.js';
import type { WordPieceTokenizer } from '../train/wordpiece.js';
import type { Encode } from './dense.js';

/**
 * The part of a query the lexical index knows and the model never saw (knownText.ts gap; 0 for a
 * model that lists no training words), as the app's fusion takes it.
 */
export type ModelGap = (text: string, lexical: Pick<LexicalSearcher, 'knowsHow'>) => number;

export async function engineEncoder(modelDir: string, dtype = 'q8'): Promise<{ encode: Encode; dim: number; describe: string; modelGap: ModelGap }> {
  const { loadNodeEmbedder } = await import('../../workers/engine/runtime/node.node.js');
  const embedder = await loadNodeEmbedder(modelDir, { dtype });
  const probe = await embedder.embed(['probe'], { role: 'query' });
  const known = await embedder.knownWords();
  return {
    dim: probe.length,
    describe: `engine (loadNodeEmbedder, dtype ${dtype}, onnxruntime-node)`,
    encode: (texts, role) => embedder.embed(texts, { role, batchSize: 256 }),
    modelGap: known ? (text, lexical) => knownWordFilter(known).gap(text, lexical) : () => 0,
  };
}

export function tableEncoder(model: StaticModel, tokenizer: WordPieceTokenizer, maxLength = 512): { encode: Encode; dim: number; describe: string } {
  return {
    dim: model.dim,
    describe: 'in-process float table',
    encode: async (texts) => model.embedAll(texts.map((t) => tokenizer.encode(t, maxLength))),
  };
}
