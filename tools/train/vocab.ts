/**
 * Builds a WordPiece vocabulary the way Hugging Face's WordPiece trainer does: byte-pair merges
 * over words, where a piece that continues a word carries "##". Frequent whole words become
 * tokens; rarer words and German compounds fall back to frequent pieces ("softwareentwickler" →
 * "software", "##entwickler"). Deterministic: ties break on the piece text.
 */
import { SPECIAL_TOKENS } from './wordpiece.js';

export interface VocabOptions {
  size: number;
  /** A character must occur this often (weighted) to enter the alphabet. */
  minCharCount?: number;
  /** A merge must occur this often (weighted) to be made. */
  minPairCount?: number;
}

/** Max-heap of [count, pieceText, key] with lazy deletion (stale entries are skipped on pop). */
class PairHeap {
  private items: Array<{ count: number; text: string; key: number }> = [];
  private before(a: { count: number; text: string }, b: { count: number; text: string }): boolean {
    return a.count > b.count || (a.count === b.count && a.text < b.text);
  }
  push(item: { count: number; text: string; key: number }): void {
    const h = this.items;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): { count: number; text: string; key: number } | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** `wordCounts`: pre-tokenized, normalized words with their (weighted) counts. */
export function buildWordPieceVocab(wordCounts: Map<string, number>, options: VocabOptions): string[] {
  const minChar = options.minCharCount ?? 2;
  const minPair = options.minPairCount ?? 2;
  const words = [...wordCounts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  const charCounts = new Map<string, number>();
  for (const [word, count] of words) for (const c of word) charCounts.set(c, (charCounts.get(c) ?? 0) + count);
  const alphabet = [...charCounts.entries()].filter(([, n]) => n >= minChar).map(([c]) => c).sort();
  const alphabetSet = new Set(alphabet);

  const pieces: string[] = [];
  const pieceId = new Map<string, number>();
  const addPiece = (p: string) => {
    let id = pieceId.get(p);
    if (id === undefined) {
      id = pieces.length;
      pieces.push(p);
      pieceId.set(p, id);
    }
    return id;
  };
  for (const c of alphabet) addPiece(c);
  for (const c of alphabet) addPiece('##' + c);

  // Words as arrays of piece ids; words with characters outside the alphabet take no part.
  const symbols: number[][] = [];
  const counts: number[] = [];
  for (const [word, count] of words) {
    const chars = [...word];
    if (!chars.every((c) => alphabetSet.has(c))) continue;
    symbols.push(chars.map((c, i) => pieceId.get(i === 0 ? c : '##' + c)!));
    counts.push(count);
  }

  const KEY = 1 << 21; // piece ids stay far below 2^21
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const mergedText = (a: number, b: number) => pieces[a] + pieces[b].slice(2);
  const heap = new PairHeap();
  const addPairs = (w: number, sign: 1 | -1, touched: Set<number>) => {
    const s = symbols[w];
    for (let i = 0; i + 1 < s.length; i++) {
      const key = s[i] * KEY + s[i + 1];
      pairCount.set(key, (pairCount.get(key) ?? 0) + sign * counts[w]);
      touched.add(key);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, (set = new Set()));
        set.add(w);
      }
    }
  };
  const initial = new Set<number>();
  for (let w = 0; w < symbols.length; w++) addPairs(w, 1, initial);
  for (const key of initial) heap.push({ count: pairCount.get(key)!, text: mergedText(Math.floor(key / KEY), key % KEY), key });

  const target = options.size - SPECIAL_TOKENS.length;
  while (pieces.length < target) {
    const top = heap.pop();
    if (!top) break;
    const current = pairCount.get(top.key) ?? 0;
    if (current !== top.count) continue; // stale
    if (current < minPair) break;
    const a = Math.floor(top.key / KEY);
    const b = top.key % KEY;
    const merged = addPiece(mergedText(a, b));
    const touched = new Set<number>();
    const affected = [...(pairWords.get(top.key) ?? [])].sort((x, y) => x - y);
    for (const w of affected) {
      addPairs(w, -1, touched);
      const s = symbols[w];
      const next: number[] = [];
      for (let i = 0; i < s.length; i++) {
        if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
          next.push(merged);
          i++;
        } else next.push(s[i]);
      }
      symbols[w] = next;
      addPairs(w, 1, touched);
    }
    pairWords.delete(top.key);
    pairCount.delete(top.key);
    touched.delete(top.key);
    for (const key of touched) {
      const n = pairCount.get(key) ?? 0;
      if (n <= 0) {
        pairCount.delete(key);
        continue;
      }
      heap.push({ count: n, text: mergedText(Math.floor(key / KEY), key % KEY), key });
    }
  }
  return [...SPECIAL_TOKENS, ...pieces];
}
