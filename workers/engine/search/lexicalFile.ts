/**
 * A BM25 index built at build time (tools/index/lexical.ts) and shipped beside the ESCO data, so
 * the worker loads it instead of building it on a cold start: building the English occupations
 * index took 0.7–0.9 s of the worker's time in the cold-start bench (tokenizing and splitting
 * 33,639 labels, then garbage collection), loading it takes a few tens of milliseconds.
 *
 * Layout (little-endian):
 *   0  magic "ESCOLEX1"                                     8 bytes
 *   8  u32 header bytes h
 *  12  header: UTF-8 JSON { version, source, labelDocuments, entryDocuments, sections }
 *      then each section in `sections` order, starting at a multiple of 4:
 *      terms and vocabulary as UTF-8 text, one word a line; postings as i32/f32 arrays.
 * `source` is lexicalSource() of the documents the index was built from: an index whose source
 * differs (other ESCO data, other corpus rules, another format version) is not used.
 */
import type { Bm25Postings } from './bm25Postings';
import { LexicalIndex, type LexicalDoc, type LexicalParts } from './lexical';

const MAGIC = 'ESCOLEX1';
/** Raise when the index's build changes (tokenizing, compound splitting, BM25 weights), so old files are not used. */
export const LEXICAL_FORMAT_VERSION = 1;

type SectionName = 'terms' | 'vocabulary' | 'labelOffsets' | 'labelDocs' | 'labelWeights' | 'labelOwner'
  | 'entryOffsets' | 'entryDocs' | 'entryWeights' | 'entryIds';
const SECTIONS: SectionName[] = ['terms', 'vocabulary', 'labelOffsets', 'labelDocs', 'labelWeights', 'labelOwner', 'entryOffsets', 'entryDocs', 'entryWeights', 'entryIds'];

interface Header {
  version: number;
  source: string;
  labelDocuments: number;
  entryDocuments: number;
  /** Byte length of each section, in SECTIONS order. */
  sections: number[];
}

export class LexicalFileError extends Error {
  override name = 'LexicalFileError';
}

/**
 * A fingerprint of the documents and the format version: two 32-bit FNV-1a hashes (different
 * offsets) over ids, labels, English labels and descriptions, with separators.
 */
export function lexicalSource(docs: LexicalDoc[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ LEXICAL_FORMAT_VERSION;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x01000193) ^ (b >>> 15);
  };
  add(`v${LEXICAL_FORMAT_VERSION}|${docs.length}`);
  for (const doc of docs) {
    add(String(doc.id));
    for (const label of doc.labels) add(label);
    add('|en');
    for (const label of doc.english ?? []) add(label);
    add(`|d${doc.description ?? ''}`);
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}`;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const align4 = (n: number) => (n + 3) & ~3;

function sectionBytes(parts: LexicalParts): Record<SectionName, Uint8Array> {
  const raw = (a: Int32Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return {
    terms: encoder.encode(parts.terms.join('\n')),
    vocabulary: encoder.encode(parts.vocabulary.join('\n')),
    labelOffsets: raw(parts.labels.offsets),
    labelDocs: raw(parts.labels.docs),
    labelWeights: raw(parts.labels.weights),
    labelOwner: raw(parts.labelOwner),
    entryOffsets: raw(parts.entries.offsets),
    entryDocs: raw(parts.entries.docs),
    entryWeights: raw(parts.entries.weights),
    entryIds: raw(parts.entryIds),
  };
}

/** The file bytes of an index built from documents with this `source`. Same index → same bytes. */
export function encodeLexicalIndex(index: LexicalIndex, source: string): Uint8Array {
  const parts = index.toParts();
  const bytes = sectionBytes(parts);
  const header: Header = {
    version: LEXICAL_FORMAT_VERSION,
    source,
    labelDocuments: parts.labels.documentCount,
    entryDocuments: parts.entries.documentCount,
    sections: SECTIONS.map((name) => bytes[name].byteLength),
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  let offset = align4(12 + headerBytes.byteLength);
  const total = SECTIONS.reduce((end, name) => align4(end + bytes[name].byteLength), offset);
  const out = new Uint8Array(total);
  out.set(encoder.encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  for (const name of SECTIONS) {
    out.set(bytes[name], offset);
    offset = align4(offset + bytes[name].byteLength);
  }
  return out;
}

/**
 * The index in `bytes`, or null when it was built from other documents or by another format
 * version (then the caller builds it). A damaged file throws LexicalFileError.
 */
export function decodeLexicalIndex(bytes: Uint8Array, source: string): LexicalIndex | null {
  if (bytes.byteLength < 12 || decoder.decode(bytes.subarray(0, 8)) !== MAGIC) throw new LexicalFileError('not a lexical index file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.byteLength) throw new LexicalFileError('truncated header');
  let header: Header;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(12, 12 + headerLength))) as Header;
  } catch {
    throw new LexicalFileError('unreadable header');
  }
  if (header.version !== LEXICAL_FORMAT_VERSION || header.source !== source) return null;
  if (!Array.isArray(header.sections) || header.sections.length !== SECTIONS.length) throw new LexicalFileError('bad section table');
  // Copy into a fresh aligned buffer: typed-array views need 4-byte alignment, which a fetched
  // Uint8Array's offset need not have.
  const body = bytes.slice();
  let offset = align4(12 + headerLength);
  const section: Partial<Record<SectionName, Uint8Array>> = {};
  SECTIONS.forEach((name, i) => {
    const length = header.sections[i];
    if (!Number.isInteger(length) || length < 0 || offset + length > body.byteLength) throw new LexicalFileError(`truncated at section ${name}`);
    section[name] = body.subarray(offset, offset + length);
    offset = align4(offset + length);
  });
  const text = (name: SectionName) => {
    const value = decoder.decode(section[name]);
    return value ? value.split('\n') : [];
  };
  const int32 = (name: SectionName) => {
    const s = section[name]!;
    if (s.byteLength % 4) throw new LexicalFileError(`section ${name} is not a whole number of 4-byte values`);
    return new Int32Array(s.buffer, s.byteOffset, s.byteLength / 4);
  };
  const float32 = (name: SectionName) => {
    const s = section[name]!;
    return new Float32Array(s.buffer, s.byteOffset, s.byteLength / 4);
  };
  const postings = (documentCount: number, offsets: SectionName, docs: SectionName, weights: SectionName): Bm25Postings => {
    const p = { documentCount, offsets: int32(offsets), docs: int32(docs), weights: float32(weights) };
    if (p.docs.length !== p.weights.length || p.offsets[p.offsets.length - 1] !== p.docs.length) throw new LexicalFileError(`postings ${offsets} do not add up`);
    return p;
  };
  const terms = text('terms');
  const labels = postings(header.labelDocuments, 'labelOffsets', 'labelDocs', 'labelWeights');
  const entries = postings(header.entryDocuments, 'entryOffsets', 'entryDocs', 'entryWeights');
  if (labels.offsets.length !== terms.length + 1 || entries.offsets.length !== terms.length + 1) throw new LexicalFileError('term count and postings disagree');
  const labelOwner = int32('labelOwner');
  const entryIds = int32('entryIds');
  if (labelOwner.length !== header.labelDocuments || entryIds.length !== header.entryDocuments) throw new LexicalFileError('document counts disagree');
  return LexicalIndex.fromParts({ terms, vocabulary: text('vocabulary'), labels, labelOwner, entries, entryIds });
}
