import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { applyHeads } from '../models/dense';
import type { EmbedRole, Recipe } from '../models/recipe';
import { readDtype, readRecipe, sharedTextReads, type ModelFiles } from '../models/readRecipe';
import { KnownWords } from './knownWords';
import { normalizeRows } from './normalize';
import { loadTokenizer } from './tokenizer';
import { executionProviders, ortRuntimeFor, type OrtModule, type OrtSession, type OrtTensor } from './onnx';
import { poolCls, poolLastToken, poolMax, poolMean } from './pool';
import { toFloat32 } from './tensorData';
import { encodeTruncated, splitSpecialTokens, type SpecialTokenSplit } from './truncate';
import { agreesWith, wordPieceFromTokenizerJson } from './wordpiece';

export type EmbedDevice = 'webgpu' | 'wasm' | 'cpu';

/** Which code turns text into ids: the engine's WordPiece (checked against transformers.js at load) or transformers.js. */
export type TokenizerPath = 'wordpiece-fast' | 'transformers.js';

/** What embedding needs from a tokenizer: text → ids with the template's special tokens, untruncated. */
interface IdEncoder {
  encode(text: string): number[];
  pad_token_id?: number | null;
}

/** Events as transformers.js sends them while loading files, plus the engine's own stages. */
export type LoadProgress = Record<string, unknown> & { status: string };

export interface EmbedderLoadOptions {
  device: EmbedDevice;
  /** onnxruntime module; default: the device's runtime (ortRuntimeFor). */
  ort?: OrtModule;
  /** ONNX dtype (fp32, q8, fp16, …); default: the recipe's dtype for this device. */
  dtype?: string;
  /** Folder of the .onnx files inside the model folder: 'onnx' in packages, '' in raw optimum exports. */
  subfolder?: string;
  /** A file path for onnxruntime-node to open itself (large models, external data); else bytes are read. */
  localPath?: (file: string) => string | null;
  onProgress?: (event: LoadProgress) => void;
  /** Settles when the runtime may create this session (see EngineSession.loadModel); the model downloads meanwhile. */
  runtimeStarted?: Promise<unknown>;
  /** false: always tokenize with transformers.js (comparisons, benchmarks); default true. */
  fastTokenizer?: boolean;
}

export interface EmbedOptions {
  role: EmbedRole;
  /** Texts per forward pass; default 16. */
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** The error a cancelled call rejects with; DOMException is not in every runtime the engine runs in. */
export function abortError(message = 'The operation was cancelled'): Error {
  const error = new Error(message);
  error.name = 'AbortError';
  return error;
}

/**
 * One loaded model: tokenizer + ONNX session + recipe. `embed` runs every text through
 * prompt prefix → tokenize (truncate to recipe.maxLength) → transformer → pool → heads → normalize.
 */
export class Embedder {
  private constructor(
    readonly modelId: string,
    readonly recipe: Recipe,
    readonly device: EmbedDevice,
    readonly dtype: string,
    readonly tokenizerPath: TokenizerPath,
    private readonly tokenizer: IdEncoder,
    private readonly session: OrtSession,
    private readonly ort: OrtModule,
    private readonly specials: SpecialTokenSplit,
    /** The model folder as given (not the load's shared text reads: the word list is read once and parsed, its text not kept). */
    private readonly files: ModelFiles,
  ) {}

  private knownWordsRead: Promise<KnownWords | null> | null = null;

  /**
   * The words the model saw in training (the package's recipe.knownWordsFile), read on first use:
   * only long texts need them. Null when the package lists none, or when the file is missing or
   * damaged: then every word is embedded, and a console warning says which file to restore.
   */
  knownWords(): Promise<KnownWords | null> {
    this.knownWordsRead ??= readKnownWords(this.files, this.recipe.knownWordsFile, this.modelId);
    return this.knownWordsRead;
  }

  get dim(): number {
    return this.recipe.dim;
  }

