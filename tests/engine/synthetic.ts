/** Test helpers: seeded random data and an in-memory sentence-transformers folder. */
import type { ModelFiles } from '../../workers/engine/models/readRecipe';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomRows(n: number, dim: number, seed: number, normalized = false): Float32Array {
  const rand = seededRandom(seed);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = rand() * 2 - 1;
  if (normalized) {
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += out[r * dim + d] ** 2;
      for (let d = 0; d < dim; d++) out[r * dim + d] /= Math.sqrt(s);
    }
  }
  return out;
}

/** Writes a safetensors file (F32 unless told) the way the Python library lays it out. */
export function writeSafetensors(tensors: Record<string, { shape: number[]; data: number[] | Float32Array; dtype?: 'F32' | 'F16' | 'BF16' }>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const blobs: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const dtype = t.dtype ?? 'F32';
    const values = Array.from(t.data);
    let blob: Uint8Array;
    if (dtype === 'F32') {
      blob = new Uint8Array(new Float32Array(values).buffer);
    } else {
      const view = new DataView(new ArrayBuffer(values.length * 2));
      values.forEach((v, i) => view.setUint16(i * 2, dtype === 'BF16' ? bf16Bits(v) : f16Bits(v), true));
      blob = new Uint8Array(view.buffer);
    }
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + blob.byteLength] };
    blobs.push(blob);
    offset += blob.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const b of blobs) { out.set(b, at); at += b.byteLength; }
  return out;
}

function bf16Bits(v: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  return view.getUint32(0) >>> 16; // truncation: exact for values with ≤ 8 mantissa bits
}

function f16Bits(v: number): number {
  // Only exact for values representable in half precision (the tests use such values).
  if (v === 0) return 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  const e = Math.floor(Math.log2(a));
  const frac = Math.round((a / 2 ** e - 1) * 1024);
  return sign | ((e + 15) << 10) | frac;
}

export function memoryFiles(entries: Record<string, string | Uint8Array | object>): ModelFiles {
  const get = (path: string) => entries[path];
  return {
    text: async (path) => {
      const v = get(path);
      if (v === undefined) return null;
      if (typeof v === 'string') return v;
      if (v instanceof Uint8Array) return new TextDecoder().decode(v);
      return JSON.stringify(v);
    },
    bytes: async (path) => {
      const v = get(path);
      if (v === undefined) return null;
      if (v instanceof Uint8Array) return v;
      return new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
    },
  };
}
