import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { buildEncoderModel, type EncoderShape } from './encoderGraph';

// A small encoder of the same structure as the reference shapes: what the bench times must be a
// working transformer, and its q8 file must compute what its fp32 file computes.
const TINY: EncoderShape = { layers: 2, hidden: 32, heads: 4, ffn: 64, vocab: 50, maxPositions: 16, positionOffset: 2 };

async function lastHidden(bytes: Uint8Array, ids: number[][], mask: number[][]): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const session = await ort.InferenceSession.create(bytes);
  const seq = ids[0].length;
  const t = (rows: number[][]) => new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, seq]);
  const out = await session.run({ input_ids: t(ids), attention_mask: t(mask) });
  await session.release();
  const h = out.last_hidden_state;
  return { dims: h.dims, data: h.data as Float32Array };
}

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] ** 2; bb += b[i] ** 2; }
  return ab / Math.sqrt(aa * bb);
}

describe('random-weight encoder graph', () => {
  const ids = [[0, 7, 9, 11, 2], [0, 13, 2, 1, 1]];
  const mask = [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0]];

  it('runs in onnxruntime and returns one hidden vector per token', async () => {
    const h = await lastHidden(buildEncoderModel(TINY, 'fp32'), ids, mask);
    expect(h.dims).toEqual([2, 5, 32]);
    expect(h.data.every(Number.isFinite)).toBe(true);
    // Different tokens get different vectors: the graph is not a constant.
    expect(cosine(h.data.subarray(32, 64), h.data.subarray(64, 96))).toBeLessThan(0.99);
  });

  it('q8 weights give nearly the same hidden states as fp32', async () => {
    const fp32 = await lastHidden(buildEncoderModel(TINY, 'fp32'), ids, mask);
    const q8 = await lastHidden(buildEncoderModel(TINY, 'q8'), ids, mask);
    expect(cosine(fp32.data, q8.data)).toBeGreaterThan(0.98);
  });

  it('is deterministic: same seed, same bytes; another seed, other weights', () => {
    const a = buildEncoderModel(TINY, 'q8', 3);
    expect(Buffer.from(buildEncoderModel(TINY, 'q8', 3)).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(buildEncoderModel(TINY, 'q8', 4)).equals(Buffer.from(a))).toBe(false);
  });

  it('padding does not change the vectors of real tokens', async () => {
    const bytes = buildEncoderModel(TINY, 'fp32');
    const padded = await lastHidden(bytes, [[0, 13, 2, 1, 1]], [[1, 1, 1, 0, 0]]);
    const alone = await lastHidden(bytes, [[0, 13, 2]], [[1, 1, 1]]);
    expect(cosine(padded.data.subarray(0, 96), alone.data)).toBeGreaterThan(0.9999);
  });
});
