/**
 * The BERT text pipeline exactly as transformers.js v4 (@huggingface/tokenizers) runs it for a
 * tokenizer.json with BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip accents) +
 * BertPreTokenizer + WordPiece("##") + [CLS] $A [SEP]. The trainer uses it so training sees the ids
 * the shipped model will see; the Embedder uses it instead of transformers.js' `encode` because
 * tokenizing is most of the time a static model spends on short texts. Tests compare it with
 * AutoTokenizer on thousands of strings, and the Embedder re-checks a probe list at every load.
 */

const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
/** clean_text drops NUL, U+FFFD and control/format/private-use/surrogate code points except \t \n \r. */
const DROPPED = /[\u0000\uFFFD]|(?![\t\n\r])[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
/**
 * transformers.js walks UTF-16 code units when it spaces CJK characters, so only the BMP blocks of
 * BERT's list ever match (the supplementary-plane ranges compare against a lone surrogate).
 */
const CJK = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/g;
const MARK = /\p{Mn}/gu;

/** BertNormalizer with clean_text, handle_chinese_chars, lowercase and strip_accents on. */
export function normalizeBert(text: string): string {
  // Printable ASCII (plus \t \n \r) has no accents, marks or CJK: lowercase and map whitespace.
  let ascii = true;
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    if (c < 0x20 || c === 0x7f) plain = false;
  }
  if (ascii) {
    if (plain) return text.toLowerCase();
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x09 || c === 0x0a || c === 0x0d) out += ' ';
      else if (c >= 0x20 && c !== 0x7f) out += text[i];
    }
    return out.toLowerCase();
  }
  // Dropping comes first: U+FEFF is both a format character (dropped) and JS whitespace.
  const cleaned = text.replace(DROPPED, '').replace(/\s/g, ' ').replace(CJK, ' $& ');
  // Lowercase the whole string, not per character: final sigma depends on its neighbours.
  return cleaned.toLowerCase().normalize('NFD').replace(MARK, '');
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/** Calls `word` for each BertPreTokenizer piece: runs of non-space non-punctuation, each punctuation mark alone. */
function forEachPreToken(normalized: string, word: (w: string) => void): void {
  for (let i = 0; i < normalized.length; i++) {
    if (normalized.charCodeAt(i) >= 0x80) {
      for (const w of normalized.trim().match(PRE_TOKEN) ?? []) word(w);
      return;
    }
  }
  // ASCII: the only JS whitespace left after normalizing is ' ' (\v and \f were dropped as controls).
  let start = -1;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d) {
      if (start >= 0) word(normalized.slice(start, i));
      start = -1;
    } else if (isAsciiPunctuation(c)) {
      if (start >= 0) word(normalized.slice(start, i));
      start = -1;
      word(normalized[i]);
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) word(normalized.slice(start));
}

/** BertPreTokenizer: runs of non-space non-punctuation, and each punctuation mark alone. */
export function preTokenize(normalized: string): string[] {
  const out: string[] = [];
  forEachPreToken(normalized, (w) => out.push(w));
  return out;
}

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;

/** A tokenizer.json added token that transformers.js cuts out of the raw text before normalizing. */
export interface AddedTokenSpec {
  content: string;
  id: number;
}

export interface WordPieceOptions {
  maxInputCharsPerWord?: number;
  /** Ids of the unknown token and the template's opening and closing tokens; default the trainer's layout. */
  unkId?: number;
  clsId?: number;
  sepId?: number;
  /**
   * Tokens matched verbatim in the raw text (tokenizer.json added_tokens, all unnormalized, no
   * strip); default: the trainer's special tokens in the trainer's layout, else none.
   */
  addedTokens?: readonly AddedTokenSpec[];
  /** Words whose pieces are remembered; the cache starts over when full. */
  wordCacheSize?: number;
}

