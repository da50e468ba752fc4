/// <reference lib="webworker" />
/**
 * The only worker entry. The API object is assembled from the embedding half (models, vectors,
 * text-list similarity) and the search half (ESCO search, text analysis, descriptions); methods
 * neither half provides reject with a clear message.
 */
import { expose } from 'comlink';
import type { MatcherApi } from './api';
import { createEmbeddingApi, type EmbeddingApi } from './engine-api/embedding';
import { createSearchApi } from './engine-api/search';
import { EngineSession } from './engine-api/session';

const session = new EngineSession(import.meta.url);
const embedding = createEmbeddingApi(session);
const search = createSearchApi(session);

const notAvailable = (name: string) => () => Promise.reject(new Error(`${name} is not available yet in this build`));

const api: MatcherApi & Pick<EmbeddingApi, 'configure'> = {
  describe: search.describe ?? notAvailable('describe'),
  search: search.search ?? notAvailable('search'),
  analyzeText: search.analyzeText ?? notAvailable('analyzeText'),
  detectLanguages: search.detectLanguages ?? notAvailable('detectLanguages'),
  listModels: embedding.listModels,
  loadModel: (id, options, onProgress) => {
    search.prepare(id);
    return embedding.loadModel(id, options, onProgress);
  },
  embed: embedding.embed,
  similarityMatrix: (a, b, options, onProgress) =>
    Array.isArray(b) || !search.similarityMatrix
      ? embedding.similarityMatrix(a, b, options, onProgress)
      : search.similarityMatrix(a, b, options, onProgress),
  cancel: (jobId) => {
    embedding.cancel(jobId);
    search.cancel?.(jobId);
  },
  configure: embedding.configure,
};

expose(api);
