import { transfer } from 'comlink';
import type { MatcherApi, Matrix, ModelEntry, ProgressCallback } from '../api';
import { normalizeRows } from '../engine/embed/normalize';
import type { EngineConfig, EngineSession } from './session';

export type EmbeddingApi = Pick<MatcherApi, 'listModels' | 'loadModel' | 'embed' | 'similarityMatrix' | 'cancel'> & {
  /** Points the worker at another model folder (test harnesses, deployments with a model CDN). */
  configure(config: EngineConfig): Promise<void>;
};

/** The embedding half of the worker API: models, vectors, similarity of two text lists. */
export function createEmbeddingApi(session: EngineSession): EmbeddingApi {
  return {
    async configure(config) {
      session.configure(config);
    },

    async listModels(): Promise<ModelEntry[]> {
      const url = new URL('index.json', session.modelBaseUrl);
      const res = await fetch(url);
      // A server that answers missing files with its HTML page (status 200) has no list either.
      const why = !res.ok ? `HTTP ${res.status}` : (res.headers.get('content-type') ?? '').includes('text/html') ? 'the server sent a web page instead' : '';
      if (why) throw new Error(`No model list at ${url.href} (${why}): pack a model with npm run model:pack`);
      const data = await res.json();
      const models = Array.isArray(data) ? data : data?.models;
      if (!Array.isArray(models)) throw new Error(`${url.href} is not a list of models`);
      return models as ModelEntry[];
    },

    loadModel(id, options, onProgress) {
      return session.loadModel(id, options?.device ?? 'auto', onProgress);
    },

    async embed(texts, options, onProgress) {
      const job = session.startJob(options?.jobId);
      try {
        const vectors = await session.embed(texts, options?.role, job.signal, onProgress);
        return transfer(vectors, [vectors.buffer]);
      } finally {
        job.done();
      }
    },

    async similarityMatrix(a, b, options, onProgress) {
      if (!Array.isArray(b)) throw new Error('similarityMatrix against an ESCO target is served by the search module');
      const job = session.startJob(options?.jobId);
      try {
        const matrix = await textMatrix(session, a, b, job.signal, onProgress);
        return transfer(matrix, [matrix.values.buffer]);
      } finally {
        job.done();
      }
    },

    cancel(jobId) {
      session.cancel(jobId);
    },
  };
}

/** Rows: list a as queries; columns: list b as documents (the side an asymmetric model indexes). */
async function textMatrix(session: EngineSession, a: string[], b: string[], signal: AbortSignal, onProgress?: ProgressCallback): Promise<Matrix> {
  const embedder = session.currentEmbedder();
  const dim = embedder.dim;
  const va = await session.embed(a, 'query', signal, onProgress, 'embed-rows');
  const vb = await session.embed(b, 'document', signal, onProgress, 'embed-columns');
  if (!embedder.recipe.normalize) {
    normalizeRows(va, a.length, dim);
    normalizeRows(vb, b.length, dim);
  }
  onProgress?.({ status: 'stage', stage: 'similarity', message: `Comparing ${a.length} × ${b.length}` });
  const values = await session.cosine(va, a.length, vb, b.length, dim, onProgress);
  return { rows: a.length, cols: b.length, values };
}