  static async load(modelId: string, files: ModelFiles, options: EmbedderLoadOptions): Promise<Embedder> {
    // recipe.json alone names the model file: its download starts before the rest of the recipe is read.
    const folder = sharedTextReads(files);
    const recipeRead = readRecipe(folder, `model "${modelId}"`);
    recipeRead.catch(() => {}); // awaited below, after the file is requested
    const dtype = options.dtype ?? (await readDtype(folder, options.device, `model "${modelId}"`));
    const file = [options.subfolder ?? 'onnx', onnxFileName(dtype)].filter(Boolean).join('/');
    // The model file downloads while the tokenizer loads: on a cold start both are on the critical
    // path, and one after the other they took ~1.6 s instead of ~0.9 s in the cold-start bench.
    const sessionStarted = createSession(files, file, options).then(
      (session) => ({ session, error: null }),
      (error: unknown) => ({ session: null, error }),
    );
    const releaseStarted = async () => (await sessionStarted).session?.release().catch(() => {});
    let recipe: Recipe;
    try {
      recipe = await recipeRead;
    } catch (error) {
      await releaseStarted();
      throw error;
    }
    let tokenizer: PreTrainedTokenizer;
    try {
      options.onProgress?.({ status: 'initiate', file: 'tokenizer.json' });
      tokenizer = await loadTokenizer(folder);
      options.onProgress?.({ status: 'done', file: 'tokenizer.json' });
    } catch (error) {
      await releaseStarted();
      throw new Error(`model "${modelId}": could not load the tokenizer (tokenizer.json, tokenizer_config.json): ${message(error)}`);
    }
    const { session, error } = await sessionStarted;
    if (!session) throw new Error(`model "${modelId}": could not load ${file} on ${options.device} (dtype ${dtype}): ${message(error)}`);
    if (!session.inputNames.includes('input_ids') || !session.inputNames.includes('attention_mask')) {
      await session.release();
      throw new Error(`model "${modelId}": ${file} takes ${session.inputNames.join(', ')}; an encoder with input_ids and attention_mask is expected`);
    }
    const fast = options.fastTokenizer === false ? null : fastTokenizer(tokenizer);
    const encoder = fast ?? tokenizer;
    return new Embedder(modelId, recipe, options.device, dtype, fast ? 'wordpiece-fast' : 'transformers.js', encoder, session,
      options.ort ?? (await ortRuntimeFor(options.device)), splitSpecialTokens(encoder), files);
  }

  /** Row-major texts.length × dim vectors, in the order of `texts`. */
  async embed(texts: string[], options: EmbedOptions): Promise<Float32Array> {
    if (!Array.isArray(texts)) throw new TypeError(`embed: texts must be an array of strings, got ${typeof texts}`);
    const bad = texts.findIndex((t) => typeof t !== 'string');
    if (bad >= 0) throw new TypeError(`embed: texts[${bad}] is ${texts[bad] === null ? 'null' : typeof texts[bad]}, not a string`);
    if (options?.role !== 'query' && options?.role !== 'document') {
      throw new TypeError(`embed: role must be "query" or "document", got ${JSON.stringify(options?.role)}`);
    }
    const { signal, onProgress } = options;
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
    const dim = this.recipe.dim;
    const out = new Float32Array(texts.length * dim);
    if (texts.length === 0) return out;

    // Longest first, so each batch pads to similar lengths; rows are put back in input order.
    const order = texts.map((_, i) => i).sort((a, b) => texts[b].length - texts[a].length);
    const prefix = this.recipe.prompts[options.role];
    for (let start = 0; start < order.length; start += batchSize) {
      // A macrotask break, so a worker can receive a cancel message: ONNX runs resolve as microtasks.
      if (signal && start > 0) await yieldToEventLoop();
      if (signal?.aborted) throw abortError();
      const indexes = order.slice(start, start + batchSize);
      const vectors = await this.embedBatch(indexes.map((i) => prefix + texts[i]), options.role);
      indexes.forEach((original, row) => out.set(vectors.subarray(row * dim, (row + 1) * dim), original * dim));
      onProgress?.(Math.min(start + batchSize, order.length), order.length);
    }
    if (signal?.aborted) throw abortError();
    return out;
  }