export class WordPieceTokenizer {
  /** Token → id, added tokens included (transformers.js matches pieces against the same map). */
  readonly ids: Map<string, number>;
  private readonly wordCache = new Map<string, number[]>();
  private readonly maxInputCharsPerWord: number;
  private readonly unkId: number;
  private readonly clsId: number;
  private readonly sepId: number;
  private readonly added: readonly AddedTokenSpec[];
  private readonly addedIds = new Map<string, number>();
  private readonly wordCacheSize: number;
  /** Longest vocabulary entry in UTF-16 units (after "##"): longer candidates cannot match. */
  private readonly maxPieceLength: number;

  /**
   * `vocab[id]` is the token of each id. A bare number as second argument is maxInputCharsPerWord
   * and means the trainer's layout: vocab starts with [PAD], [UNK], [CLS], [SEP], [MASK].
   */
  constructor(readonly vocab: readonly string[], options: number | WordPieceOptions = {}) {
    const opts: WordPieceOptions = typeof options === 'number' ? { maxInputCharsPerWord: options } : options;
    if (opts.unkId === undefined) {
      SPECIAL_TOKENS.forEach((t, i) => {
        if (vocab[i] !== t) throw new Error(`vocab[${i}] must be ${t}`);
      });
    }
    this.maxInputCharsPerWord = opts.maxInputCharsPerWord ?? 100;
    this.unkId = opts.unkId ?? UNK_ID;
    this.clsId = opts.clsId ?? CLS_ID;
    this.sepId = opts.sepId ?? SEP_ID;
    // The trainer's tokenizer.json lists its special tokens as unnormalized added tokens.
    this.added = opts.addedTokens ?? (opts.unkId === undefined ? SPECIAL_TOKENS.map((content, id) => ({ content, id })) : []);
    this.wordCacheSize = opts.wordCacheSize ?? 100_000;
    this.ids = new Map();
    let maxPieceLength = 0;
    vocab.forEach((t, i) => {
      if (t === undefined) return;
      this.ids.set(t, i);
      maxPieceLength = Math.max(maxPieceLength, t.startsWith('##') ? t.length - 2 : t.length);
    });
    for (const { content, id } of this.added) {
      this.ids.set(content, id);
      this.addedIds.set(content, id);
      maxPieceLength = Math.max(maxPieceLength, content.length);
    }
    this.maxPieceLength = maxPieceLength;
  }

  /** Greedy longest-match-first; a word with a piece that cannot be matched becomes one [UNK]. */
  encodeWord(word: string): number[] {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    const out = hasSurrogate(word) ? this.encodeCodePoints(word) : this.encodeUnits(word);
    if (this.wordCache.size >= this.wordCacheSize) this.wordCache.clear();
    this.wordCache.set(word, out);
    return out;
  }

  /** The common case: one UTF-16 unit per character, so slices need no code-point array. */
  private encodeUnits(word: string): number[] {
    if (word.length > this.maxInputCharsPerWord) return [this.unkId];
    return this.longestMatch(word.length, (start, end) => word.slice(start, end));
  }

  private encodeCodePoints(word: string): number[] {
    const chars = [...word];
    if (chars.length > this.maxInputCharsPerWord) return [this.unkId];
    // A code point is at least one unit, so maxPieceLength also bounds the code points.
    return this.longestMatch(chars.length, (start, end) => chars.slice(start, end).join(''));
  }

  /** Greedy longest-match-first over `length` characters; `text(start, end)` gives a stretch of them. */
  private longestMatch(length: number, text: (start: number, end: number) => string): number[] {
    const out: number[] = [];
    let start = 0;
    while (start < length) {
      let end = Math.min(length, start + this.maxPieceLength);
      let found = -1;
      while (start < end) {
        const id = this.ids.get(start > 0 ? '##' + text(start, end) : text(start, end));
        if (id !== undefined) {
          found = id;
          break;
        }
        end--;
      }
      if (found < 0) return [this.unkId];
      out.push(found);
      start = end;
    }
    return out;
  }

