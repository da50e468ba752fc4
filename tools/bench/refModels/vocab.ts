// Vocabularies for the random-weight reference models, learnt by counting the words of the bench's
// own ESCO text, so titles and resume text split into a realistic number of tokens (a random
// tokenizer would make every word ten characters long, and every text ten times too many tokens).
import { BERT_SPECIAL_TOKENS, XLMR_MASK_TOKEN, XLMR_SPECIAL_TOKENS } from '../../onnx/tokenizer-json';

function countWords(texts: string[], lowercase: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of (lowercase ? text.toLowerCase() : text).match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

function byCount(counts: Map<string, number>): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Word-ending pieces (2–4 characters) by how many words end with them: the "##ing" family. */
function suffixCounts(words: Array<[string, number]>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const [w, n] of words) for (let len = 2; len <= 4 && len < w.length; len++) {
    const s = w.slice(-len);
    counts.set(s, (counts.get(s) ?? 0) + n);
  }
  return byCount(counts);
}

/** A BERT WordPiece vocabulary of exactly `size` entries (lowercased, like bert-base-uncased). */
export function wordPieceVocab(texts: string[], size: number): string[] {
  const words = byCount(countWords(texts, true));
  const vocab: string[] = [...BERT_SPECIAL_TOKENS];
  const seen = new Set(vocab);
  const add = (t: string) => {
    if (vocab.length < size && !seen.has(t)) {
      seen.add(t);
      vocab.push(t);
    }
  };
  const chars = new Set<string>();
  for (const [w] of words) for (const c of w) chars.add(c);
  for (const c of [...chars].sort()) {
    add(c);
    add(`##${c}`);
  }
  const suffixes = suffixCounts(words).slice(0, Math.floor(size * 0.15));
  for (const [s] of suffixes) add(`##${s}`);
  for (const [w] of words) add(w);
  for (let i = 0; vocab.length < size; i++) add(`[unused${i}]`);
  return vocab;
}

/** XLM-R style SentencePiece Unigram pieces, [piece, log-probability], `size` entries. */
export function unigramPieces(texts: string[], size: number): Array<[string, number]> {
  const words = byCount(countWords(texts, false));
  const total = words.reduce((a, [, n]) => a + n, 0);
  const pieces: Array<[string, number]> = XLMR_SPECIAL_TOKENS.map((t) => [t, 0]);
  const seen = new Set(pieces.map(([p]) => p));
  const add = (p: string, count: number) => {
    if (pieces.length < size - 1 && !seen.has(p)) {
      seen.add(p);
      pieces.push([p, Math.log(Math.max(count, 1) / total)]);
    }
  };
  const chars = new Map<string, number>();
  for (const [w, n] of words) for (const c of w) chars.set(c, (chars.get(c) ?? 0) + n);
  add('\u2581', total);
  for (const [c, n] of byCount(chars)) {
    add(c, n / 10);
    add(`\u2581${c}`, n / 10);
  }
  for (const [s, n] of suffixCounts(words).slice(0, Math.floor(size * 0.15))) add(s, n / 4);
  for (const [w, n] of words) add(`\u2581${w}`, n);
  pieces.push([XLMR_MASK_TOKEN, 0]);
  return pieces;
}
