/**
 * Word-for-word query translation into English for the lexical side, from a table learned from
 * ESCO's own parallel labels (tools/data/translations.ts: a label in one language and the English
 * labels of the same concept). A query word the index does not know ("conductora", "autobús")
 * brings the English words it stands for ("driver", "bus") into the BM25 query, so the keyword
 * side finds English labels for queries in another language: cross-lingual search, and the skill
 * search of languages whose ESCO skill labels are English (nl, pt) or mostly English (de).
 * A word the index knows is left as it is (a Spanish title in the Spanish index searches as before),
 * except where the language's labels cover less than half of the entries (translateEveryWord).
 */
import type { Lang } from '../../api';
import { Decompounder } from './decompound';
import { wordTokens, isStopword } from './tokenize';
import type { LexicalHit, LexicalIndex, LexicalSearchOptions, WordKnowledge } from './lexical';

export const TRANSLATION_FORMAT = 1;

/** What data/lexical/translations.<lang>.json holds. */
export interface TranslationTable {
  format: number;
  lang: Lang;
  /** How it was made (for people reading the file). */
  source: string;
  /** Folded word → its English words, best first. */
  words: Record<string, string[]>;
}

/** Path under the app's public root. */
export function translationTablePath(lang: Lang): string {
  return `data/lexical/translations.${lang}.json`;
}

/** Checks a parsed file; throws a message naming what is wrong. */
export function checkTranslationTable(value: unknown, lang: Lang): TranslationTable {
  const table = value as Partial<TranslationTable> | null;
  if (!table || typeof table !== 'object' || table.format !== TRANSLATION_FORMAT || table.lang !== lang || !table.words || typeof table.words !== 'object') {
    throw new Error(`${translationTablePath(lang)} is not a format-${TRANSLATION_FORMAT} translation table for "${lang}"`);
  }
  return table as TranslationTable;
}

export class QueryTranslator {
  private readonly words: Map<string, string[]>;
  /** Splits compounds into words the table translates ("softwareentwicklerin" → "software" + "entwicklerin"). */
  private readonly splitter: Decompounder;

  constructor(table: TranslationTable) {
    this.words = new Map(Object.entries(table.words));
    this.splitter = new Decompounder(this.words.keys());
  }

  get size(): number {
    return this.words.size;
  }

  /** English words for a folded word: its own, else those of its compound parts; [] when unknown. */
  translate(word: string): string[] {
    const own = this.words.get(word);
    if (own) return own;
    return this.splitter.split(word).flatMap((part) => this.words.get(part) ?? []);
  }
}

/**
 * Whether every query word is translated, not only the words the index does not know: where the
 * language's labels cover less than half of the entries (ESCO's skills: German 16 %, Dutch and
 * Portuguese none), a word the index knows is known to a few entries only. German skill labels
 * exist for ESCO's green, digital, language, research and transversal collections, so "Pflege" met
 * "Grünflächenpflege" (green space strategies) and never a nursing skill; translated, it also
 * searches the English labels ("care", "nursing") every skill has.
 */
export function translateEveryWord(labelled: number, entries: number): boolean {
  return entries > 0 && labelled / entries < 0.5;
}

/** The part of a lexical index that searching needs (LexicalIndex, or one with a translator). */
export type LexicalSearcher = Pick<LexicalIndex, 'search' | 'knownShare' | 'knowsHow'>;

/**
 * A lexical index that also searches the English words of the query words it does not know.
 * knownShare counts a word as known when the index knows it or one of its translations, so the
 * fusion (fusion.ts) gives the lexical side weight as far as the query could be searched.
 */
export class TranslatingLexical implements LexicalSearcher {
  constructor(
    readonly index: LexicalIndex,
    readonly translator: QueryTranslator,
    /** Translate the words the index knows too (translateEveryWord). */
    readonly everyWord = false,
  ) {}

  /** The query with the translations of its (unknown) words appended (the query itself when there are none). */
  expand(query: string): string {
    const extra: string[] = [];
    for (const word of new Set(wordTokens(query))) {
      if (isStopword(word) || (!this.everyWord && this.index.knowsWord(word))) continue;
      for (const english of this.translator.translate(word)) extra.push(english);
    }
    return extra.length ? `${query} ${extra.join(' ')}` : query;
  }

  search(query: string, limit: number, options?: LexicalSearchOptions): LexicalHit[] {
    return this.index.search(this.expand(query), limit, options);
  }

  knownShare(query: string): number {
    const { index, translator } = this;
    return index.knownShare(query, (word) => index.knowsWord(word) || translator.translate(word).some((english) => index.knowsWord(english)));
  }

  /** A word known through one of its translations is known indirectly, as one known by its compound parts. */
  knowsHow(word: string): WordKnowledge {
    const { index, translator } = this;
    return index.knowsHow(word) ?? (translator.translate(word).some((english) => index.knowsWord(english)) ? 'indirect' : null);
  }
}
