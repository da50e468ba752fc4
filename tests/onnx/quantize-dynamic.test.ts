import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { parseModel } from '../../tools/onnx/builder';
import { buildEncoderModel, type EncoderSpec } from '../../tools/onnx/encoder';
import { quantizeDynamic } from '../../tools/onnx/quantize-dynamic';
import { seededRng } from '../../tools/fixtures/prng';
import { randomEncoderWeights } from '../../tools/fixtures/tiny-weights';

const spec: EncoderSpec = {
  flavour: 'xlm-roberta', vocabSize: 64, hidden: 32, heads: 2, intermediate: 64, layers: 2,
  maxPositions: 34, typeVocabSize: 1, padTokenId: 1, layerNormEps: 1e-5, activation: 'gelu',
};

describe('dynamic int8 quantization', () => {
  const fp32 = buildEncoderModel(spec, randomEncoderWeights(spec, seededRng(7)));
  const { bytes: q8, report } = quantizeDynamic(fp32);

  it('rewrites every weight MatMul and embedding Gather the way onnxruntime quantize_dynamic does', () => {
    // 2 layers × (Q, K, V, attention output, FFN in, FFN out); word, position, token-type tables.
    expect(report).toEqual({ matMuls: 12, gathers: 3 });
    const ops = parseModel(q8).graph?.node?.map((n) => n.opType) ?? [];
    expect(ops.filter((o) => o === 'MatMulInteger')).toHaveLength(12);
    expect(ops.filter((o) => o === 'DynamicQuantizeLinear')).toHaveLength(12);
    expect(ops.filter((o) => o === 'DequantizeLinear')).toHaveLength(3);
    const floatWeights = parseModel(q8).graph?.initializer?.filter((t) => t.dataType === 1 && (t.dims?.length ?? 0) === 2);
    expect(floatWeights).toEqual([]);
    expect(q8.length).toBeLessThan(fp32.length / 2);
  });

  it('keeps the outputs close to the float model', async () => {
    const ids = BigInt64Array.from([0, 9, 17, 33, 5, 2].map(BigInt));
    const feeds = {
      input_ids: new ort.Tensor('int64', ids, [1, 6]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(6).fill(1n), [1, 6]),
    };
    const a = (await (await ort.InferenceSession.create(fp32)).run(feeds)).last_hidden_state.data as Float32Array;
    const b = (await (await ort.InferenceSession.create(q8)).run(feeds)).last_hidden_state.data as Float32Array;
    let dot = 0, na = 0, nb = 0;
    for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] ** 2; nb += b[i] ** 2; }
    expect(dot / Math.sqrt(na * nb)).toBeGreaterThan(0.99);
    expect(Array.from(a)).not.toEqual(Array.from(b));
  });
});
