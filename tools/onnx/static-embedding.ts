// The static-embedding graph: each token id looks up an int8 row and its own float scale, so the
// output is table[id] * scale[id]. Pooling and normalisation happen outside, in the engine.
// `attention_mask` is declared so that transformers.js feeds it like for any encoder; the graph
// does not read it (an unused input is legal ONNX and onnxruntime accepts the feed).
import { attr, graph, model, node, serializeModel, tensor, valueInfo } from './builder';

export interface StaticEmbeddingWeights {
  /** Row-major [vocabSize, dim] int8 token table. */
  table: Int8Array;
  /** One dequantisation scale per row: [vocabSize]. */
  scales: Float32Array;
  vocabSize: number;
  dim: number;
}

export function buildStaticEmbeddingModel(w: StaticEmbeddingWeights): Uint8Array {
  if (w.table.length !== w.vocabSize * w.dim) {
    throw new Error(`table has ${w.table.length} values, expected ${w.vocabSize}×${w.dim}`);
  }
  if (w.scales.length !== w.vocabSize) {
    throw new Error(`scales has ${w.scales.length} values, expected ${w.vocabSize}`);
  }
  const nodes = [
    node('Gather', ['token_table', 'input_ids'], ['rows_int8'], { attrs: { axis: attr.int(0) } }),
    node('Cast', ['rows_int8'], ['rows'], { attrs: { to: attr.int(1) } }),
    node('Gather', ['row_scales', 'input_ids'], ['scales_2d'], { attrs: { axis: attr.int(0) } }),
    node('Unsqueeze', ['scales_2d', 'last_axis'], ['scales_3d']),
    node('Mul', ['rows', 'scales_3d'], ['last_hidden_state']),
  ];
  const g = graph({
    name: 'static_embedding',
    nodes,
    inputs: [
      valueInfo('input_ids', 'int64', ['batch', 'sequence']),
      valueInfo('attention_mask', 'int64', ['batch', 'sequence']),
    ],
    outputs: [valueInfo('last_hidden_state', 'float', ['batch', 'sequence', w.dim])],
    initializers: [
      tensor('token_table', w.table, [w.vocabSize, w.dim]),
      tensor('row_scales', w.scales, [w.vocabSize]),
      tensor('last_axis', new BigInt64Array([-1n]), [1]),
    ],
  });
  return serializeModel(model(g));
}
