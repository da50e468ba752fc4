/**
 * relations.bin: ESCO's 123k occupation–skill relations as skill indexes grouped by occupation,
 * about 2 bytes per relation instead of two repeated URIs.
 *
 * Layout (little-endian):
 *   0  magic "ESCOREL1"
 *   8  u32 version (1), u32 occupations, u32 skills, u32 relations
 *  24  u32 first[occupations + 1]
 *      u16 essentialCount[occupations]
 *      u16 skill[relations]   (per occupation: essential skills, then optional, each ascending)
 */
import type { OccupationSkills } from './types';

const MAGIC = 'ESCOREL1';
const HEADER = 24;

export function encodeRelations(
  occupations: number,
  skills: number,
  essential: number[][],
  optional: number[][],
): Uint8Array {
  if (skills > 0xffff) throw new Error(`relations.bin stores skill indexes as u16; ${skills} skills do not fit`);
  let total = 0;
  for (let o = 0; o < occupations; o++) total += essential[o].length + optional[o].length;
  const bytes = HEADER + (occupations + 1) * 4 + occupations * 2 + total * 2;
  const view = new DataView(new ArrayBuffer(bytes));
  for (let i = 0; i < 8; i++) view.setUint8(i, MAGIC.charCodeAt(i));
  view.setUint32(8, 1, true);
  view.setUint32(12, occupations, true);
  view.setUint32(16, skills, true);
  view.setUint32(20, total, true);
  let firstAt = HEADER;
  let countAt = HEADER + (occupations + 1) * 4;
  let skillAt = countAt + occupations * 2;
  let running = 0;
  for (let o = 0; o < occupations; o++) {
    view.setUint32(firstAt + o * 4, running, true);
    view.setUint16(countAt + o * 2, essential[o].length, true);
    for (const s of [...[...essential[o]].sort((a, b) => a - b), ...[...optional[o]].sort((a, b) => a - b)]) {
      view.setUint16(skillAt, s, true);
      skillAt += 2;
      running++;
    }
  }
  view.setUint32(firstAt + occupations * 4, running, true);
  return new Uint8Array(view.buffer);
}

export function decodeRelations(data: Uint8Array, where = 'relations.bin'): OccupationSkills & { skillCount: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let magic = '';
  for (let i = 0; i < 8 && i < data.byteLength; i++) magic += String.fromCharCode(view.getUint8(i));
  if (magic !== MAGIC) throw new Error(`${where}: not an ESCO relations file`);
  const occupations = view.getUint32(12, true);
  const skillCount = view.getUint32(16, true);
  const total = view.getUint32(20, true);
  const expected = HEADER + (occupations + 1) * 4 + occupations * 2 + total * 2;
  if (data.byteLength !== expected) throw new Error(`${where}: ${data.byteLength} bytes, expected ${expected} (truncated or corrupt)`);
  const copy = data.slice(); // aligned, owned buffer
  const first = new Uint32Array(copy.buffer, HEADER, occupations + 1);
  const essentialCount = new Uint16Array(copy.buffer, HEADER + (occupations + 1) * 4, occupations);
  const skills = new Uint16Array(copy.buffer, HEADER + (occupations + 1) * 4 + occupations * 2, total);
  return { first, essentialCount, skills, skillCount };
}
