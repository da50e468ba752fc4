/**
 * What the default static model knows of a text: the words it saw in training (its
 * known_words.txt), and in German and Dutch compounds of them ("Behandlungspflege" =
 * "behandlung(s)" + "pflege": there the pieces are the meaning).
 *
 * - `keep`: a long text's segment without the other words. In a resume or job ad they are mostly
 *   names, places, brands and praise ("Zalando", "Rotterdam", "passionate"), and the mean of their
 *   WordPiece pieces' vectors pulls the segment towards unrelated entries (job-ad sentences, eval
 *   task 5 analysed as texts: dense MAP +0.025).
 * - `gap`: the part of a short query the keyword index knows and the model does not. Short queries
 *   keep every word (there a rare word is often the whole meaning: held-out labels lose 0.002–0.09
 *   MRR@10 without their unknown words); instead the keyword side gets more weight for that part
 *   (fusion.ts MODEL_GAP_BETA).
 */
import type { Lang } from '../../api';
import type { KnownWords } from '../embed/knownWords';
import { normalizeBert, preTokenize } from '../embed/wordpiece';
import { Decompounder } from './decompound';
import { isStopword, wordTokens } from './tokenize';
import type { LexicalSearcher } from './translate';

const HAS_LETTER = /\p{L}/u;

/** Languages that write compounds as one word: there an unknown word may be known parts. */
const COMPOUNDING: ReadonlySet<Lang> = new Set<Lang>(['de', 'nl']);

export class KnownWordFilter {
  private readonly compounds: Decompounder;

  constructor(private readonly known: KnownWords) {
    this.compounds = new Decompounder(known.words());
  }

  private knows(word: string, byParts: boolean): boolean {
    return this.known.has(word) || !HAS_LETTER.test(word) || (byParts && this.compounds.split(word).length > 0);
  }

  /**
   * The part of a query's words (stopwords aside, as the keyword index counts them) that the
   * keyword index knows and the model does not, each judged the way the index knows it: a word the
   * index holds as a term must be a word the model saw ("neurosurgeon", an ESCO hidden label, is
   * not); a word the index knows only by its compound parts or a translation counts as known to
   * the model when it or its parts are words the model saw, in any language, as the index splits
   * compounds in any language (a Dutch title searched as English gives no gap for its compounds).
   */
  gap(query: string, lexical: Pick<LexicalSearcher, 'knowsHow'>): number {
    const words = new Set(wordTokens(query).filter((w) => !isStopword(w)));
    if (!words.size) return 0;
    let gap = 0;
    for (const word of words) {
      const how = lexical.knowsHow(word);
      if (how && !this.knows(word, how === 'indirect')) gap++;
    }
    return gap / words.size;
  }

  /**
   * The text (in `lang`) without the words the model does not know (punctuation and numbers
   * stay), as the model's normaliser writes it; the text itself when nothing is dropped, or when
   * no word with letters would be left: then the pieces of the unknown words are all the model has.
   * Compounds of known words stay only where compounds are written as one word (an English word
   * split into known parts is rarely one).
   */
  keep(text: string, lang: Lang): string {
    const byParts = COMPOUNDING.has(lang);
    const tokens = preTokenize(normalizeBert(text));
    const kept = tokens.filter((t) => this.knows(t, byParts));
    if (kept.length === tokens.length || !kept.some((t) => HAS_LETTER.test(t))) return text;
    return kept.join(' ');
  }
}

const filters = new WeakMap<KnownWords, KnownWordFilter>();

/** One filter per word list (its compound splitter over ~100,000 words is built once). */
export function knownWordFilter(known: KnownWords): KnownWordFilter {
  let filter = filters.get(known);
  if (!filter) filters.set(known, (filter = new KnownWordFilter(known)));
  return filter;
}
