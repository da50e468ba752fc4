/**
 * Splits compounds ("softwareentwickler" → "software" + "entwickler", "arbeitsvermittler" →
 * "arbeits"→"arbeit" + "vermittler") into words the ESCO labels themselves use. German and Dutch
 * write job titles as one word, so a user's "Softwareentwickler" and ESCO's "Entwickler Software"
 * or "Software-Entwicklerin" only meet in a BM25 index when both sides are split the same way.
 *
 * The vocabulary is every folded label token of one language (≥ MIN_PART letters), so no word list
 * has to be shipped: a split is preferred when every part is a word ESCO uses; failing that, a
 * known final word (the compound's head) is split off an unknown first part.
 */

const MIN_PART = 4;
/** Shortest word worth splitting: shorter ones ("software" = "soft" + "ware") split into noise. */
const MIN_COMPOUND = 10;
/** Shortest known final word accepted after an unknown first part. */
const MIN_HEAD = 5;
/** Linking elements ("Fugenelemente") allowed at the end of a non-final part. */
const LINKERS = ['s', 'es', 'n', 'en', 'e', 'er'];

export class Decompounder {
  private readonly vocabulary: Set<string>;
  private readonly cache = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    this.vocabulary = new Set();
    for (const w of words) if (w.length >= MIN_PART) this.vocabulary.add(w);
  }

  get size(): number {
    return this.vocabulary.size;
  }

  /** The vocabulary, in the order it was given (a splitter made from it splits the same way). */
  words(): string[] {
    return [...this.vocabulary];
  }

  /**
   * The parts of a folded word, fewest parts first found; [] when it is no compound of known words.
   * Non-final parts are returned without their linking element.
   */
  split(word: string): string[] {
    if (word.length < MIN_COMPOUND || /\d/.test(word)) return [];
    const cached = this.cache.get(word);
    if (cached) return cached;
    const n = word.length;
    // best[i]: fewest parts covering word[0..i), with the part ending at i and where it started.
    const best: { parts: number; from: number; part: string }[] = new Array(n + 1);
    best[0] = { parts: 0, from: -1, part: '' };
    for (let i = MIN_PART; i <= n; i++) {
      for (let j = 0; j <= i - MIN_PART; j++) {
        if (!best[j] || (j === 0 && i === n)) continue; // the whole word is no split
        const piece = word.slice(j, i);
        const part = i === n ? (this.vocabulary.has(piece) ? piece : null) : this.stem(piece);
        if (!part) continue;
        const parts = best[j].parts + 1;
        if (!best[i] || parts < best[i].parts) best[i] = { parts, from: j, part };
      }
    }
    const result: string[] = [];
    if (best[n] && best[n].parts >= 2) {
      for (let i = n; i > 0; i = best[i].from) result.unshift(best[i].part);
    } else {
      // No split into known words: German compounds end in their head ("Kranken|pfleger"), so take
      // the longest known final word (≥ MIN_HEAD letters) and keep the rest as one unknown part.
      for (let j = MIN_PART; j <= n - MIN_HEAD; j++) {
        if (this.vocabulary.has(word.slice(j))) {
          result.push(word.slice(0, j), word.slice(j));
          break;
        }
      }
    }
    this.cache.set(word, result);
    return result;
  }

  /** A non-final part: a known word, or a known word plus a linking element. */
  private stem(piece: string): string | null {
    if (this.vocabulary.has(piece)) return piece;
    for (const linker of LINKERS) {
      if (piece.length - linker.length >= MIN_PART && piece.endsWith(linker)) {
        const base = piece.slice(0, -linker.length);
        if (this.vocabulary.has(base)) return base;
      }
    }
    return null;
  }
}
