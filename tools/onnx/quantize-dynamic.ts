// Int8 dynamic quantization of a float model, in the form onnxruntime's `quantize_dynamic` (and
// hence `optimum-cli onnxruntime quantize`, the `model_quantized.onnx` files transformers.js loads
// for dtype 'q8') writes:
//  - MatMul with a constant weight → DynamicQuantizeLinear(activation) + MatMulInteger(uint8 × int8)
//    + Cast + Mul by (activation scale × weight scale);
//  - Gather from a constant table (embeddings) → Gather from the int8 table + DequantizeLinear.
// Weights are quantized per tensor, symmetric (zero point 0), as quantize_dynamic does for QInt8.
import {
  type ModelProto,
  type NodeProto,
  type TensorProto,
  DataType,
  attr,
  node,
  parseModel,
  serializeModel,
  tensor,
} from './builder';

function floatData(t: TensorProto): Float32Array | null {
  if (t.dataType !== DataType.float) return null;
  if (t.rawData && t.rawData.length > 0) {
    const bytes = Uint8Array.from(t.rawData); // aligned copy (a decoded Buffer slice is a view)
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }
  return t.floatData ? Float32Array.from(t.floatData) : null;
}

function quantizeSymmetric(values: Float32Array): { q: Int8Array; scale: number } {
  let maxAbs = 0;
  for (const v of values) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs === 0 ? 1 : maxAbs / 127;
  const q = Int8Array.from(values, (v) => Math.max(-127, Math.min(127, Math.round(v / scale))));
  return { q, scale };
}

export interface QuantizeReport {
  matMuls: number;
  gathers: number;
}

export function quantizeDynamic(modelBytes: Uint8Array): { bytes: Uint8Array; report: QuantizeReport } {
  const m: ModelProto = parseModel(modelBytes);
  const g = m.graph;
  if (!g) throw new Error('model has no graph');
  const inits = new Map((g.initializer ?? []).map((t) => [t.name ?? '', t]));
  const added: TensorProto[] = [];
  const quantized = new Map<string, { q: string; scale: string; zp: string }>();
  const report: QuantizeReport = { matMuls: 0, gathers: 0 };

  const quantizedWeight = (name: string): { q: string; scale: string; zp: string } | null => {
    const done = quantized.get(name);
    if (done) return done;
    const t = inits.get(name);
    const data = t ? floatData(t) : null;
    if (!t || !data) return null;
    const { q, scale } = quantizeSymmetric(data);
    const dims = (t.dims ?? []).map(Number);
    const names = { q: `${name}_quantized`, scale: `${name}_scale`, zp: `${name}_zero_point` };
    added.push(tensor(names.q, q, dims), tensor(names.scale, new Float32Array([scale]), []), tensor(names.zp, new Int8Array([0]), []));
    quantized.set(name, names);
    return names;
  };

  const nodes: NodeProto[] = [];
  for (const n of g.node ?? []) {
    const inputs = n.input ?? [];
    const out = (n.output ?? [])[0] ?? '';
    const weightDims = inits.get(inputs[1] ?? '')?.dims?.length;
    if (n.opType === 'MatMul' && weightDims === 2) {
      const w = quantizedWeight(inputs[1]);
      if (w) {
        const [xq, xs, xzp] = [`${out}_x_quantized`, `${out}_x_scale`, `${out}_x_zero_point`];
        nodes.push(
          node('DynamicQuantizeLinear', [inputs[0]], [xq, xs, xzp], { name: `${n.name}_dynamic_quantize` }),
          node('MatMulInteger', [xq, w.q, xzp, w.zp], [`${out}_int32`], { name: `${n.name}_matmul_integer` }),
          node('Cast', [`${out}_int32`], [`${out}_int32_float`], { name: `${n.name}_cast`, attrs: { to: attr.int(1) } }),
          node('Mul', [xs, w.scale], [`${out}_scale`], { name: `${n.name}_scale_mul` }),
          node('Mul', [`${out}_int32_float`, `${out}_scale`], [out], { name: `${n.name}_output_mul` }),
        );
        report.matMuls += 1;
        continue;
      }
    }
    const axis = Number(n.attribute?.find((a) => a.name === 'axis')?.i ?? 0);
    if (n.opType === 'Gather' && axis === 0 && inits.has(inputs[0])) {
      const w = quantizedWeight(inputs[0]);
      if (w) {
        nodes.push(
          node('Gather', [w.q, inputs[1]], [`${out}_quantized`], { name: `${n.name}_quantized`, attrs: { axis: attr.int(0) } }),
          node('DequantizeLinear', [`${out}_quantized`, w.scale, w.zp], [out], { name: `${n.name}_dequantize` }),
        );
        report.gathers += 1;
        continue;
      }
    }
    nodes.push(n);
  }

  // Drop float weights nothing reads any more.
  const used = new Set(nodes.flatMap((n) => n.input ?? []));
  const kept = (g.initializer ?? []).filter((t) => used.has(t.name ?? ''));
  const out: ModelProto = { ...m, graph: { ...g, node: nodes, initializer: [...kept, ...added] } };
  return { bytes: serializeModel(out), report };
}
