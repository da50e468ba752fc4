/**
 * manifest.json next to a model's prebuilt indexes (public/models/<id>/index/): what the .bin
 * files were built from, so a stale index (another model or recipe, changed ESCO data, another
 * text template, a different file) is detected instead of silently returning wrong neighbours.
 */
import type { Target } from '../../api';
import type { IndexEncoding } from './indexFormat';
import { templateKey, type IndexTemplate } from './representation';

export const MANIFEST_FORMAT = 'esco-index-manifest/1';

export interface IndexFileEntry {
  file: string;
  encoding: IndexEncoding;
  entries: number;
  rows: number;
  bytes: number;
  /** sha-256 of the .bin (hex), to notice a replaced or damaged file. */
  sha256: string;
  template: IndexTemplate;
  /** Where the entry order comes from: row owner i is entry i of this list. */
  ids: string;
}

export interface IndexManifest {
  format: typeof MANIFEST_FORMAT;
  modelId: string;
  recipeHash: string;
  dim: number;
  /** EscoMeta.dataVersion of the data the index was built from. */
  dataVersion: string;
  /**
   * sha-256 over the model's ONNX files (Node builds). recipeHash covers the weights only when the
   * package's recipe.json has a weightsFingerprint; this catches a retrained model without one.
   */
  weights?: string;
  targets: Partial<Record<Target, IndexFileEntry>>;
}

export interface IndexExpectation {
  modelId: string;
  recipeHash: string;
  dataVersion: string;
  /** When given, the template the caller wants; a different one is stale. */
  templates?: Partial<Record<Target, IndexTemplate>>;
  targets: Target[];
}

/** Why a manifest does not fit what the caller needs, or null when it does. */
export function manifestProblem(manifest: IndexManifest | null, want: IndexExpectation): string | null {
  if (!manifest) return 'no manifest';
  if (manifest.format !== MANIFEST_FORMAT) return `manifest format ${JSON.stringify(manifest.format)} is not ${MANIFEST_FORMAT}`;
  if (manifest.modelId !== want.modelId) return `built for model ${manifest.modelId}, not ${want.modelId}`;
  if (manifest.recipeHash !== want.recipeHash) return `built with recipe ${manifest.recipeHash}, the model's recipe is now ${want.recipeHash}`;
  if (manifest.dataVersion !== want.dataVersion) return `built from ESCO data ${manifest.dataVersion}, the data is now ${want.dataVersion}`;
  for (const target of want.targets) {
    const entry = manifest.targets[target];
    if (!entry) return `no ${target} index`;
    const template = want.templates?.[target];
    if (template && templateKey(template) !== templateKey(entry.template)) return `${target} index built with another text template`;
  }
  return null;
}
