/**
 * Binary embedding index: the vectors of every ESCO occupation or skill for one model, in one
 * ArrayBuffer the worker fetches and keeps as typed-array views (no JSON arrays of floats).
 *
 * Layout (little-endian):
 *   0  magic "ESCOIDX1"                        8 bytes
 *   8  u32 format version (1)
 *  12  u32 encoding: 1 = int8-rowscale, 2 = fp16
 *  16  u32 entries (occupations or skills, in the ESCO data's order)
 *  20  u32 rows    (vectors; > entries when an entry has several vectors)
 *  24  u32 dim
 *  28  u32 flags: bit 0 = row owners present
 *  32  [flags&1] u32 firstRow[entries + 1]: rows firstRow[i] .. firstRow[i+1]-1 belong to entry i
 *      int8-rowscale: f32 scale[rows], then i8 values[rows × dim]   (value ≈ scale · i8)
 *      fp16:          u16 half[rows × dim]
 * Without row owners, row i is entry i. Same input → same bytes (no timestamps, fixed rounding).
 */

export type IndexEncoding = 'int8-rowscale' | 'fp16';

export interface EmbeddingIndex {
  encoding: IndexEncoding;
  entries: number;
  rows: number;
  dim: number;
  /** Entry i owns rows firstRow[i] .. firstRow[i+1]-1; null when row i is entry i. */
  firstRow: Uint32Array | null;
  /** int8-rowscale: per-row scale; null for fp16. */
  scales: Float32Array | null;
  /** int8-rowscale: Int8Array; fp16: Uint16Array of half floats. */
  values: Int8Array | Uint16Array;
}

const MAGIC = 'ESCOIDX1';
const VERSION = 1;
const HEADER_BYTES = 32;
const ENCODING_CODE: Record<IndexEncoding, number> = { 'int8-rowscale': 1, fp16: 2 };

export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

/** Byte length an index with these sizes must have; used to detect truncated downloads/files. */
export function indexByteLength(encoding: IndexEncoding, entries: number, rows: number, dim: number, hasOwners: boolean): number {
  const owners = hasOwners ? (entries + 1) * 4 : 0;
  const body = encoding === 'int8-rowscale' ? rows * 4 + rows * dim : rows * dim * 2;
  return HEADER_BYTES + owners + body;
}

/**
 * Encodes row-major float vectors (rows × dim). `firstRow` groups rows by entry (see layout);
 * omit it when there is one row per entry.
 */
export function encodeIndex(
  vectors: Float32Array,
  dim: number,
  encoding: IndexEncoding,
  firstRow?: Uint32Array,
): Uint8Array {
  if (dim <= 0 || vectors.length % dim !== 0) throw new IndexFormatError(`vectors length ${vectors.length} is not a multiple of dim ${dim}`);
  const rows = vectors.length / dim;
  const entries = firstRow ? firstRow.length - 1 : rows;
  if (firstRow && (firstRow[0] !== 0 || firstRow[entries] !== rows)) {
    throw new IndexFormatError('firstRow must start at 0 and end at the number of rows');
  }
  const total = indexByteLength(encoding, entries, rows, dim, !!firstRow);
  const buffer = new ArrayBuffer(total);
  const view = new DataView(buffer);
  for (let i = 0; i < MAGIC.length; i++) view.setUint8(i, MAGIC.charCodeAt(i));
  view.setUint32(8, VERSION, true);
  view.setUint32(12, ENCODING_CODE[encoding], true);
  view.setUint32(16, entries, true);
  view.setUint32(20, rows, true);
  view.setUint32(24, dim, true);
  view.setUint32(28, firstRow ? 1 : 0, true);
  let offset = HEADER_BYTES;
  if (firstRow) {
    for (let i = 0; i <= entries; i++) view.setUint32(offset + i * 4, firstRow[i], true);
    offset += (entries + 1) * 4;
  }
  if (encoding === 'int8-rowscale') {
    const valuesAt = offset + rows * 4;
    const out = new Int8Array(buffer, valuesAt, rows * dim);
    for (let r = 0; r < rows; r++) {
      let maxAbs = 0;
      for (let j = 0; j < dim; j++) maxAbs = Math.max(maxAbs, Math.abs(vectors[r * dim + j]));
      const scale = maxAbs > 0 ? Math.fround(maxAbs / 127) : 0;
      view.setFloat32(offset + r * 4, scale, true);
      for (let j = 0; j < dim; j++) {
        out[r * dim + j] = scale > 0 ? Math.max(-127, Math.min(127, Math.round(vectors[r * dim + j] / scale))) : 0;
      }
    }
  } else {
    for (let i = 0; i < rows * dim; i++) view.setUint16(offset + i * 2, floatToHalf(vectors[i]), true);
  }
  return new Uint8Array(buffer);
}