  /** Ids of one stretch of text without added tokens: normalize, pre-tokenize, WordPiece. */
  private encodeSection(section: string, ids: number[], maxLength: number): void {
    const normalized = normalizeBert(section);
    if (normalized.length === 0) return;
    // transformers.js maps a normalized section that equals an added token straight to it.
    const whole = this.addedIds.get(normalized);
    if (whole !== undefined) {
      ids.push(whole);
      return;
    }
    forEachPreToken(normalized, (word) => {
      if (ids.length >= maxLength) return;
      for (const id of this.encodeWord(word)) ids.push(id);
    });
  }

  /**
   * Token ids with [CLS] … [SEP]: the first maxLength - 2 text tokens and the closing [SEP] (the
   * trainer's truncation). With maxLength Infinity: every token, as transformers.js' `encode`.
   */
  encode(text: string, maxLength = 512): number[] {
    const ids = [this.clsId];
    const limit = maxLength - 1;
    for (const section of this.splitAdded(text)) {
      if (ids.length >= limit) break;
      if (typeof section === 'number') ids.push(section);
      else this.encodeSection(section, ids, limit);
    }
    if (ids.length > limit) ids.length = Math.max(limit, 1);
    ids.push(this.sepId);
    return ids;
  }

  tokens(text: string, maxLength?: number): string[] {
    return this.encode(text, maxLength).map((id) => this.vocab[id]);
  }

  /**
   * The raw text cut around added tokens, as transformers.js' DictionarySplitter does: at each
   * position the longest added token that starts there wins. Added tokens come back as their id.
   */
  private splitAdded(text: string): Array<string | number> {
    if (this.added.length === 0 || !this.added.some((t) => text.includes(t.content))) return [text];
    const out: Array<string | number> = [];
    let start = 0;
    let i = 0;
    while (i < text.length) {
      let match: AddedTokenSpec | null = null;
      for (const t of this.added) {
        if ((!match || t.content.length > match.content.length) && text.startsWith(t.content, i)) match = t;
      }
      if (match) {
        if (i > start) out.push(text.slice(start, i));
        out.push(match.id);
        i += match.content.length;
        start = i;
      } else {
        i++;
      }
    }
    if (start < text.length) out.push(text.slice(start));
    return out;
  }
}

