import { parseActivation } from './dense';
import type { Backend, DenseLayer, EmbedRole, Pooling, Recipe } from './recipe';
import { readSafetensors } from './safetensors';

/**
 * Reads files of one model folder; null means the file does not exist. Implemented over fetch in
 * the browser and over fs in Node, so the same recipe code runs in both.
 */
export interface ModelFiles {
  text(path: string): Promise<string | null>;
  bytes(path: string): Promise<Uint8Array | null>;
}

/** The project's own `recipe.json` in a model package (written by model:pack). All fields optional. */
export interface RecipeJson {
  /** ONNX dtype per backend, e.g. { wasm: 'q8', webgpu: 'fp32' }. */
  dtype?: Partial<Record<Backend, string>>;
  /** Identity of the ONNX weights (e.g. sha256 of model.onnx); part of recipeHash. */
  weightsFingerprint?: string;
  /** Files in onnx/ and their sizes, so the UI can show download sizes. */
  variants?: Record<string, number>;
  summary?: string;
  name?: string;
  languages?: string[];
  /** File listing the words the model saw in training (static models; see embed/knownWords.ts). */
  knownWords?: string;
}

interface ModuleEntry { idx?: number; name?: string; path: string; type: string }

const DEFAULT_DTYPE: Record<Backend, string> = { wasm: 'fp32', webgpu: 'fp32', cpu: 'fp32' };

/**
 * Builds the Recipe of a sentence-transformers model folder: modules.json (order of modules),
 * sentence_bert_config.json (max_seq_length), the Pooling config, config_sentence_transformers.json
 * (prompts), Dense / Asym folders (weights in model.safetensors) and Normalize.
 * A folder without modules.json is read as a plain transformer with mean pooling.
 */
export async function readRecipe(files: ModelFiles, where = 'model folder'): Promise<Recipe> {
  // Read together: over HTTP these are round trips on the cold-start path.
  const [config, moduleList, stConfig, promptConfig, projectJson] = await Promise.all([
    readJson<Record<string, unknown>>(files, 'config.json', where),
    readJson<ModuleEntry[]>(files, 'modules.json', where),
    readJson<{ max_seq_length?: number }>(files, 'sentence_bert_config.json', where),
    readJson<{ prompts?: Record<string, string>; default_prompt_name?: string | null }>(files, 'config_sentence_transformers.json', where),
    readJson<RecipeJson>(files, 'recipe.json', where),
  ]);
  if (!config) throw new Error(`${where}: config.json is missing — not a transformers/sentence-transformers model folder`);
  const hiddenDim = Number(config.hidden_size ?? config.d_model ?? config.dim);
  if (!Number.isFinite(hiddenDim) || hiddenDim <= 0) throw new Error(`${where}: config.json has no hidden_size`);
  const modules = moduleList ?? [];
  const project = projectJson ?? {};

  let pooling: Pooling = 'mean';
  let normalize = false;
  const heads: Record<EmbedRole, DenseLayer[]> = { query: [], document: [] };
  let poolingSeen = false;
  for (const module of [...modules].sort((a, b) => (a.idx ?? 0) - (b.idx ?? 0))) {
    const kind = module.type.split('.').pop();
    const dir = module.path.replace(/\/$/, '');
    if (kind === 'Transformer' || kind === 'StaticEmbedding') continue;
    if (kind === 'Pooling') {
      pooling = await readPooling(files, join(dir, 'config.json'), where);
      poolingSeen = true;
    } else if (kind === 'Dense') {
      const layer = await readDense(files, dir, where);
      heads.query.push(layer);
      heads.document.push(layer);
    } else if (kind === 'Asym' || kind === 'Router') {
      const routed = await readAsym(files, dir, where);
      heads.query.push(...routed.query);
      heads.document.push(...routed.document);
    } else if (kind === 'Normalize') {
      normalize = true;
    } else {
      throw new Error(`${where}: module ${module.type} (${module.path || 'root'}) is not supported by this engine`);
    }
  }
  if (modules.length && !poolingSeen) throw new Error(`${where}: modules.json lists no Pooling module`);

  const maxLength = Number(stConfig?.max_seq_length ?? (await tokenizerMaxLength(files, where)) ?? 512);
  const prompts = readPrompts(promptConfig?.prompts ?? {}, promptConfig?.default_prompt_name ?? null);
  const dtype = dtypesOf(project);

  const dim = checkHeadChain(heads.query, hiddenDim, where, 'query');
  const dimDoc = checkHeadChain(heads.document, hiddenDim, where, 'document');
  if (dim !== dimDoc) throw new Error(`${where}: query heads give ${dim} dimensions but document heads give ${dimDoc}`);

  const asymmetric = prompts.query !== prompts.document || heads.query.length !== heads.document.length
    || heads.query.some((layer, i) => layer !== heads.document[i]);
  const recipeHash = await hashRecipe({ pooling, normalize, maxLength, prompts, heads, dtype }, project.weightsFingerprint ?? '');
  const knownWordsFile = typeof project.knownWords === 'string' && project.knownWords ? project.knownWords : null;
  return { pooling, normalize, maxLength, prompts, heads, dtype, hiddenDim, dim, asymmetric, recipeHash, knownWordsFile };
}

