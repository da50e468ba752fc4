/**
 * The search side of the engine in one object, shared by the worker (engine-api/search.ts) and
 * the Node tools (match CLI, eval): ESCO corpora per target and language, user-list corpora,
 * short-query search, long-text analysis and the query × target similarity matrix.
 */
import type { Hit, Lang, Matrix, ProgressCallback, SearchMode, Target, TextAnalysis } from '../../api';
import { readJson, type DataFiles } from '../esco/files';
import type { EscoData } from '../esco/store';
import { abortError } from './abort';
import { analyzeSegmentRows, embedSegments } from './analyze';
import { LAMBDA } from './aggregate';
import type { TextEmbedder } from './buildIndex';
import { normalizeRows } from './dense';
import { defaultDenseScorer, type DenseScorer } from './denseScorer';
import { DenseIndexes, type SearchModel } from './denseIndexes';
import { memoryIndexCache, type IndexCache } from './indexCache';
import { encodeIndex, decodeIndex, type EmbeddingIndex } from './indexFormat';
import { detectLang, listLangs } from './language';
import { LexicalIndex } from './lexical';
import { lexicalDocs } from './lexicalCorpus';
import { fetchPrebuiltLexical, loadPrebuiltLexical } from './lexicalPrebuilt';
import { checkTranslationTable, QueryTranslator, TranslatingLexical, translateEveryWord, translationTablePath, type LexicalSearcher } from './translate';
import { checkQueries, embedQueries, rankQueries, type Corpus } from './rank';
import type { IndexTemplate } from './representation';
import { segmentText, withListItems } from './segment';

export interface SearchEngineOptions {
  data: EscoData;
  /** Files under the models root (public/models/): prebuilt indexes at <id>/index/. */
  modelFiles: DataFiles;
  /** Where in-browser index builds persist (default: memory only). */
  indexCache?: IndexCache;
  /** Templates for indexes built at run time (default: the English preferred label). */
  runtimeTemplates?: Partial<Record<Target, IndexTemplate>>;
  /** Index descriptions in BM25 too (larger download; default false). */
  lexicalDescriptions?: boolean;
  /** Dense scoring path (default: onnxruntime's CPU kernels, JavaScript fallback). */
  scorer?: DenseScorer;
}

