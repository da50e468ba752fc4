// A BERT / XLM-R style transformer encoder as an ONNX graph, with random weights: the compute of a
// real checkpoint of the same shape (same MatMuls, attention, LayerNorms, GELU), none of its meaning.
// Used only to time reference-shape models that cannot be downloaded here.
//
// The op pattern is the one `torch.onnx.export` writes at opset 17 (Erf-based GELU, Softmax over
// scaled QKᵀ plus an additive mask), which onnxruntime fuses at session start as it does for real
// exports. The q8 variant is what onnxruntime's `quantize_dynamic` writes (the `model_quantized.onnx`
// of transformers.js packages): int8 weights per tensor, activations quantised at run time by
// DynamicQuantizeLinear, MatMulInteger, then rescaled.
import { valueInfo, model, serializeModel } from '../../onnx/builder';
import { attr } from '../../onnx/builder';
import { GraphBuilder } from '../../onnx/graph-builder';

export interface EncoderShape {
  layers: number;
  hidden: number;
  heads: number;
  ffn: number;
  vocab: number;
  maxPositions: number;
  /** XLM-R numbers positions from padding_idx + 1 = 2; BERT from 0. */
  positionOffset: number;
}

export type WeightDtype = 'fp32' | 'q8';

/** Deterministic normal(0, std) numbers (mulberry32 + Box–Muller): same seed, same bytes. */
export class SeededNormal {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  private uniform(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  fill(count: number, std: number): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i += 2) {
      const u = Math.max(this.uniform(), 1e-12);
      const r = std * Math.sqrt(-2 * Math.log(u));
      const a = 2 * Math.PI * this.uniform();
      out[i] = r * Math.cos(a);
      if (i + 1 < count) out[i + 1] = r * Math.sin(a);
    }
    return out;
  }
}

/** Symmetric per-tensor int8 quantisation (zero point 0), as quantize_dynamic does for QInt8 weights. */
function quantizeInt8(w: Float32Array): { q: Int8Array; scale: number } {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i] / scale)));
  return { q, scale };
}

class EncoderWriter {
  readonly g = new GraphBuilder();
  constructor(
    private readonly rng: SeededNormal,
    private readonly dtype: WeightDtype,
  ) {}

  weight(name: string, dims: number[], std = 0.02): Float32Array {
    return this.rng.fill(dims.reduce((a, b) => a * b, 1), std);
  }

  /** x·W + b with W [in, out]; in q8 the MatMul becomes DynamicQuantizeLinear → MatMulInteger → rescale. */
  linear(x: string, name: string, inDim: number, outDim: number): string {
    const w = this.weight(name, [inDim, outDim]);
    const b = this.g.init(`${name}.bias`, new Float32Array(outDim), [outDim]);
    if (this.dtype === 'fp32') {
      const wName = this.g.init(`${name}.weight`, w, [inDim, outDim]);
      return this.g.op('Add', [this.g.op('MatMul', [x, wName]), b]);
    }
    const { q, scale } = quantizeInt8(w);
    const wName = this.g.init(`${name}.weight_quantized`, q, [inDim, outDim]);
    const wZero = this.g.init(`${name}.weight_zero_point`, new Int8Array([0]), []);
    const wScale = this.g.init(`${name}.weight_scale`, new Float32Array([scale]), []);
    const [xq, xScale, xZero] = this.g.opN('DynamicQuantizeLinear', [x], 3);
    const acc = this.g.op('MatMulInteger', [xq, wName, xZero, wZero]);
    const accF = this.g.op('Cast', [acc], { to: attr.int(1) });
    const scales = this.g.op('Mul', [xScale, wScale]);
    return this.g.op('Add', [this.g.op('Mul', [accF, scales]), b]);
  }

  layerNorm(x: string, name: string, hidden: number): string {
    const gamma = this.g.init(`${name}.weight`, new Float32Array(hidden).fill(1), [hidden]);
    const beta = this.g.init(`${name}.bias`, new Float32Array(hidden), [hidden]);
    return this.g.op('LayerNormalization', [x, gamma, beta], { axis: attr.int(-1), epsilon: attr.float(1e-12) });
  }

  /** GELU as exported at opset < 20: 0.5·x·(1 + erf(x/√2)). */
  gelu(x: string): string {
    const scaled = this.g.op('Div', [x, this.g.scalar('sqrt2', Math.SQRT2)]);
    const erf1 = this.g.op('Add', [this.g.op('Erf', [scaled]), this.g.scalar('one', 1)]);
    return this.g.op('Mul', [this.g.op('Mul', [x, erf1]), this.g.scalar('half', 0.5)]);
  }
}

