import { halfToFloat } from './half';

/**
 * Minimal safetensors reader: 8-byte little-endian header length, a JSON header
 * { name: { dtype, shape, data_offsets: [start, end] } }, then the raw little-endian tensor bytes.
 * Only what Dense heads need: F32, F16, BF16 and F64, all returned as Float32Array.
 */

export interface SafeTensor {
  dtype: string;
  shape: number[];
  data: Float32Array;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function readSafetensors(bytes: Uint8Array, source = 'safetensors file'): Map<string, SafeTensor> {
  if (bytes.byteLength < 8) throw new Error(`${source}: too short to be a safetensors file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength <= 0 || 8 + headerLength > bytes.byteLength) {
    throw new Error(`${source}: header length ${headerLength} does not fit the file (${bytes.byteLength} bytes)`);
  }
  let header: Record<string, HeaderEntry | Record<string, string>>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw new Error(`${source}: header is not valid JSON`);
  }
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, SafeTensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets } = entry as HeaderEntry;
    const [start, end] = data_offsets;
    if (dataStart + end > bytes.byteLength || start > end) {
      throw new Error(`${source}: tensor "${name}" lies outside the file`);
    }
    const raw = bytes.subarray(dataStart + start, dataStart + end);
    const count = shape.reduce((a, b) => a * b, 1);
    tensors.set(name, { dtype, shape, data: decode(raw, dtype, count, `${source}: tensor "${name}"`) });
  }
  return tensors;
}

function decode(raw: Uint8Array, dtype: string, count: number, what: string): Float32Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const width = { F32: 4, F16: 2, BF16: 2, F64: 8 }[dtype];
  if (!width) throw new Error(`${what}: unsupported dtype ${dtype} (expected F32, F16, BF16 or F64)`);
  if (raw.byteLength !== count * width) throw new Error(`${what}: ${raw.byteLength} bytes for ${count} ${dtype} values`);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    if (dtype === 'F32') out[i] = view.getFloat32(i * 4, true);
    else if (dtype === 'F64') out[i] = view.getFloat64(i * 8, true);
    else if (dtype === 'BF16') out[i] = bf16ToFloat(view.getUint16(i * 2, true));
    else out[i] = halfToFloat(view.getUint16(i * 2, true));
  }
  return out;
}

/** bfloat16 is the upper half of a float32. */
function bf16ToFloat(bits: number): number {
  const buf = new DataView(new ArrayBuffer(4));
  buf.setUint32(0, bits << 16);
  return buf.getFloat32(0);
}
