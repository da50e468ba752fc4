// Writers for Hugging Face `tokenizer.json` / `tokenizer_config.json` files in the shapes that
// BERT (WordPiece) and XLM-R (SentencePiece Unigram) checkpoints ship, limited to the components
// that transformers.js v4 (@huggingface/tokenizers) implements.
//
// transformers.js reads `model_max_length` from tokenizer_config.json (not tokenizer.json's
// `truncation`): `tokenizer(text, { truncation: true })` cuts to it; without it, to nothing.
// `tokenizer_class` picks the JS class: BertTokenizer returns token_type_ids, XLMRobertaTokenizer
// does not.

export const BERT_SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const XLMR_SPECIAL_TOKENS = ['<s>', '<pad>', '</s>', '<unk>'] as const;
export const XLMR_MASK_TOKEN = '<mask>';

export interface WordPieceOptions {
  lowercase: boolean;
  stripAccents: boolean;
  /** Used by bertTokenizerConfigJson as model_max_length; tokenizer.json keeps truncation null. */
  maxLength?: number;
}

export interface UnigramOptions {
  /** Used by xlmrTokenizerConfigJson as model_max_length. */
  maxLength?: number;
}

interface AddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

function specialToken(id: number, content: string, lstrip = false): AddedToken {
  return { id, content, single_word: false, lstrip, rstrip: false, normalized: false, special: true };
}

function special(id: string, typeId = 0) {
  return { SpecialToken: { id, type_id: typeId } };
}

function sequence(id: 'A' | 'B', typeId = 0) {
  return { Sequence: { id, type_id: typeId } };
}

function specialTokensMap(entries: Array<[string, number]>) {
  return Object.fromEntries(entries.map(([t, id]) => [t, { id: t, ids: [id], tokens: [t] }]));
}

function assertPrefix(vocab: readonly string[], prefix: readonly string[], what: string): void {
  prefix.forEach((t, i) => {
    if (vocab[i] !== t) throw new Error(`${what} must start with ${prefix.join(', ')}; found ${vocab[i]} at ${i}`);
  });
  const seen = new Set<string>();
  for (const t of vocab) {
    if (seen.has(t)) throw new Error(`${what} has a duplicate entry: ${JSON.stringify(t)}`);
    seen.add(t);
  }
}

/** BERT-style tokenizer.json; `vocab` must start with [PAD], [UNK], [CLS], [SEP], [MASK]. */
export function wordPieceTokenizerJson(vocab: readonly string[], opts: WordPieceOptions): object {
  assertPrefix(vocab, BERT_SPECIAL_TOKENS, 'WordPiece vocab');
  const id = (t: string) => vocab.indexOf(t);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: BERT_SPECIAL_TOKENS.map((t) => specialToken(id(t), t)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      // Explicit false matters: with lowercase on, a null strip_accents means "strip".
      strip_accents: opts.stripAccents,
      lowercase: opts.lowercase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), sequence('A'), special('[SEP]')],
      pair: [special('[CLS]'), sequence('A'), special('[SEP]'), sequence('B', 1), special('[SEP]', 1)],
      special_tokens: specialTokensMap([
        ['[CLS]', id('[CLS]')],
        ['[SEP]', id('[SEP]')],
      ]),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export function bertTokenizerConfigJson(opts: WordPieceOptions): object {
  return {
    tokenizer_class: 'BertTokenizer',
    model_max_length: opts.maxLength ?? 512,
    do_lower_case: opts.lowercase,
    strip_accents: opts.stripAccents,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
    added_tokens_decoder: Object.fromEntries(
      BERT_SPECIAL_TOKENS.map((t, i) => [String(i), { content: t, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true }]),
    ),
  };
}

export function bertSpecialTokensMapJson(): object {
  return { cls_token: '[CLS]', mask_token: '[MASK]', pad_token: '[PAD]', sep_token: '[SEP]', unk_token: '[UNK]' };
}

/**
 * XLM-R style tokenizer.json. `pieces` are SentencePiece [piece, log-probability] pairs and must
 * start with <s>, <pad>, </s>, <unk> (ids 0-3); a `<mask>` piece, if present, becomes a special
 * token. Word-initial pieces carry the "▁" marker.
 */
export function unigramTokenizerJson(pieces: ReadonlyArray<readonly [string, number]>, _opts: UnigramOptions = {}): object {
  const vocab = pieces.map(([p]) => p);
  assertPrefix(vocab, XLMR_SPECIAL_TOKENS, 'Unigram pieces');
  const id = (t: string) => vocab.indexOf(t);
  const added = XLMR_SPECIAL_TOKENS.map((t) => specialToken(id(t), t));
  // XLM-R's <mask> eats the space before it (lstrip), like the original checkpoint.
  if (id(XLMR_MASK_TOKEN) >= 0) added.push(specialToken(id(XLMR_MASK_TOKEN), XLMR_MASK_TOKEN, true));
  const metaspace = { replacement: '\u2581', prepend_scheme: 'always', split: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    // The original uses a Precompiled charsmap (NFKC plus whitespace clean-up); NFKC and collapsing
    // space runs is what that map does for the text this project sees.
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }],
    },
    pre_tokenizer: { type: 'Metaspace', ...metaspace },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('<s>'), sequence('A'), special('</s>')],
      pair: [special('<s>'), sequence('A'), special('</s>'), special('</s>'), sequence('B'), special('</s>')],
      special_tokens: specialTokensMap([
        ['<s>', id('<s>')],
        ['</s>', id('</s>')],
      ]),
    },
    decoder: { type: 'Metaspace', ...metaspace },
    model: {
      type: 'Unigram',
      unk_id: id('<unk>'),
      vocab: pieces.map(([p, s]) => [p, s]),
      byte_fallback: false,
    },
  };
}

export function xlmrTokenizerConfigJson(opts: UnigramOptions = {}): object {
  const decoder = [...XLMR_SPECIAL_TOKENS].map((t, i) => [String(i), { content: t, lstrip: false, normalized: false, rstrip: false, single_word: false, special: true }]);
  return {
    tokenizer_class: 'XLMRobertaTokenizer',
    model_max_length: opts.maxLength ?? 512,
    bos_token: '<s>',
    eos_token: '</s>',
    sep_token: '</s>',
    cls_token: '<s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    mask_token: XLMR_MASK_TOKEN,
    clean_up_tokenization_spaces: true,
    added_tokens_decoder: Object.fromEntries(decoder),
  };
}

export function xlmrSpecialTokensMapJson(): object {
  return {
    bos_token: '<s>',
    cls_token: '<s>',
    eos_token: '</s>',
    mask_token: { content: XLMR_MASK_TOKEN, lstrip: true, normalized: false, rstrip: false, single_word: false },
    pad_token: '<pad>',
    sep_token: '</s>',
    unk_token: '<unk>',
  };
}
