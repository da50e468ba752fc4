// A small post-LayerNorm transformer encoder (BERT / XLM-R layout) written as ONNX ops, with the
// inputs and output names that `optimum-cli export onnx --task feature-extraction` gives such
// models: BERT takes input_ids, attention_mask, token_type_ids; XLM-R takes input_ids and
// attention_mask and derives its position ids from input_ids in the graph.
import { attr, model, serializeModel, valueInfo } from './builder';
import { GraphBuilder } from './graph-builder';

export type EncoderFlavour = 'bert' | 'xlm-roberta';

export interface EncoderSpec {
  flavour: EncoderFlavour;
  vocabSize: number;
  hidden: number;
  heads: number;
  intermediate: number;
  layers: number;
  maxPositions: number;
  /** Number of token types (BERT 2, XLM-R 1). */
  typeVocabSize: number;
  /** XLM-R padding_idx: positions start at padTokenId + 1 and skip pad tokens. */
  padTokenId: number;
  layerNormEps: number;
  activation: 'gelu' | 'relu';
}

/** A dense layer as MatMul weights: w is row-major [in, out] (torch's Linear.weight transposed). */
export interface Linear {
  w: Float32Array;
  b: Float32Array;
}

export interface LayerNormWeights {
  gamma: Float32Array;
  beta: Float32Array;
}

export interface EncoderLayerWeights {
  query: Linear;
  key: Linear;
  value: Linear;
  attnOut: Linear;
  attnLn: LayerNormWeights;
  ffnIn: Linear;
  ffnOut: Linear;
  ffnLn: LayerNormWeights;
}

export interface EncoderWeights {
  /** [vocabSize, hidden] */
  word: Float32Array;
  /** [maxPositions, hidden] */
  position: Float32Array;
  /** [typeVocabSize, hidden] */
  tokenType: Float32Array;
  embLn: LayerNormWeights;
  layers: EncoderLayerWeights[];
}

