// Typed helpers over the protobufjs-generated ONNX types of `onnx-proto`, for writing small ONNX
// models by hand (test fixtures, the static-embedding graph). Same inputs give identical bytes:
// nothing here reads the clock, random numbers or object-key order that the caller did not set.
import { createRequire } from 'node:module';
import type { onnx as OnnxNamespace } from 'onnx-proto';

// onnx-proto is CommonJS with `module.exports = root`; Node's ESM loader exposes only `default`
// for it, so load it through require to get the same object under tsx, vitest and node.
const require = createRequire(import.meta.url);
const { onnx } = require('onnx-proto') as { onnx: typeof OnnxNamespace };

export type TensorProto = OnnxNamespace.ITensorProto;
export type NodeProto = OnnxNamespace.INodeProto;
export type ValueInfoProto = OnnxNamespace.IValueInfoProto;
export type GraphProto = OnnxNamespace.IGraphProto;
export type ModelProto = OnnxNamespace.IModelProto;
export type AttributeProto = OnnxNamespace.IAttributeProto;

export const DataType = {
  float: 1,
  uint8: 2,
  int8: 3,
  int32: 6,
  int64: 7,
  bool: 9,
} as const;
export type ElemType = keyof typeof DataType;

export type TensorData = Float32Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function elemTypeOf(data: TensorData): ElemType {
  if (data instanceof Float32Array) return 'float';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int32Array) return 'int32';
  return 'int64';
}

/** Dims element count; throws when the data does not fill the shape exactly. */
function checkShape(name: string, length: number, dims: readonly number[]): void {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== length) {
    throw new Error(`tensor ${name}: ${length} values do not fit dims [${dims.join(', ')}]`);
  }
}

/**
 * An initializer (or Constant value) stored as raw little-endian bytes, the form ONNX exporters
 * write and every runtime reads.
 */
export function tensor(name: string, data: TensorData, dims: readonly number[]): TensorProto {
  if (!isLittleEndian) throw new Error('ONNX raw_data is little-endian; this host is not');
  checkShape(name, data.length, dims);
  const rawData = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  return { name, dataType: DataType[elemTypeOf(data)], dims: [...dims], rawData };
}

/** A graph input/output description; string dims are symbolic ('batch', 'sequence'). */
export function valueInfo(name: string, elemType: ElemType, dims: readonly (number | string)[]): ValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DataType[elemType],
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/** Attribute values, tagged so that 1 (int) and 1.0 (float) cannot be confused. */
export type AttrValue =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'floats'; value: readonly number[] }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: TensorProto };

export const attr = {
  int: (value: number): AttrValue => ({ kind: 'int', value }),
  float: (value: number): AttrValue => ({ kind: 'float', value }),
  ints: (value: readonly number[]): AttrValue => ({ kind: 'ints', value }),
  floats: (value: readonly number[]): AttrValue => ({ kind: 'floats', value }),
  string: (value: string): AttrValue => ({ kind: 'string', value }),
  tensor: (value: TensorProto): AttrValue => ({ kind: 'tensor', value }),
};

const AttributeType = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7 } as const;

function attributeProto(name: string, a: AttrValue): AttributeProto {
  const type = AttributeType[a.kind];
  switch (a.kind) {
    case 'int':
      if (!Number.isSafeInteger(a.value)) throw new Error(`attribute ${name}: ${a.value} is not an integer`);
      return { name, type, i: a.value };
    case 'float':
      return { name, type, f: a.value };
    case 'ints':
      return { name, type, ints: [...a.value] };
    case 'floats':
      return { name, type, floats: [...a.value] };
    case 'string':
      return { name, type, s: new TextEncoder().encode(a.value) };
    case 'tensor':
      return { name, type, t: a.value };
  }
}

export interface NodeOptions {
  name?: string;
  domain?: string;
  attrs?: Record<string, AttrValue>;
}

export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  options: NodeOptions = {},
): NodeProto {
  const attribute = Object.entries(options.attrs ?? {}).map(([k, v]) => attributeProto(k, v));
  return {
    opType,
    input: [...inputs],
    output: [...outputs],
    ...(options.name ? { name: options.name } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
    ...(attribute.length > 0 ? { attribute } : {}),
  };
}

export interface GraphSpec {
  name: string;
  nodes: NodeProto[];
  inputs: ValueInfoProto[];
  outputs: ValueInfoProto[];
  initializers?: TensorProto[];
}

export function graph(spec: GraphSpec): GraphProto {
  return {
    name: spec.name,
    node: spec.nodes,
    input: spec.inputs,
    output: spec.outputs,
    initializer: spec.initializers ?? [],
  };
}

export interface ModelOptions {
  /** Default opset of the ai.onnx domain: 17. */
  opset?: number;
  /** Extra operator sets, e.g. { domain: 'com.microsoft', version: 1 }. */
  extraOpsets?: { domain: string; version: number }[];
}

export const PRODUCER_NAME = 'esco-matcher';

export function model(g: GraphProto, options: ModelOptions = {}): ModelProto {
  return {
    irVersion: 8,
    producerName: PRODUCER_NAME,
    opsetImport: [{ domain: '', version: options.opset ?? 17 }, ...(options.extraOpsets ?? [])],
    graph: g,
  };
}

export function serializeModel(m: ModelProto): Uint8Array {
  const err = onnx.ModelProto.verify(m);
  if (err) throw new Error(`invalid ModelProto: ${err}`);
  return onnx.ModelProto.encode(m).finish();
}

/** Parses model bytes back (for tests and for the quantizer, which rewrites a built model). */
export function parseModel(bytes: Uint8Array): ModelProto {
  return onnx.ModelProto.decode(bytes);
}