function hasSurrogate(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** The parts of a tokenizer.json (and tokenizer_config.json) that decide how text becomes ids. */
interface TokenizerJson {
  added_tokens?: Array<{ id: number; content: string; lstrip?: boolean; rstrip?: boolean; normalized?: boolean; special?: boolean }>;
  normalizer?: { type?: string; clean_text?: boolean; handle_chinese_chars?: boolean; lowercase?: boolean; strip_accents?: boolean | null } | null;
  pre_tokenizer?: { type?: string } | null;
  post_processor?: { type?: string; single?: Array<Record<string, { id: string }>> } | null;
  model?: { type?: string; vocab?: Record<string, number>; unk_token?: string; continuing_subword_prefix?: string; max_input_chars_per_word?: number; fuse_unk?: boolean };
}

/**
 * A WordPieceTokenizer for a tokenizer.json whose pipeline is exactly the one this file implements,
 * else null. `config` is tokenizer_config.json: transformers.js applies two of its flags before the
 * normalizer. The caller still compares outputs: this reads the configuration, not the behaviour.
 */
export function wordPieceFromTokenizerJson(json: unknown, config: Record<string, unknown> = {}): WordPieceTokenizer | null {
  const tj = json as TokenizerJson | null;
  if (!tj || typeof tj !== 'object') return null;
  const { model, normalizer, pre_tokenizer: pre, post_processor: post } = tj;
  if (model?.type !== 'WordPiece' || model.continuing_subword_prefix !== '##' || model.fuse_unk || !model.vocab || typeof model.unk_token !== 'string') return null;
  if (model.max_input_chars_per_word !== undefined && typeof model.max_input_chars_per_word !== 'number') return null;
  // transformers.js strips accents when lowercasing unless strip_accents is exactly false.
  if (normalizer?.type !== 'BertNormalizer' || normalizer.clean_text !== true || normalizer.handle_chinese_chars !== true
    || normalizer.lowercase !== true || normalizer.strip_accents === false) return null;
  if (pre?.type !== 'BertPreTokenizer') return null;
  if (config.remove_space === true || config.do_lowercase_and_remove_accent) return null;
  const single = post?.type === 'TemplateProcessing' ? post.single : undefined;
  if (!single || single.length !== 3 || !single[0].SpecialToken || single[1].Sequence?.id !== 'A' || !single[2].SpecialToken) return null;

  const vocab: string[] = [];
  for (const [token, id] of Object.entries(model.vocab)) {
    if (!Number.isInteger(id) || id < 0) return null;
    vocab[id] = token;
  }
  const added: AddedTokenSpec[] = [];
  for (const t of tj.added_tokens ?? []) {
    const normalized = t.normalized ?? !(t.special ?? false);
    if (normalized || t.lstrip || t.rstrip || !t.content) return null;
    added.push({ content: t.content, id: t.id });
  }
  // Ids as transformers.js looks them up: added tokens first, then the vocabulary.
  const idOf = (token: string) => added.find((t) => t.content === token)?.id ?? model.vocab![token];
  const unkId = idOf(model.unk_token);
  const clsId = idOf(single[0].SpecialToken.id);
  const sepId = idOf(single[2].SpecialToken.id);
  if (unkId === undefined || clsId === undefined || sepId === undefined) return null;
  return new WordPieceTokenizer(vocab, {
    maxInputCharsPerWord: model.max_input_chars_per_word ?? 100,
    unkId,
    clsId,
    sepId,
    addedTokens: added,
  });
}

/**
 * Strings that exercise each stage where a tokenizer could differ from this one: ASCII, accents,
 * umlauts and ß, case that changes length, punctuation, digits, CJK (BMP and beyond), emoji,
 * controls and odd whitespace, added tokens in the text, words over the length limit, empty.
 */
export const WORDPIECE_PROBES: readonly string[] = [
  '',
  ' ',
  'a',
  'Software Developer',
  'Senior Java Developer (m/w/d) - Full-Stack @ ACME!!',
  'C++/C# engineer; 24/7 on-call, 3.5 FTE, €45,000–55,000',
  'Straße Bäcker Ärztin für Allgemeinmedizin GROẞHANDEL',
  'naïve café résumé coöperatie œuvre ÆØÅ',
  'İstanbul ΟΔΥΣΣΕΥΣ ﬁnance Ǆemal',
  '数据分析师 data analyst ソフトウェア 개발자 𠀀𠀁',
  'emoji 🚀 rocket 👩‍💻 scientist 🇪🇺',
  'tab\tnew\nline\r\v\f nbsp\u00a0ideo\u3000 zero\u200bwidth \ufeffbom \u0007bell \u0000nul \ufffd',
  'combining e\u0301 a\u0308 Cyrillic инженер Arabic مهندس Hindi अभियंता',
  '[CLS] [SEP][MASK] [PAD]x[UNK] [cls] [ SEP ]',
  'x'.repeat(100) + ' ' + 'y'.repeat(101) + ' ' + 'é'.repeat(101),
  'supercalifragilisticexpialidocious-Softwareentwicklerinnenausbildungsleiter',
  '¿Dónde está? ¡Ahora! «quote» “smart” ‘single’ — … · • ※',
  '\ud800 lone surrogate \udc00 private \ue000 tag \u{e0041}',
];

/** True when `tokenizer` gives the reference's ids for every probe (and any extra strings). */
export function agreesWith(tokenizer: WordPieceTokenizer, reference: { encode(text: string): ArrayLike<number> }, extra: readonly string[] = []): boolean {
  for (const text of [...WORDPIECE_PROBES, ...extra]) {
    const theirs = reference.encode(text);
    const mine = tokenizer.encode(text, Infinity);
    if (mine.length !== theirs.length) return false;
    for (let i = 0; i < mine.length; i++) if (mine[i] !== Number(theirs[i])) return false;
  }
  return true;
}