export function buildEncoderModel(spec: EncoderSpec, w: EncoderWeights): Uint8Array {
  const { hidden: H, heads, intermediate: I } = spec;
  if (H % heads !== 0) throw new Error(`hidden ${H} is not divisible by ${heads} heads`);
  const headDim = H / heads;
  const g = new GraphBuilder();

  // Names follow the HF module paths so a reader of the graph can map them to a checkpoint.
  const wordEmb = g.init('embeddings.word_embeddings.weight', w.word, [spec.vocabSize, H]);
  const posEmb = g.init('embeddings.position_embeddings.weight', w.position, [spec.maxPositions, H]);
  const typeEmb = g.init('embeddings.token_type_embeddings.weight', w.tokenType, [spec.typeVocabSize, H]);

  const words = g.op('Gather', [wordEmb, 'input_ids'], { axis: attr.int(0) });

  let positions: string;
  if (spec.flavour === 'bert') {
    // position_ids = arange(sequence length), shared by every row of the batch.
    const shape = g.op('Shape', ['input_ids']);
    const seqLen = g.op('Gather', [shape, g.int64('one', 1)], { axis: attr.int(0) });
    const zero = g.int64('zero', 0);
    const step = g.int64('step', 1);
    const ids = g.op('Range', [zero, seqLen, step]);
    positions = g.op('Gather', [posEmb, ids], { axis: attr.int(0) });
  } else {
    // XLM-R create_position_ids_from_input_ids: mask = ids != pad; cumsum(mask) * mask + pad.
    const padId = g.int64('pad_id', spec.padTokenId);
    const isPad = g.op('Equal', ['input_ids', padId]);
    const notPad = g.op('Cast', [g.op('Not', [isPad])], { to: attr.int(7) });
    const axis1 = g.int64('axis_one', 1);
    const running = g.op('CumSum', [notPad, axis1]);
    const ids = g.op('Add', [g.op('Mul', [running, notPad]), padId]);
    positions = g.op('Gather', [posEmb, ids], { axis: attr.int(0) });
  }

  let types: string;
  if (spec.flavour === 'bert') {
    types = g.op('Gather', [typeEmb, 'token_type_ids'], { axis: attr.int(0) });
  } else {
    // XLM-R has one token type and the export feeds none: every token gets row 0.
    const zeroIdx = g.int64('type_zero', 0);
    types = g.op('Gather', [typeEmb, zeroIdx], { axis: attr.int(0) });
  }

  const summed = g.op('Add', [g.op('Add', [words, positions]), types]);
  let x = layerNorm(g, summed, w.embLn, 'embeddings.LayerNorm', H, spec.layerNormEps);

  // Additive mask over keys: 0 where attended, -10000 where padded (exp underflows to exactly 0).
  const maskF = g.op('Cast', ['attention_mask'], { to: attr.int(1) });
  const inverted = g.op('Sub', [g.scalar('one_f', 1), maskF]);
  const bias2d = g.op('Mul', [inverted, g.scalar('mask_neg', -10000)]);
  const maskBias = g.op('Unsqueeze', [bias2d, g.int64s('axes_1_2', [1, 2])]);

  const splitShape = g.int64s('split_heads_shape', [0, 0, heads, headDim]);
  const mergeShape = g.int64s('merge_heads_shape', [0, 0, H]);
  const invSqrt = g.scalar('inv_sqrt_head_dim', 1 / Math.sqrt(headDim));

  w.layers.forEach((lw, li) => {
    const p = `encoder.layer.${li}`;
    const heads4 = (t: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [t, splitShape])], { perm: attr.ints(perm) });
    const q = heads4(linear(g, x, lw.query, `${p}.attention.self.query`, H, H), [0, 2, 1, 3]);
    const k = heads4(linear(g, x, lw.key, `${p}.attention.self.key`, H, H), [0, 2, 3, 1]);
    const v = heads4(linear(g, x, lw.value, `${p}.attention.self.value`, H, H), [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, k]), invSqrt]), maskBias]);
    const probs = g.op('Softmax', [scores], { axis: attr.int(-1) });
    const context = g.op('Transpose', [g.op('MatMul', [probs, v])], { perm: attr.ints([0, 2, 1, 3]) });
    const merged = g.op('Reshape', [context, mergeShape]);
    const attnOut = linear(g, merged, lw.attnOut, `${p}.attention.output.dense`, H, H);
    x = layerNorm(g, g.op('Add', [attnOut, x]), lw.attnLn, `${p}.attention.output.LayerNorm`, H, spec.layerNormEps);

    const inner = linear(g, x, lw.ffnIn, `${p}.intermediate.dense`, H, I);
    const activated = spec.activation === 'gelu' ? geluErf(g, inner) : g.op('Relu', [inner]);
    const ffnOut = linear(g, activated, lw.ffnOut, `${p}.output.dense`, I, H);
    x = layerNorm(g, g.op('Add', [ffnOut, x]), lw.ffnLn, `${p}.output.LayerNorm`, H, spec.layerNormEps);
  });

  g.op('Identity', [x], undefined, 'last_hidden_state');

  const inputs = [
    valueInfo('input_ids', 'int64', ['batch_size', 'sequence_length']),
    valueInfo('attention_mask', 'int64', ['batch_size', 'sequence_length']),
    ...(spec.flavour === 'bert' ? [valueInfo('token_type_ids', 'int64', ['batch_size', 'sequence_length'])] : []),
  ];
  const outputs = [valueInfo('last_hidden_state', 'float', ['batch_size', 'sequence_length', H])];
  return serializeModel(model(g.build('main_graph', inputs, outputs)));
}

function linear(g: GraphBuilder, x: string, l: Linear, name: string, inDim: number, outDim: number): string {
  const wName = g.init(`${name}.weight_t`, l.w, [inDim, outDim]);
  const bName = g.init(`${name}.bias`, l.b, [outDim]);
  return g.op('Add', [g.op('MatMul', [x, wName]), bName]);
}

function layerNorm(g: GraphBuilder, x: string, ln: LayerNormWeights, name: string, H: number, eps: number): string {
  const gamma = g.init(`${name}.weight`, ln.gamma, [H]);
  const beta = g.init(`${name}.bias`, ln.beta, [H]);
  return g.op('LayerNormalization', [x, gamma, beta], { axis: attr.int(-1), epsilon: attr.float(eps) });
}

/** Exact GELU, as torch exports it: 0.5 · x · (1 + erf(x / √2)). */
function geluErf(g: GraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.op('Div', [x, g.scalar('sqrt2', Math.SQRT2)])]);
  const onePlus = g.op('Add', [erf, g.scalar('one_f', 1)]);
  return g.op('Mul', [g.op('Mul', [x, onePlus]), g.scalar('half', 0.5)]);
}
