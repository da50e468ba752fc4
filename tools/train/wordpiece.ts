/**
 * The BERT text pipeline exactly as transformers.js v4 (@huggingface/tokenizers) runs it for a
 * tokenizer.json with BertNormalizer(lowercase, strip accents) + BertPreTokenizer + WordPiece +
 * [CLS] $A [SEP]. The trainer must see the same token ids as the shipped model will; a test
 * compares this with AutoTokenizer on thousands of strings.
 */

const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const CONTROL = /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u;

function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** BertNormalizer with clean_text, handle_chinese_chars, lowercase and strip_accents on. */
export function normalizeBert(text: string): string {
  let cleaned = '';
  for (const char of text) {
    const cp = char.charCodeAt(0);
    if (cp === 0 || cp === 0xfffd) continue;
    if (char !== '\t' && char !== '\n' && char !== '\r' && CONTROL.test(char)) continue;
    cleaned += /^\s$/.test(char) ? ' ' : char;
  }
  let spaced = '';
  for (let i = 0; i < cleaned.length; i++) {
    const char = cleaned[i];
    spaced += isChineseChar(char.charCodeAt(0)) ? ` ${char} ` : char;
  }
  return spaced.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
}

/** BertPreTokenizer: runs of non-space non-punctuation, and each punctuation mark alone. */
export function preTokenize(normalized: string): string[] {
  return normalized.trim().match(PRE_TOKEN) ?? [];
}

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;

export class WordPieceTokenizer {
  readonly ids: Map<string, number>;
  private readonly wordCache = new Map<string, number[]>();

  constructor(readonly vocab: readonly string[], private readonly maxInputCharsPerWord = 100) {
    SPECIAL_TOKENS.forEach((t, i) => {
      if (vocab[i] !== t) throw new Error(`vocab[${i}] must be ${t}`);
    });
    this.ids = new Map(vocab.map((t, i) => [t, i]));
  }

  /** Greedy longest-match-first; a word with a piece that cannot be matched becomes one [UNK]. */
  encodeWord(word: string): number[] {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    const chars = [...word];
    let out: number[];
    if (chars.length > this.maxInputCharsPerWord) {
      out = [UNK_ID];
    } else {
      out = [];
      let start = 0;
      while (start < chars.length) {
        let end = chars.length;
        let found = -1;
        while (start < end) {
          const piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
          const id = this.ids.get(piece);
          if (id !== undefined) {
            found = id;
            break;
          }
          end--;
        }
        if (found < 0) {
          out = [UNK_ID];
          break;
        }
        out.push(found);
        start = end;
      }
    }
    if (this.wordCache.size < 2_000_000) this.wordCache.set(word, out);
    return out;
  }

  /** Token ids with [CLS] … [SEP], cut to maxLength like transformers.js truncation does. */
  encode(text: string, maxLength = 512): number[] {
    const ids = [CLS_ID];
    for (const word of preTokenize(normalizeBert(text))) {
      for (const id of this.encodeWord(word)) ids.push(id);
      if (ids.length >= maxLength - 1) break;
    }
    if (ids.length > maxLength - 1) ids.length = maxLength - 1;
    ids.push(SEP_ID);
    return ids;
  }

  tokens(text: string): string[] {
    return this.encode(text).map((id) => this.vocab[id]);
  }
}
