/**
 * The app's own lexical index (workers/engine/search/lexical.ts: BM25 per label and per entry,
 * compound splitting, prefix and typo matching) over an eval corpus, so that the eval's hybrid is
 * the app's search: the app fuses the dense list with this index, not with the plain BM25
 * baseline. As in the app (lexicalCorpus.ts), an index in another language than English also
 * searches the English labels of each entry (here without their held-out labels); ESCO's hidden
 * labels are searched too (those that repeat a held-out label left out); descriptions are
 * not indexed (the app does not download them for search). A query in another language than
 * English also searches the English words of its words the index does not know, with the
 * translation table the app ships for that language (translate.ts; the tables leave out the
 * held-out labels, as the model does).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang, Target } from '../../workers/api.js';
import type { EscoMeta } from '../../workers/engine/esco/types.js';
import { LexicalIndex, type LexicalDoc, type WordKnowledge } from '../../workers/engine/search/lexical.js';
import { checkTranslationTable, QueryTranslator, TranslatingLexical, translateEveryWord, translationTablePath, type LexicalSearcher } from '../../workers/engine/search/translate.js';
import { PUBLIC_DIR } from '../data/nodeFiles.js';
import type { Corpus, Doc } from './tasks.js';

/** The labels the app's keyword index holds for an entry: its labels and ESCO's hidden ones (lexicalCorpus.ts). */
export function searchLabels(doc: Doc): string[] {
  return doc.hidden ? [...doc.labels, ...doc.hidden] : doc.labels;
}

const translators = new Map<Lang, QueryTranslator | null>();

/** The app's shipped query translator of a language (none for English). */
export function shippedTranslator(lang: Lang): QueryTranslator | null {
  if (lang === 'en') return null;
  let translator = translators.get(lang);
  if (translator === undefined) {
    const value: unknown = JSON.parse(readFileSync(join(PUBLIC_DIR, translationTablePath(lang)), 'utf8'));
    translators.set(lang, (translator = new QueryTranslator(checkTranslationTable(value, lang))));
  }
  return translator;
}

let meta: EscoMeta | undefined;

/**
 * An index as the app searches it for a query in `lang`: with that language's translator, which
 * translates every word where the app's labels in `lang` cover less than half of the `target`'s
 * entries (the shipped ESCO data decides, as in the app: an eval corpus may hold only the entries
 * that have labels in the language).
 */
export function withTranslator(index: LexicalIndex, lang: Lang | undefined, target: Target): LexicalSearcher {
  const translator = lang ? shippedTranslator(lang) : null;
  if (!translator || !lang) return index;
  meta ??= JSON.parse(readFileSync(join(PUBLIC_DIR, 'data', 'esco', 'meta.json'), 'utf8')) as EscoMeta;
  return new TranslatingLexical(index, translator, translateEveryWord(meta.languages[target][lang] ?? 0, meta.counts[target]));
}

/** The ESCO target an eval corpus holds (its name starts with it). */
export function targetOf(corpus: Corpus): Target {
  return corpus.name.startsWith('skill') ? 'skills' : 'occupations';
}

export interface AppLexicalResult {
  ids: number[];
  scores: number[];
  /** Share of the query's words the index knows (the app's β input). */
  share: number;
  /** How the index knows a word (the app's model-gap input, knownText.ts). */
  knowsHow: (word: string) => WordKnowledge;
}

export class AppLexical {
  private readonly indexes = new Map<Corpus, LexicalIndex>();

  private index(corpus: Corpus, english?: Corpus): LexicalIndex {
    let index = this.indexes.get(corpus);
    if (!index) {
      const englishOf = new Map(english?.docs.map((d) => [d.uri, searchLabels(d)]) ?? []);
      const docs: LexicalDoc[] = corpus.docs.map((d) => {
        const en = englishOf.get(d.uri);
        return en ? { id: d.id, labels: searchLabels(d), english: en } : { id: d.id, labels: searchLabels(d) };
      });
      this.indexes.set(corpus, (index = LexicalIndex.build(docs)));
    }
    return index;
  }

  /** `lang`: the query's language (its words the index does not know are translated from it). */
  rank(corpus: Corpus, query: string, limit: number, english?: Corpus, lang?: Lang): AppLexicalResult {
    const index = withTranslator(this.index(corpus, english), lang, targetOf(corpus));
    const hits = index.search(query, limit);
    return { ids: hits.map((h) => h.id), scores: hits.map((h) => h.score), share: index.knownShare(query), knowsHow: (word) => index.knowsHow(word) };
  }
}
