import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { buildStaticEmbeddingModel } from '../../tools/onnx/static-embedding';

const vocabSize = 6;
const dim = 4;
const table = Int8Array.from({ length: vocabSize * dim }, (_, i) => ((i * 37) % 255) - 127);
const scales = Float32Array.from({ length: vocabSize }, (_, i) => 0.01 * (i + 1));

describe('static-embedding graph', () => {
  it('returns table[id] * scale[id] for every token, shaped [batch, sequence, dim]', async () => {
    const session = await ort.InferenceSession.create(buildStaticEmbeddingModel({ table, scales, vocabSize, dim }));
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask']);
    const ids = [2n, 5n, 0n, 3n, 3n, 1n];
    const out = await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids), [2, 3]),
      attention_mask: new ort.Tensor('int64', BigInt64Array.from([1n, 1n, 0n, 1n, 1n, 1n]), [2, 3]),
    });
    const h = out.last_hidden_state;
    expect(h.dims).toEqual([2, 3, dim]);
    const data = h.data as Float32Array;
    ids.forEach((id, t) => {
      for (let d = 0; d < dim; d++) {
        const expected = table[Number(id) * dim + d] * scales[Number(id)];
        expect(data[t * dim + d]).toBeCloseTo(expected, 6);
      }
    });
  });

  it('is deterministic and refuses a table that does not match vocabSize×dim', () => {
    const a = buildStaticEmbeddingModel({ table, scales, vocabSize, dim });
    const b = buildStaticEmbeddingModel({ table, scales, vocabSize, dim });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(() => buildStaticEmbeddingModel({ table, scales, vocabSize: 5, dim })).toThrow(/expected 5×4/);
  });
});