/** ONNX dtype per backend: recipe.json's, fp32 where it names none. */
function dtypesOf(project: RecipeJson): Record<Backend, string> {
  return { ...DEFAULT_DTYPE, ...(project.dtype ?? {}) };
}

/**
 * The dtype a backend runs, from recipe.json alone (as readRecipe gives it), so the model file can
 * be fetched while the rest of the recipe is read.
 */
export async function readDtype(files: ModelFiles, backend: Backend, where = 'model folder'): Promise<string> {
  return dtypesOf((await readJson<RecipeJson>(files, 'recipe.json', where)) ?? {})[backend];
}

/** ModelFiles that read each text file once (several readers of one folder share the request). */
export function sharedTextReads(files: ModelFiles): ModelFiles {
  const texts = new Map<string, Promise<string | null>>();
  return {
    text: (path) => {
      let text = texts.get(path);
      if (!text) texts.set(path, (text = files.text(path)));
      return text;
    },
    bytes: (path) => files.bytes(path),
  };
}

async function readJson<T>(files: ModelFiles, path: string, where: string): Promise<T | null> {
  const text = await files.text(path);
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${where}: ${path} is not valid JSON`);
  }
}

function join(dir: string, file: string): string {
  return dir ? `${dir}/${file}` : file;
}

async function readPooling(files: ModelFiles, path: string, where: string): Promise<Pooling> {
  const c = await readJson<Record<string, unknown>>(files, path, where);
  if (!c) throw new Error(`${where}: ${path} is missing`);
  if (typeof c.pooling_mode === 'string') {
    const named: Record<string, Pooling> = { mean: 'mean', cls: 'cls', max: 'max', lasttoken: 'lasttoken' };
    const p = named[c.pooling_mode];
    if (!p) throw new Error(`${where}: pooling mode "${c.pooling_mode}" is not supported (mean, cls, max, lasttoken are)`);
    return p;
  }
  const modes: [string, Pooling | null][] = [
    ['pooling_mode_cls_token', 'cls'], ['pooling_mode_mean_tokens', 'mean'], ['pooling_mode_max_tokens', 'max'],
    ['pooling_mode_lasttoken', 'lasttoken'], ['pooling_mode_mean_sqrt_len_tokens', null], ['pooling_mode_weightedmean_tokens', null],
  ];
  const active = modes.filter(([key]) => c[key] === true);
  if (active.length !== 1) {
    throw new Error(`${where}: ${path} enables ${active.length ? active.map(([k]) => k).join(' + ') : 'no pooling mode'}; exactly one of cls, mean, max, lasttoken is supported`);
  }
  const [key, mode] = active[0];
  if (!mode) throw new Error(`${where}: ${key} is not supported (cls, mean, max, lasttoken are)`);
  return mode;
}

async function readDense(files: ModelFiles, dir: string, where: string): Promise<DenseLayer> {
  const c = await readJson<{ in_features: number; out_features: number; bias?: boolean; activation_function?: string }>(
    files, join(dir, 'config.json'), where);
  if (!c) throw new Error(`${where}: Dense config ${join(dir, 'config.json')} is missing`);
  const bytes = await files.bytes(join(dir, 'model.safetensors'));
  if (!bytes) {
    throw new Error(`${where}: Dense weights ${join(dir, 'model.safetensors')} are missing (pytorch_model.bin is not read: re-save the model with safetensors)`);
  }
  const tensors = readSafetensors(bytes, `${where}: ${join(dir, 'model.safetensors')}`);
  const weight = tensors.get('linear.weight');
  if (!weight) throw new Error(`${where}: ${join(dir, 'model.safetensors')} has no linear.weight`);
  if (weight.shape[0] !== c.out_features || weight.shape[1] !== c.in_features) {
    throw new Error(`${where}: ${dir} linear.weight is [${weight.shape}] but config says ${c.in_features}→${c.out_features}`);
  }
  const bias = tensors.get('linear.bias') ?? null;
  if (c.bias !== false && !bias) throw new Error(`${where}: ${dir} config says bias but linear.bias is missing`);
  return {
    inFeatures: c.in_features,
    outFeatures: c.out_features,
    activation: parseActivation(c.activation_function),
    weight: weight.data,
    bias: bias ? bias.data : null,
  };
}

/** Which Asym/Router route a role takes: sentence-transformers names vary by training script. */
const ROUTE_NAMES: Record<EmbedRole, string[]> = {
  query: ['query', 'anchor', 'queries', 'q'],
  document: ['document', 'positive', 'doc', 'passage', 'corpus', 'documents', 'd'],
};

async function readAsym(files: ModelFiles, dir: string, where: string): Promise<Record<EmbedRole, DenseLayer[]>> {
  const c = await readJson<{ types: Record<string, string>; structure: Record<string, string[]> }>(
    files, join(dir, 'config.json'), where);
  if (!c?.types || !c.structure) throw new Error(`${where}: Asym config ${join(dir, 'config.json')} is missing or has no types/structure`);
  const layers = new Map<string, DenseLayer>();
  for (const [id, type] of Object.entries(c.types)) {
    if (type.split('.').pop() !== 'Dense') throw new Error(`${where}: Asym route module ${id} is ${type}; only Dense is supported`);
    layers.set(id, await readDense(files, join(dir, id), where));
  }
  const routes = Object.keys(c.structure);
  const pick = (role: EmbedRole): DenseLayer[] => {
    const key = ROUTE_NAMES[role].find((name) => routes.includes(name));
    if (!key) throw new Error(`${where}: Asym routes ${routes.join(', ')} name no ${role} route (expected one of ${ROUTE_NAMES[role].join(', ')})`);
    return c.structure[key].map((id) => layers.get(id)!);
  };
  return { query: pick('query'), document: pick('document') };
}

function readPrompts(prompts: Record<string, string>, defaultName: string | null): Record<EmbedRole, string> {
  const fallback = defaultName ? prompts[defaultName] ?? '' : '';
  const find = (names: string[]) => names.map((n) => prompts[n]).find((p) => typeof p === 'string') ?? fallback;
  return { query: find(['query', 'queries']), document: find(['document', 'passage', 'doc', 'corpus', 'documents']) };
}

async function tokenizerMaxLength(files: ModelFiles, where: string): Promise<number | null> {
  const t = await readJson<{ model_max_length?: number }>(files, 'tokenizer_config.json', where);
  const n = t?.model_max_length;
  // transformers writes 1e30 for "no limit".
  return typeof n === 'number' && n < 1e6 ? n : null;
}

function checkHeadChain(layers: DenseLayer[], hiddenDim: number, where: string, role: string): number {
  let dim = hiddenDim;
  for (const layer of layers) {
    if (layer.inFeatures !== dim) throw new Error(`${where}: ${role} Dense expects ${layer.inFeatures} inputs but receives ${dim}`);
    dim = layer.outFeatures;
  }
  return dim;
}

async function hashRecipe(
  parts: Pick<Recipe, 'pooling' | 'normalize' | 'maxLength' | 'prompts' | 'heads' | 'dtype'>,
  weightsFingerprint: string,
): Promise<string> {
  const headShape = (layers: DenseLayer[]) => layers.map((l) => [l.inFeatures, l.outFeatures, l.activation, !!l.bias]);
  const text = JSON.stringify({
    pooling: parts.pooling, normalize: parts.normalize, maxLength: parts.maxLength, prompts: parts.prompts,
    heads: { query: headShape(parts.heads.query), document: headShape(parts.heads.document) },
    dtype: parts.dtype, weightsFingerprint,
  });
  const chunks: Uint8Array[] = [new TextEncoder().encode(text)];
  for (const layer of [...parts.heads.query, ...parts.heads.document]) {
    chunks.push(new Uint8Array(layer.weight.buffer, layer.weight.byteOffset, layer.weight.byteLength));
    if (layer.bias) chunks.push(new Uint8Array(layer.bias.buffer, layer.bias.byteOffset, layer.bias.byteLength));
  }
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const c of chunks) { all.set(c, offset); offset += c.byteLength; }
  const digest = await crypto.subtle.digest('SHA-256', all);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