/** Serialized ONNX bytes of a random-weight encoder with output `last_hidden_state` [batch, sequence, hidden]. */
export function buildEncoderModel(shape: EncoderShape, dtype: WeightDtype, seed = 1): Uint8Array {
  const { layers, hidden, heads, ffn, vocab, maxPositions, positionOffset } = shape;
  if (hidden % heads !== 0) throw new Error(`hidden ${hidden} is not divisible by heads ${heads}`);
  const headDim = hidden / heads;
  const w = new EncoderWriter(new SeededNormal(seed), dtype);
  const g = w.g;

  // Embeddings: word + position (+ token type 0, folded into one row) → LayerNorm.
  const wordEmb = g.init('embeddings.word_embeddings.weight', w.weight('word', [vocab, hidden]), [vocab, hidden]);
  const posEmb = g.init('embeddings.position_embeddings.weight', w.weight('pos', [maxPositions, hidden]), [maxPositions, hidden]);
  const typeRow = g.init('embeddings.token_type_embeddings.row0', w.weight('type', [hidden]), [hidden]);
  const seqLen = g.op('Gather', [g.op('Shape', ['input_ids']), g.int64s('one_index', [1])], { axis: attr.int(0) });
  const seqScalar = g.op('Squeeze', [seqLen, g.int64s('axis0', [0])]);
  const start = g.init('position_start', new BigInt64Array([BigInt(positionOffset)]), []);
  const step = g.init('position_step', new BigInt64Array([1n]), []);
  const end = g.op('Add', [seqScalar, start]);
  const positions = g.op('Range', [start, end, step]);
  let x = g.op('Add', [g.op('Gather', [wordEmb, 'input_ids'], { axis: attr.int(0) }), g.op('Gather', [posEmb, positions], { axis: attr.int(0) })]);
  x = w.layerNorm(g.op('Add', [x, typeRow]), 'embeddings.LayerNorm', hidden);

  // Additive attention mask [batch, 1, 1, sequence]: 0 where attended, -10000 on padding.
  const maskF = g.op('Cast', ['attention_mask'], { to: attr.int(1) });
  const maskInv = g.op('Sub', [g.scalar('mask_one', 1), maskF]);
  const maskBias = g.op('Unsqueeze', [g.op('Mul', [maskInv, g.scalar('mask_neg', -10000)]), g.int64s('mask_axes', [1, 2])]);

  const splitHeads = g.int64s('split_heads_shape', [0, 0, heads, headDim]);
  const mergeHeads = g.int64s('merge_heads_shape', [0, 0, hidden]);
  const invSqrt = g.scalar('attention_scale', 1 / Math.sqrt(headDim));
  for (let l = 0; l < layers; l++) {
    const p = `encoder.layer.${l}`;
    const q = g.op('Transpose', [g.op('Reshape', [w.linear(x, `${p}.attention.self.query`, hidden, hidden), splitHeads])], { perm: attr.ints([0, 2, 1, 3]) });
    const k = g.op('Transpose', [g.op('Reshape', [w.linear(x, `${p}.attention.self.key`, hidden, hidden), splitHeads])], { perm: attr.ints([0, 2, 3, 1]) });
    const v = g.op('Transpose', [g.op('Reshape', [w.linear(x, `${p}.attention.self.value`, hidden, hidden), splitHeads])], { perm: attr.ints([0, 2, 1, 3]) });
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, k]), invSqrt]), maskBias]);
    const probs = g.op('Softmax', [scores], { axis: attr.int(-1) });
    const context = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [probs, v])], { perm: attr.ints([0, 2, 1, 3]) }), mergeHeads]);
    const attnOut = w.linear(context, `${p}.attention.output.dense`, hidden, hidden);
    x = w.layerNorm(g.op('Add', [attnOut, x]), `${p}.attention.output.LayerNorm`, hidden);
    const inter = w.gelu(w.linear(x, `${p}.intermediate.dense`, hidden, ffn));
    const out = w.linear(inter, `${p}.output.dense`, ffn, hidden);
    x = w.layerNorm(g.op('Add', [out, x]), `${p}.output.LayerNorm`, hidden);
  }
  g.op('Identity', [x], undefined, 'last_hidden_state');

  const graph = g.build(
    `random_${layers}x${hidden}_${dtype}`,
    [valueInfo('input_ids', 'int64', ['batch', 'sequence']), valueInfo('attention_mask', 'int64', ['batch', 'sequence'])],
    [valueInfo('last_hidden_state', 'float', ['batch', 'sequence', hidden])],
  );
  return serializeModel(model(graph, { opset: 17 }));
}