export interface QueryOptions {
  k: number;
  lang?: Lang;
  mode?: SearchMode;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export class SearchEngine {
  readonly data: EscoData;
  readonly scorer: DenseScorer;
  private readonly dense: DenseIndexes;
  private readonly lexical = new Map<string, Promise<LexicalSearcher>>();
  private readonly translators = new Map<Lang, Promise<QueryTranslator | null>>();

  constructor(private readonly options: SearchEngineOptions) {
    this.data = options.data;
    this.scorer = options.scorer ?? defaultDenseScorer;
    this.dense = new DenseIndexes(options.data, options.modelFiles, options.indexCache ?? memoryIndexCache(), options.runtimeTemplates);
  }

  /** Dense index of a target for a model (prebuilt, cached or built now). */
  denseIndex(model: SearchModel, target: Target, request: { signal?: AbortSignal; onProgress?: ProgressCallback } = {}): Promise<EmbeddingIndex> {
    return this.dense.get(model, target, request);
  }

  /**
   * The lexical index of a target in a language; in another language than English it also
   * searches the English words of query words it does not know (translate.ts).
   */
  lexicalIndex(target: Target, lang: Lang): Promise<LexicalSearcher> {
    const key = `${target}|${lang}`;
    let index = this.lexical.get(key);
    if (!index) {
      // Loaded when it ships prebuilt; otherwise built in slices (buildAsync) so a worker answers
      // cancel/progress meanwhile. Once per session.
      const withDescriptions = this.options.lexicalDescriptions ?? false;
      // The file downloads while the labels it must match load.
      const file = withDescriptions ? null : fetchPrebuiltLexical(this.data.files, target, lang);
      const translator = this.translator(lang);
      index = lexicalDocs(this.data, target, lang, withDescriptions)
        .then(async (docs) => (file ? await loadPrebuiltLexical(await file, target, lang, docs) : null) ?? LexicalIndex.buildAsync(docs))
        .then(async (built) => {
          const words = await translator;
          const everyWord = translateEveryWord(this.data.meta.languages[target][lang] ?? 0, this.data.count(target));
          return words ? new TranslatingLexical(built, words, everyWord) : built;
        });
      index.catch(() => this.lexical.delete(key));
      this.lexical.set(key, index);
    }
    return index;
  }

  /**
   * The query translator of a language (none for English). A missing or damaged table costs the
   * keyword side its cross-lingual matches, never the search: it then searches untranslated.
   */
  private translator(lang: Lang): Promise<QueryTranslator | null> {
    if (lang === 'en') return Promise.resolve(null);
    let translator = this.translators.get(lang);
    if (!translator) {
      const path = translationTablePath(lang);
      translator = readJson<unknown>(this.data.files, path)
        .then((value) => new QueryTranslator(checkTranslationTable(value, lang)))
        .catch((error: unknown) => {
          console.warn(`${path} could not be used (${error instanceof Error ? error.message : error}); query words in ${lang} are searched untranslated`);
          return null;
        });
      this.translators.set(lang, translator);
    }
    return translator;
  }

  /** An ESCO target as a Corpus (ids are URIs). */
  escoCorpus(target: Target, lang: Lang, model: SearchModel | null): Corpus {
    return {
      size: this.data.count(target),
      idOf: (i) => this.data.uri(target, i),
      dense: (request) => {
        if (!model) throw new Error('dense search needs a loaded model');
        return this.denseIndex(model, target, request);
      },
      lexical: () => this.lexicalIndex(target, lang),
    };
  }

  /**
   * Ranks each query against a target. Without `lang`, each query's language is detected and
   * searched in that language's labels (language.ts: listLangs): a German title finds the German
   * labels it was written against (before, every such query searched the English labels).
   */
  async search(model: SearchModel | null, queries: string[], options: QueryOptions & { target: Target }): Promise<Hit[][]> {
    const mode = options.mode ?? 'hybrid';
    const rank = (lang: Lang, texts: string[]) =>
      rankQueries(this.escoCorpus(options.target, lang, model), model?.embedder ?? null, texts, { ...options, mode, scorer: this.scorer });
    if (options.lang || mode === 'dense') return rank(options.lang ?? 'en', queries);
    // Checked here too, so an empty query is numbered within the whole list, not within its language's.
    checkQueries(queries);
    const langs = await listLangs(queries);
    const byLang = new Map<Lang, number[]>();
    langs.forEach((lang, q) => {
      const members = byLang.get(lang);
      if (members) members.push(q);
      else byLang.set(lang, [q]);
    });
    const hits: Hit[][] = new Array(queries.length);
    for (const [lang, members] of byLang) {
      const found = await rank(lang, members.map((q) => queries[q]));
      members.forEach((q, i) => (hits[q] = found[i]));
    }
    return hits;
  }

  async analyzeText(model: SearchModel | null, text: string, options: QueryOptions): Promise<TextAnalysis> {
    if (typeof text !== 'string') throw new TypeError('analyzeText: text must be a string');
    const mode = options.mode ?? 'hybrid';
    const lang = options.lang ?? (await detectLang(text));
    const pieces = segmentText(text, { locale: lang });
    if (pieces.length === 0) return { segments: pieces, occupations: [], skills: [] };
    const { segments, ...rows } = withListItems(text, pieces);
    if (mode !== 'lexical' && !model) throw new Error(`mode "${mode}" needs a loaded model`);
    const { signal, onProgress } = options;
    const vectors = mode === 'lexical' ? null : await embedSegments(model!.embedder, segments, lang, signal, onProgress);
    const result: TextAnalysis = { segments, occupations: [], skills: [] };
    for (const target of ['occupations', 'skills'] as const) {
      if (signal?.aborted) throw abortError();
      result[target] = await analyzeSegmentRows(this.escoCorpus(target, lang, model), segments, vectors, rows[target], {
        k: options.k,
        mode,
        lambda: LAMBDA[target],
        signal,
        onProgress,
        scorer: this.scorer,
      });
    }
    return result;
  }

  /** Cosine similarity of each text (as a query) with every entry of a target: texts × entries. */
  async targetMatrix(model: SearchModel, texts: string[], target: Target, request: { signal?: AbortSignal; onProgress?: ProgressCallback } = {}): Promise<Matrix> {
    const index = await this.denseIndex(model, target, request);
    const vectors = await embedQueries(model.embedder, texts, request.signal, request.onProgress);
    return { rows: texts.length, cols: index.entries, values: await this.scorer.matrix(index, vectors, texts.length, request.signal) };
  }
}

/**
 * A user's own list (one text per line) as a Corpus: ids are 0-based line numbers, vectors are
 * embedded as documents and kept as float16 (no quantization noise for small lists).
 */
export function listCorpus(texts: string[], embedder: TextEmbedder | null): Corpus {
  let dense: Promise<EmbeddingIndex> | null = null;
  let lexical: LexicalIndex | null = null;
  return {
    size: texts.length,
    idOf: (i) => String(i),
    dense: ({ signal, onProgress }) => {
      if (!embedder) throw new Error('dense search needs a loaded model');
      dense ??= embedder
        .embed(texts, { role: 'document', signal, onProgress: onProgress && ((done, total) => onProgress({ status: 'work', stage: 'index', done, total })) })
        .then((v) => decodeIndex(encodeIndex(normalizeRows(v, embedder.dim), embedder.dim, 'fp16')));
      return dense;
    },
    lexical: async () => (lexical ??= LexicalIndex.build(texts.map((t, id) => ({ id, labels: [t] })))),
  };
}
