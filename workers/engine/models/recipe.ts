/**
 * A model recipe: everything besides the transformer itself that decides what vector a text gets.
 * Read from a model's sentence-transformers files (see readRecipe.ts), so every model — CareerBERT,
 * JobBERT-v3, JobBGE-m3, e5 — goes through the same tokenize → ONNX → pool → heads → normalize path.
 */

export type Pooling = 'mean' | 'cls' | 'max' | 'lasttoken';
export type EmbedRole = 'query' | 'document';
export type Backend = 'webgpu' | 'wasm' | 'cpu';

/** Activations sentence-transformers' Dense layer is saved with, by their short name. */
export type Activation = 'identity' | 'tanh' | 'relu' | 'gelu' | 'sigmoid';

/** One sentence-transformers Dense layer: y = activation(W x + b), W stored row-major [out, in]. */
export interface DenseLayer {
  inFeatures: number;
  outFeatures: number;
  activation: Activation;
  weight: Float32Array;
  bias: Float32Array | null;
}

export interface Recipe {
  pooling: Pooling;
  /** Whether a Normalize module follows (then cosine similarity is a dot product). */
  normalize: boolean;
  /** Tokens per text, including special tokens; longer texts are truncated. */
  maxLength: number;
  /** Text prepended per role, e.g. e5's "query: " / "passage: ". Empty when the model has none. */
  prompts: Record<EmbedRole, string>;
  /** Dense layers applied after pooling, per role; equal lists for symmetric models. */
  heads: Record<EmbedRole, DenseLayer[]>;
  /** ONNX dtype per backend, e.g. { wasm: 'q8', webgpu: 'fp32', cpu: 'fp32' }. */
  dtype: Record<Backend, string>;
  /** Transformer hidden size (pooled vector length). */
  hiddenDim: number;
  /** Final output dimension (after the heads). */
  dim: number;
  /** Whether query and document vectors differ (prompts or heads differ). */
  asymmetric: boolean;
  /**
   * File of the package that lists the words the model saw in training (recipe.json's knownWords;
   * the default static model has one): long texts keep only those words (embed/knownWords.ts).
   * Null for models without it, which embed every word.
   */
  knownWordsFile: string | null;
  /**
   * Stable hex hash of everything that changes vectors (pooling, normalize, maxLength, prompts,
   * head weights, dtypes and the package's weights fingerprint when known). The index builder
   * stores it next to an index to detect indexes built with another model or recipe.
   */
  recipeHash: string;
}

/** Human-readable one-liner for the settings panel, e.g. "mean pooling → Dense 32→48 tanh → normalize". */
export function describeRecipe(recipe: Recipe): string {
  const parts: string[] = [`${recipe.pooling} pooling`];
  const headText = (layers: DenseLayer[]) =>
    layers.map((l) => `Dense ${l.inFeatures}→${l.outFeatures}${l.activation === 'identity' ? '' : ' ' + l.activation}`).join(' → ');
  if (recipe.heads.query.length || recipe.heads.document.length) {
    const q = headText(recipe.heads.query);
    const d = headText(recipe.heads.document);
    const same = recipe.heads.query.length === recipe.heads.document.length
      && recipe.heads.query.every((layer, i) => layer === recipe.heads.document[i]);
    parts.push(same ? q : `query: ${q || 'none'} / document: ${d || 'none'}`);
  }
  if (recipe.normalize) parts.push('normalize');
  let text = parts.join(' → ');
  if (recipe.prompts.query || recipe.prompts.document) {
    text += ` (prefixes ${JSON.stringify(recipe.prompts.query)} / ${JSON.stringify(recipe.prompts.document)})`;
  }
  return text;
}
