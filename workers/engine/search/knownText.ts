/**
 * What the default static model knows of a text: the words it saw in training (its
 * known_words.txt), and in German and Dutch compounds of them ("Behandlungspflege" =
 * "behandlung(s)" + "pflege": there the pieces are the meaning).
 *
 * - `keep`: a long text's segment without the other words. In a resume or job ad they are mostly
 *   names, places, brands and praise ("Zalando", "Rotterdam", "passionate"), and the mean of their
 *   WordPiece pieces' vectors pulls the segment towards unrelated entries (job-ad sentences, eval
 *   task 5 analysed as texts: dense MAP +0.025).
 * - `share`: the part of a short query the model knows. Short queries keep every word (there a
 *   rare word is often the whole meaning: held-out labels lose 0.002–0.09 MRR@10 without their
 *   unknown words); instead, where the keyword index knows more of the query than the model, the
 *   keyword side gets more weight (fusion.ts MODEL_GAP_BETA).
 */
import type { Lang } from '../../api';
import type { KnownWords } from '../embed/knownWords';
import { normalizeBert, preTokenize } from '../embed/wordpiece';
import { Decompounder } from './decompound';

const HAS_LETTER = /\p{L}/u;

/** Languages that write compounds as one word: there an unknown word may be known parts. */
const COMPOUNDING: ReadonlySet<Lang> = new Set<Lang>(['de', 'nl']);

export class KnownWordFilter {
  /** Null in languages that write compounds apart: an English word split into known parts is rarely one. */
  private readonly compounds: Decompounder | null;

  constructor(private readonly known: KnownWords, lang: Lang) {
    this.compounds = COMPOUNDING.has(lang) ? new Decompounder(known.words()) : null;
  }

  private knows(word: string): boolean {
    return this.known.has(word) || !HAS_LETTER.test(word) || (this.compounds?.split(word).length ?? 0) > 0;
  }

  /** The fraction of the text's words (with letters) the model knows; 1 for a text without words. */
  share(text: string): number {
    const words = preTokenize(normalizeBert(text)).filter((t) => HAS_LETTER.test(t));
    return words.length ? words.filter((w) => this.knows(w)).length / words.length : 1;
  }

  /**
   * The text without the words the model does not know (punctuation and numbers stay), as the
   * model's normaliser writes it; the text itself when nothing is dropped, or when no word with
   * letters would be left: then the pieces of the unknown words are all the model has.
   */
  keep(text: string): string {
    const tokens = preTokenize(normalizeBert(text));
    const kept = tokens.filter((t) => this.knows(t));
    if (kept.length === tokens.length || !kept.some((t) => HAS_LETTER.test(t))) return text;
    return kept.join(' ');
  }
}

const filters = new WeakMap<KnownWords, Map<Lang, KnownWordFilter>>();

/** One filter per word list and language (its compound splitter is built once). */
export function knownWordFilter(known: KnownWords, lang: Lang): KnownWordFilter {
  let byLang = filters.get(known);
  if (!byLang) filters.set(known, (byLang = new Map()));
  let filter = byLang.get(lang);
  if (!filter) byLang.set(lang, (filter = new KnownWordFilter(known, lang)));
  return filter;
}