  private async embedBatch(batchTexts: string[], role: EmbedRole): Promise<Float32Array> {
    const ids = batchTexts.map((t) => encodeTruncated(this.tokenizer, t, this.recipe.maxLength, this.specials));
    const batch = ids.length;
    const seq = Math.max(...ids.map((x) => x.length));
    const inputIds = new BigInt64Array(batch * seq).fill(BigInt(this.specials.padId));
    const mask = new BigInt64Array(batch * seq);
    ids.forEach((row, b) => row.forEach((id, t) => {
      inputIds[b * seq + t] = BigInt(id);
      mask[b * seq + t] = 1n;
    }));
    const feeds: Record<string, OrtTensor> = {
      input_ids: new this.ort.Tensor('int64', inputIds, [batch, seq]),
      attention_mask: new this.ort.Tensor('int64', mask, [batch, seq]),
    };
    // BERT graphs also take segment ids: one segment, all zeros.
    if (this.session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new this.ort.Tensor('int64', new BigInt64Array(batch * seq), [batch, seq]);
    const outputs = await this.session.run(feeds);
    const hiddenTensor = outputs.last_hidden_state ?? outputs.token_embeddings;
    if (!hiddenTensor) throw new Error(`model "${this.modelId}": the ONNX graph has no last_hidden_state output (got ${Object.keys(outputs).join(', ')})`);
    const [, seqOut, hiddenDim] = hiddenTensor.dims;
    if (hiddenDim !== this.recipe.hiddenDim || seqOut !== seq) {
      throw new Error(`model "${this.modelId}": last_hidden_state is [${hiddenTensor.dims}], expected [${batch}, ${seq}, ${this.recipe.hiddenDim}]`);
    }
    const pool = { mean: poolMean, cls: poolCls, max: poolMax, lasttoken: poolLastToken }[this.recipe.pooling];
    const pooled = pool(toFloat32(hiddenTensor), mask, batch, seq, hiddenDim);
    for (const t of Object.values(outputs)) t.dispose?.();
    const headed = applyHeads(pooled, batch, this.recipe.heads[role]);
    return this.recipe.normalize ? normalizeRows(headed, batch, this.recipe.dim) : headed;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

async function readKnownWords(files: ModelFiles, file: string | null, modelId: string): Promise<KnownWords | null> {
  if (!file) return null;
  try {
    const text = await files.text(file);
    if (text === null) throw new Error(`${file} does not exist`);
    return KnownWords.parse(text, file);
  } catch (error) {
    console.warn(`model "${modelId}": long texts keep every word, because its list of training words could not be read (${message(error)}); restore ${file} in the model folder`);
    return null;
  }
}

/**
 * The engine's WordPiece when the model's tokenizer.json is the BERT pipeline it implements and it
 * gives transformers.js' ids on every probe string; else null, and transformers.js tokenizes.
 * Tokenizing is most of the time a static model spends on short texts, and this is ≈8× faster on job titles.
 */
export function fastTokenizer(reference: PreTrainedTokenizer): IdEncoder | null {
  const wordPiece = wordPieceFromTokenizerJson(reference._tokenizerJSON, reference._tokenizerConfig ?? {});
  if (!wordPiece || !agreesWith(wordPiece, reference)) return null;
  return { encode: (text) => wordPiece.encode(text, Infinity), pad_token_id: reference.pad_token_id };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function createSession(files: ModelFiles, file: string, options: EmbedderLoadOptions): Promise<OrtSession> {
  const sessionOptions: Record<string, unknown> = { executionProviders: executionProviders(options.device), graphOptimizationLevel: 'all' };
  const runtime = options.ort ? Promise.resolve(options.ort) : ortRuntimeFor(options.device);
  const path = options.localPath?.(file);
  // onnxruntime-node opens the file itself and finds external data (model.onnx_data) beside it.
  if (path) return (await runtime).InferenceSession.create(path, sessionOptions);
  options.onProgress?.({ status: 'initiate', file });
  // The download does not wait for the runtime's module to load.
  runtime.catch(() => {});
  // Large models keep their weights beside the graph (model.onnx_data); asked for at the same
  // time, so a missing one (the usual case) costs no round trip after the graph's download.
  const dataFile = `${file}_data`;
  const [bytes, external] = await Promise.all([files.bytes(file), files.bytes(dataFile)]);
  if (!bytes) throw new Error(`${file} does not exist`);
  if (external) sessionOptions.externalData = [{ path: dataFile.split('/').pop(), data: external }];
  options.onProgress?.({ status: 'done', file });
  await options.runtimeStarted?.catch(() => {});
  return (await runtime).InferenceSession.create(bytes, sessionOptions);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** transformers.js file name per dtype (onnx/model{suffix}.onnx). */
export function onnxFileName(dtype: string): string {
  const suffix: Record<string, string> = {
    fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4', q4f16: '_q4f16', bnb4: '_bnb4',
  };
  return `model${suffix[dtype] ?? ''}.onnx`;
}
