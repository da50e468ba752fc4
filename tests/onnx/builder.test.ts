import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { attr, graph, model, node, parseModel, serializeModel, tensor, valueInfo } from '../../tools/onnx/builder';

// y = x·W + b, then Gather of the rows named by int64 ids, then a Cast of an int8 constant:
// covers float/int8/int64 initializers, symbolic dims and int/tensor attributes.
function buildTinyModel(): Uint8Array {
  const w = new Float32Array([1, 2, 3, 4, 5, 6]); // [2, 3]
  const b = new Float32Array([0.5, -1, 2]);
  const ids = new BigInt64Array([1n, 0n]);
  const nodes = [
    node('MatMul', ['x', 'w'], ['xw']),
    node('Add', ['xw', 'b'], ['y']),
    node('Gather', ['y', 'ids'], ['picked'], { attrs: { axis: attr.int(0) } }),
    node('Constant', [], ['k8'], { attrs: { value: attr.tensor(tensor('k8v', new Int8Array([-3, 7]), [2])) } }),
    node('Cast', ['k8'], ['k'], { attrs: { to: attr.int(1) } }),
  ];
  const g = graph({
    name: 'tiny',
    nodes,
    inputs: [valueInfo('x', 'float', ['batch', 2])],
    outputs: [valueInfo('picked', 'float', [2, 3]), valueInfo('k', 'float', [2])],
    initializers: [tensor('w', w, [2, 3]), tensor('b', b, [3]), tensor('ids', ids, [2])],
  });
  return serializeModel(model(g));
}

describe('ONNX builder', () => {
  it('builds a model that onnxruntime-node runs with the expected numbers', async () => {
    const session = await ort.InferenceSession.create(buildTinyModel());
    const x = new ort.Tensor('float32', new Float32Array([1, 0, 2, -1]), [2, 2]);
    const out = await session.run({ x });
    // x·W = [[1,2,3],[2-4,4-5,6-6]] = [[1,2,3],[-2,-1,0]]; + b = [[1.5,1,5],[-1.5,-2,2]]; rows [1,0]
    expect(Array.from(out.picked.data as Float32Array)).toEqual([-1.5, -2, 2, 1.5, 1, 5]);
    expect(out.picked.dims).toEqual([2, 3]);
    expect(Array.from(out.k.data as Float32Array)).toEqual([-3, 7]);
  });

  it('is deterministic and records opset 17, IR 8 and the producer name', () => {
    const a = buildTinyModel();
    const b = buildTinyModel();
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const parsed = parseModel(a);
    expect(Number(parsed.irVersion)).toBe(8);
    expect(parsed.producerName).toBe('esco-matcher');
    expect(parsed.opsetImport?.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(parsed.graph?.input?.[0].type?.tensorType?.shape?.dim?.[0].dimParam).toBe('batch');
  });

  it('rejects data that does not fill the declared shape', () => {
    expect(() => tensor('bad', new Float32Array(5), [2, 3])).toThrow(/do not fit/);
  });
});
