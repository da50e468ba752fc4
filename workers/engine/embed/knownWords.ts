/**
 * The words a static model saw in training, read from its package (recipe.json's knownWords names
 * the file; the trainer writes it). The search code embeds long texts' segments without the other
 * words (search/knownText.ts): a static model gives a word it never saw the mean of its WordPiece
 * pieces' vectors, which were learned for other words.
 */

/** File of a model package that lists its training words, one per line. */
export const KNOWN_WORDS_FILE = 'known_words.txt';

export class KnownWords {
  private constructor(private readonly set: ReadonlySet<string>) {}

  /** One word per line, as the BERT normaliser leaves them (lowercase, no accents). */
  static parse(text: string, file = KNOWN_WORDS_FILE): KnownWords {
    if (text.includes('\u0000')) throw new Error(`${file} is not a text file`);
    const words = new Set(text.split('\n').map((line) => line.trim()).filter(Boolean));
    if (words.size === 0) throw new Error(`${file} lists no words`);
    return new KnownWords(words);
  }

  get size(): number {
    return this.set.size;
  }

  has(word: string): boolean {
    return this.set.has(word);
  }

  words(): IterableIterator<string> {
    return this.set.values();
  }
}
