import { transfer } from 'comlink';
import type { Hit, Lang, MatcherApi, Matrix, ProgressCallback, Target, TextAnalysis } from '../api';
import { fetchDataFiles, type DataFiles } from '../engine/esco/files';
import { EscoData } from '../engine/esco/store';
import type { TextEmbedder } from '../engine/search/buildIndex';
import { indexDir, type SearchModel } from '../engine/search/denseIndexes';
import type { IndexManifest } from '../engine/search/manifest';
import { SearchEngine } from '../engine/search/engine';
import { listLangs, prepareLanguageDetector } from '../engine/search/language';
import { idbIndexCache } from '../engine/search/indexCache';
import type { EngineSession } from './session';

export type SearchApi = Pick<MatcherApi, 'search' | 'analyzeText' | 'describe' | 'detectLanguages' | 'cancel'> & {
  /** The `{ target }` form of similarityMatrix: texts (as queries) × every entry of an ESCO target. */
  similarityMatrix(a: string[], b: { target: Target }, options: { jobId?: string }, onProgress?: ProgressCallback): Promise<Matrix>;
  /**
   * Starts what the first search needs (ESCO data, the English occupation BM25 index, the model's
   * prebuilt occupation index) while the model loads, so its downloads and the runtime's compile
   * overlap; failures surface on use.
   */
  prepare(modelId: string): void;
};

const TARGETS: Target[] = ['occupations', 'skills'];
const LANGS: Lang[] = ['en', 'de', 'es', 'fr', 'nl', 'pt'];

/**
 * The search half of the worker API: ESCO search, long-text analysis, descriptions and the
 * text × ESCO similarity matrix. ESCO data is fetched from <app>/data/esco/ on first use; indexes
 * come from <models>/<id>/index/ or are built once per model and kept in IndexedDB.
 */
export function createSearchApi(session: EngineSession): SearchApi {
  let engine: Promise<SearchEngine> | null = null;
  // Files under the models root fetched early by prepare(), each handed out once.
  const prefetched = new Map<string, Promise<Uint8Array>>();
  // The models root can be reconfigured (EngineConfig.modelBaseUrl): resolve it on every request.
  const fetchModelFile = (path: string, signal?: AbortSignal) => fetchDataFiles(session.modelBaseUrl).bytes(path, signal);
  const modelFiles: DataFiles = {
    bytes: (path, signal) => {
      const early = prefetched.get(path);
      prefetched.delete(path);
      return early ?? fetchModelFile(path, signal);
    },
  };
  let prefetchRound = 0;
  const prefetch = (path: string) => {
    const bytes = fetchModelFile(path);
    bytes.catch(() => {}); // a failure surfaces when the file is used
    prefetched.set(path, bytes);
    return bytes;
  };
  /** The prebuilt occupation index of a model (manifest, then its file), fetched ahead of the first search. */
  const prefetchOccupationIndex = (modelId: string) => {
    prefetched.clear();
    const round = ++prefetchRound;
    const dir = indexDir(modelId);
    // Registered before any reader's continuation, so the index file is in the map by the time
    // DenseIndexes has read the manifest. A manifest that is missing or broken is left to it.
    prefetch(dir + 'manifest.json').then((bytes) => {
      const file = (JSON.parse(new TextDecoder().decode(bytes)) as Partial<IndexManifest>).targets?.occupations?.file;
      if (typeof file === 'string' && round === prefetchRound) prefetch(dir + file);
    }).catch(() => {});
  };
  const getEngine = () => {
    engine ??= EscoData.open(fetchDataFiles(session.baseUrl)).then(
      (data) => new SearchEngine({ data, modelFiles, indexCache: idbIndexCache() }),
    );
    engine.catch(() => (engine = null));
    return engine;
  };

  /** The loaded model as the search code sees it; embeds through the session (WebGPU → WASM fallback). */
  const currentModel = (report?: ProgressCallback): SearchModel => {
    const loaded = session.model;
    const embedder = session.currentEmbedder();
    if (!loaded) throw new Error('No model is loaded: call loadModel first');
    const adapter: TextEmbedder = {
      dim: embedder.dim,
      recipe: embedder.recipe,
      embed: (texts, options) => session.embed(texts, options.role, options.signal, (e) => {
        if (e.status === 'work') options.onProgress?.(e.done, e.total);
        // A WebGPU → WASM switch in the middle of a job must reach the UI (backend badge).
        else if (e.status === 'stage' && e.stage === 'fallback') report?.(e);
      }),
      // Asked at call time: a WebGPU → WASM fallback replaces the session's embedder.
      knownWords: () => session.currentEmbedder().knownWords(),
    };
    return { id: loaded.id, embedder: adapter };
  };
  const modelFor = (mode: string | undefined, report?: ProgressCallback): SearchModel | null =>
    mode === 'lexical' ? null : currentModel(report);

  const withJob = async <T>(jobId: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const job = session.startJob(jobId);
    try {
      return await run(job.signal);
    } finally {
      job.done();
    }
  };

  const checkTarget = (target: unknown): Target => {
    if (!TARGETS.includes(target as Target)) throw new Error(`target must be "occupations" or "skills", got ${JSON.stringify(target)}`);
    return target as Target;
  };
  const checkLang = (lang: unknown): Lang | undefined => {
    if (lang === undefined) return undefined;
    if (!LANGS.includes(lang as Lang)) throw new Error(`lang must be one of ${LANGS.join(', ')}, got ${JSON.stringify(lang)}`);
    return lang as Lang;
  };

  return {
    async search(queries, options, onProgress): Promise<Hit[][]> {
      const target = checkTarget(options?.target);
      const lang = checkLang(options.lang);
      return withJob(options.jobId, async (signal) =>
        (await getEngine()).search(modelFor(options.mode, onProgress), queries, { target, k: options.k, lang, mode: options.mode, signal, onProgress }),
      );
    },

    async analyzeText(text, options, onProgress): Promise<TextAnalysis> {
      const lang = checkLang(options?.lang);
      return withJob(options.jobId, async (signal) =>
        (await getEngine()).analyzeText(modelFor(options.mode, onProgress), text, { k: options.k, lang, mode: options.mode, signal, onProgress }),
      );
    },

    async detectLanguages(queries) {
      if (!Array.isArray(queries) || queries.some((q) => typeof q !== 'string')) throw new TypeError('detectLanguages: queries must be an array of strings');
      return listLangs(queries);
    },

    async describe(ids, target, lang) {
      return (await getEngine()).data.describe(ids, checkTarget(target), checkLang(lang) ?? 'en');
    },

    async similarityMatrix(a, b, options, onProgress) {
      const target = checkTarget(b?.target);
      return withJob(options?.jobId, async (signal) => {
        const matrix = await (await getEngine()).targetMatrix(currentModel(onProgress), a, target, { signal, onProgress });
        return transfer(matrix, [matrix.values.buffer]);
      });
    },

    cancel(jobId) {
      session.cancel(jobId);
    },

    prepare(modelId) {
      getEngine().then((e) => e.lexicalIndex('occupations', 'en')).catch(() => {});
      prefetchOccupationIndex(modelId);
      // A search without a language detects it first: the detector (~1 MB of n-gram tables,
      // ~0.2 s to load) loads while the model does, not in front of the first result.
      prepareLanguageDetector().catch(() => {});
    },
  };
}
