/**
 * Finds the embedding index of a target for the current model, in this order:
 *   1. memory (this session)
 *   2. the prebuilt public/models/<id>/index/<target>.bin, when its manifest matches the model's
 *      id, recipe hash and the ESCO data version
 *   3. the IndexedDB cache of an earlier in-browser build (same key parts)
 *   4. a build now, with progress events ({status:'work', stage:'index'}) and cancel
 * A manifest that does not match is reported as a 'stage' event and skipped; a prebuilt file that
 * matches its manifest but is damaged (truncated) is an error, because it means a broken deployment.
 */
import type { ProgressCallback, Target } from '../../api';
import type { DataFiles } from '../esco/files';
import { MissingFileError, readJson } from '../esco/files';
import type { EscoData } from '../esco/store';
import { abortError } from './abort';
import { buildEmbeddingIndex, type TextEmbedder } from './buildIndex';
import { indexCacheKey, type IndexCache } from './indexCache';
import { decodeIndex, IndexFormatError, type EmbeddingIndex } from './indexFormat';
import { manifestProblem, type IndexManifest } from './manifest';
import { resolveTemplate, templateKey, type IndexTemplate } from './representation';

export interface SearchModel {
  id: string;
  embedder: TextEmbedder;
}

export interface IndexRequest {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

/** Index folder of a model, relative to the models root (public/models/). */
export function indexDir(modelId: string): string {
  return `${modelId}/index/`;
}

/** Template for indexes built at run time: one English label per entry — affordable for any model on WASM. */
export const RUNTIME_TEMPLATE: IndexTemplate = resolveTemplate('label');

export class DenseIndexes {
  private readonly memory = new Map<string, Promise<EmbeddingIndex>>();

  constructor(
    private readonly data: EscoData,
    /** Files under the models root (public/models/), where <id>/index/ lives. */
    private readonly files: DataFiles,
    private readonly cache: IndexCache,
    private readonly runtimeTemplates: Partial<Record<Target, IndexTemplate>> = {},
  ) {}

  get(model: SearchModel, target: Target, request: IndexRequest = {}): Promise<EmbeddingIndex> {
    const key = `${model.id}|${model.embedder.recipe.recipeHash}|${target}`;
    let pending = this.memory.get(key);
    if (!pending) {
      // Keep one model's indexes: switching models frees the previous ones.
      for (const k of this.memory.keys()) if (!k.startsWith(`${model.id}|${model.embedder.recipe.recipeHash}|`)) this.memory.delete(k);
      pending = this.resolve(model, target, request);
      this.memory.set(key, pending);
      pending.catch(() => this.memory.delete(key));
    }
    return pending;
  }

  private async resolve(model: SearchModel, target: Target, request: IndexRequest): Promise<EmbeddingIndex> {
    const prebuilt = await this.prebuilt(model, target, request);
    if (prebuilt) return prebuilt;
    const template = this.runtimeTemplates[target] ?? RUNTIME_TEMPLATE;
    const cacheKey = indexCacheKey({
      modelId: model.id,
      recipeHash: model.embedder.recipe.recipeHash,
      dataVersion: this.data.dataVersion,
      target,
      template: templateKey(template),
    });
    const cached = await this.cache.get(cacheKey);
    if (cached) {
      try {
        return this.checked(decodeIndex(cached, `cached ${target} index`), model, target);
      } catch {
        // a damaged cache entry is rebuilt below
      }
    }
    request.onProgress?.({ status: 'stage', stage: 'index', message: `Building the ${target} index for ${model.id} (first use only)` });
    const built = await buildEmbeddingIndex(this.data, target, model.embedder, { template, signal: request.signal, onProgress: request.onProgress });
    const buffer = built.bytes.buffer.slice(built.bytes.byteOffset, built.bytes.byteOffset + built.bytes.byteLength) as ArrayBuffer;
    await this.cache.put(cacheKey, buffer);
    return this.checked(decodeIndex(buffer, `built ${target} index`), model, target);
  }

  private async prebuilt(model: SearchModel, target: Target, request: IndexRequest): Promise<EmbeddingIndex | null> {
    const dir = indexDir(model.id);
    let manifest: IndexManifest;
    try {
      // One GET (not a HEAD first): a missing manifest is normal, the index is then built.
      manifest = await readJson<IndexManifest>(this.files, dir + 'manifest.json', request.signal);
    } catch (error) {
      if (request.signal?.aborted) throw abortError();
      if (error instanceof MissingFileError) return null;
      request.onProgress?.({ status: 'stage', stage: 'index', message: `Ignoring ${dir}manifest.json: ${(error as Error).message}` });
      return null;
    }
    const problem = manifestProblem(manifest, {
      modelId: model.id,
      recipeHash: model.embedder.recipe.recipeHash,
      dataVersion: this.data.dataVersion,
      targets: [target],
    });
    if (problem) {
      request.onProgress?.({ status: 'stage', stage: 'index', message: `Prebuilt ${target} index of ${model.id} is stale (${problem})` });
      return null;
    }
    const entry = manifest.targets[target]!;
    const bytes = await this.files.bytes(dir + entry.file, request.signal);
    if (bytes.byteLength !== entry.bytes) {
      throw new IndexFormatError(`${dir}${entry.file}: ${bytes.byteLength} bytes, the manifest says ${entry.bytes} (truncated or replaced); rebuild with npm run index -- --model ${model.id}`);
    }
    return this.checked(decodeIndex(bytes, dir + entry.file), model, target);
  }

  private checked(index: EmbeddingIndex, model: SearchModel, target: Target): EmbeddingIndex {
    if (index.entries !== this.data.count(target)) {
      throw new IndexFormatError(`${target} index of ${model.id} has ${index.entries} entries, the ESCO data ${this.data.count(target)}`);
    }
    if (index.dim !== model.embedder.dim) {
      throw new IndexFormatError(`${target} index of ${model.id} has dim ${index.dim}, the model ${model.embedder.dim}`);
    }
    return index;
  }
}
