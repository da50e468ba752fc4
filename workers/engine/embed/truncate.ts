/**
 * Truncation the way sentence-transformers does it: cut the text's tokens, keep the special tokens.
 * transformers.js' own `truncation` cuts the finished id list, which drops the closing [SEP] / </s>
 * and gives a different vector than the Python model for every text longer than max length.
 */

export interface SpecialTokenSplit {
  /** Special tokens the template puts before the text ([CLS] / <s>). */
  prefix: number;
  /** Special tokens after the text ([SEP] / </s>). */
  suffix: number;
  padId: number;
}

interface TokenizerLike {
  encode(text: string): number[];
  pad_token_id?: number | null;
}

/** Learns the template from the tokenizer: "" gives only the special tokens, "a" shows where text goes. */
export function splitSpecialTokens(tokenizer: TokenizerLike): SpecialTokenSplit {
  const empty = tokenizer.encode('');
  const probe = tokenizer.encode('a');
  let prefix = 0;
  while (prefix < empty.length && empty[prefix] === probe[prefix]) prefix++;
  // If the probe shares the whole empty encoding as a prefix, the specials all sit in front.
  return { prefix, suffix: empty.length - prefix, padId: tokenizer.pad_token_id ?? 0 };
}

export function truncateIds(ids: number[], maxLength: number, split: SpecialTokenSplit): number[] {
  if (ids.length <= maxLength) return ids;
  const keep = Math.max(maxLength - split.suffix, split.prefix);
  return split.suffix ? [...ids.slice(0, keep), ...ids.slice(ids.length - split.suffix)] : ids.slice(0, keep);
}

/**
 * Token ids of `text`, truncated to maxLength, without tokenizing all of a huge text: the tokenizer
 * sees a prefix cut at a whitespace, doubled until it yields enough tokens. Because the cut falls
 * between words, the kept tokens are the ones the whole text would give. (transformers.js'
 * Unigram tokenizer overflows the call stack on a 200,000-character word, so this is also a guard.)
 */
export function encodeTruncated(tokenizer: TokenizerLike, text: string, maxLength: number, split: SpecialTokenSplit): number[] {
  let budget = Math.max(256, maxLength * 8);
  for (;;) {
    if (text.length <= budget) return truncateIds(tokenizer.encode(text), maxLength, split);
    const cut = lastWhitespaceBefore(text, budget);
    const ids = tokenizer.encode(text.slice(0, cut));
    // One token beyond maxLength proves the cut does not decide which tokens are kept.
    if (ids.length > maxLength) return truncateIds(ids, maxLength, split);
    budget *= 2;
  }
}

function lastWhitespaceBefore(text: string, limit: number): number {
  for (let i = limit; i > limit * 0.9; i--) if (/\s/.test(text[i])) return i;
  return limit;
}
