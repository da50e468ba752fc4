import type { OrtTensor } from './onnx';
import { halfToFloat } from '../models/half';

/** The float32 data of an output tensor (no copy); fp16 graphs return float16 data (Float16Array or raw bits). */
export function toFloat32(tensor: OrtTensor): Float32Array {
  const data = tensor.data as unknown;
  if (data instanceof Float32Array) return data;
  if (tensor.type === 'float16' && data instanceof Uint16Array) {
    const out = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) out[i] = halfToFloat(data[i]);
    return out;
  }
  if (ArrayBuffer.isView(data) || Array.isArray(data)) return Float32Array.from(data as ArrayLike<number>);
  throw new Error(`unexpected tensor data of type ${tensor.type}`);
}
