/**
 * The trainer's BERT tokenizer is the engine's: training must see the ids the shipped model sees,
 * and one implementation cannot drift from the other.
 */
export {
  CLS_ID,
  normalizeBert,
  PAD_ID,
  preTokenize,
  SEP_ID,
  SPECIAL_TOKENS,
  UNK_ID,
  WordPieceTokenizer,
  wordPieceFromTokenizerJson,
} from '../../workers/engine/embed/wordpiece.js';
export type { AddedTokenSpec, WordPieceOptions } from '../../workers/engine/embed/wordpiece.js';