/**
 * Reads an index without copying the vector values when the buffer is aligned (views into it).
 * Throws IndexFormatError naming `where` for a foreign or truncated file.
 */
export function decodeIndex(bytes: ArrayBuffer | Uint8Array, where = 'index'): EmbeddingIndex {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (u8.byteLength < HEADER_BYTES) {
    throw new IndexFormatError(`${where}: truncated index file (${u8.byteLength} bytes, the header alone is ${HEADER_BYTES}); rebuild it with npm run index`);
  }
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  let magic = '';
  for (let i = 0; i < MAGIC.length; i++) magic += String.fromCharCode(view.getUint8(i));
  if (magic !== MAGIC) throw new IndexFormatError(`${where}: not an embedding index (bad magic "${magic}")`);
  const version = view.getUint32(8, true);
  if (version !== VERSION) throw new IndexFormatError(`${where}: index format version ${version} is not supported (expected ${VERSION})`);
  const code = view.getUint32(12, true);
  const encoding = (Object.keys(ENCODING_CODE) as IndexEncoding[]).find((e) => ENCODING_CODE[e] === code);
  if (!encoding) throw new IndexFormatError(`${where}: unknown encoding code ${code}`);
  const entries = view.getUint32(16, true);
  const rows = view.getUint32(20, true);
  const dim = view.getUint32(24, true);
  const hasOwners = (view.getUint32(28, true) & 1) === 1;
  const expected = indexByteLength(encoding, entries, rows, dim, hasOwners);
  if (u8.byteLength !== expected) {
    throw new IndexFormatError(
      `${where}: ${u8.byteLength < expected ? 'truncated' : 'oversized'} index file: ${u8.byteLength} bytes, expected ${expected} ` +
        `(${entries} entries, ${rows} rows × ${dim} dims, ${encoding}); rebuild it with npm run index`,
    );
  }
  // Typed-array views need aligned offsets; copy once into a fresh buffer when the input is not.
  const base = u8.byteOffset % 4 === 0 ? u8 : u8.slice();
  const buf = base.buffer;
  const at = base.byteOffset;
  let offset = HEADER_BYTES;
  let firstRow: Uint32Array | null = null;
  if (hasOwners) {
    firstRow = new Uint32Array(buf, at + offset, entries + 1);
    offset += (entries + 1) * 4;
    if (firstRow[0] !== 0 || firstRow[entries] !== rows) throw new IndexFormatError(`${where}: corrupt row owner table`);
  } else if (rows !== entries) {
    throw new IndexFormatError(`${where}: ${rows} rows for ${entries} entries without a row owner table`);
  }
  if (encoding === 'int8-rowscale') {
    const scales = new Float32Array(buf, at + offset, rows);
    const values = new Int8Array(buf, at + offset + rows * 4, rows * dim);
    return { encoding, entries, rows, dim, firstRow, scales, values };
  }
  return { encoding, entries, rows, dim, firstRow, scales: null, values: new Uint16Array(buf, at + offset, rows * dim) };
}

/** Row r of the index as floats (dequantized). */
export function indexRow(index: EmbeddingIndex, r: number, out = new Float32Array(index.dim)): Float32Array {
  const { dim } = index;
  if (index.encoding === 'int8-rowscale') {
    const s = index.scales![r];
    for (let j = 0; j < dim; j++) out[j] = index.values[r * dim + j] * s;
  } else {
    for (let j = 0; j < dim; j++) out[j] = halfToFloat(index.values[r * dim + j]);
  }
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary32 → binary16 bits, round to nearest even (overflow → ±Infinity). */
export function floatToHalf(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++;
  return sign | half;
}

/** IEEE 754 binary16 bits → number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
