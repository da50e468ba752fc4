import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ModelEntry } from '../../workers/api';
import { onnxFileName } from '../../workers/engine/embed/embedder';
import { KNOWN_WORDS_FILE } from '../../workers/engine/embed/knownWords';
import { describeRecipe } from '../../workers/engine/models/recipe';
import type { RecipeJson } from '../../workers/engine/models/readRecipe';
import { loadNodeEmbedder } from '../../workers/engine/runtime/node.node.js';
import { PROBE_TEXTS, type ProbesFile } from './probes';

export interface PackOptions {
  /** Package id = folder name under outDir; default: the export folder's name. */
  id?: string;
  /** Default public/models. */
  outDir?: string;
  name?: string;
  languages?: string[];
  /** Make this the default model in index.json. */
  isDefault?: boolean;
  /** Where to write index.json; default outDir/index.json; null = do not touch an index. */
  indexFile?: string | null;
  log?: (line: string) => void;
}

export interface PackResult {
  dir: string;
  entry: ModelEntry;
  recipe: RecipeJson;
}

const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'];
const ST_FILES = ['modules.json', 'sentence_bert_config.json', 'config_sentence_transformers.json'];
const CARD_FILES = ['README.md', 'LICENSE', 'LICENSE.txt', 'NOTICE'];
const DTYPE_BY_SUFFIX: Record<string, string> = {
  '': 'fp32', _fp16: 'fp16', _quantized: 'q8', _int8: 'int8', _uint8: 'uint8', _q4: 'q4', _q4f16: 'q4f16', _bnb4: 'bnb4',
};

/**
 * Turns an optimum ONNX export (model*.onnx at the root or in onnx/, plus tokenizer and
 * sentence-transformers files) into a self-hosted package in the transformers.js layout.
 */
export async function packModel(sourceDir: string, options: PackOptions = {}): Promise<PackResult> {
  const log = options.log ?? (() => {});
  const src = resolve(sourceDir);
  checkExport(src);
  const id = options.id ?? basename(src);
  if (!/^[\w.-]+$/.test(id)) throw new Error(`model id "${id}" may only contain letters, digits, "-", "_" and "."`);
  const outDir = resolve(options.outDir ?? 'public/models');
  const dir = join(outDir, id);
  if (dir === src) throw new Error('the package folder must differ from the export folder');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'onnx'), { recursive: true });

  for (const file of ['config.json', ...TOKENIZER_FILES, ...ST_FILES, ...CARD_FILES, KNOWN_WORDS_FILE]) {
    if (existsSync(join(src, file))) copyFileSync(join(src, file), join(dir, file));
  }
  for (const folder of moduleFolders(src)) {
    cpSync(join(src, folder), join(dir, folder), {
      recursive: true,
      // The engine reads safetensors only; PyTorch pickles would be dead weight in a web package.
      filter: (path) => !/\.(bin|pt|pth)$/.test(path),
    });
  }
  const variants: Record<string, number> = {};
  for (const { from, name } of onnxFiles(src)) {
    copyFileSync(from, join(dir, 'onnx', name));
    variants[name] = statSync(from).size;
  }
  log(`copied ${Object.keys(variants).join(', ')}`);

  const dtypes = new Set(Object.keys(variants).filter((n) => n.endsWith('.onnx')).map(dtypeOfFile).filter(Boolean) as string[]);
  const dtype = {
    wasm: dtypes.has('q8') ? 'q8' : dtypes.has('fp32') ? 'fp32' : [...dtypes][0],
    // fp32 on WebGPU: quantized and fp16 graphs are where upstream reports wrong GPU results.
    webgpu: dtypes.has('fp32') ? 'fp32' : dtypes.has('fp16') ? 'fp16' : [...dtypes][0],
    cpu: dtypes.has('fp32') ? 'fp32' : [...dtypes][0],
  };
  const fingerprint = createHash('sha256');
  for (const name of Object.keys(variants).sort()) fingerprint.update(name).update(readFileSync(join(dir, 'onnx', name)));
  const card = readCardFrontMatter(src);
  const recipeJson: RecipeJson = {
    dtype,
    weightsFingerprint: fingerprint.digest('hex'),
    variants,
    name: options.name ?? card.name ?? id,
    languages: options.languages ?? card.languages ?? [],
    // A static model's training words (the trainer writes them): the engine filters long texts with them.
    ...(existsSync(join(dir, KNOWN_WORDS_FILE)) ? { knownWords: KNOWN_WORDS_FILE } : {}),
  };
  writeJson(join(dir, 'recipe.json'), recipeJson);

  // Reference vectors on CPU through the engine itself, once per dtype a backend will load.
  const references: Record<string, number[][]> = {};
  let dim = 0;
  let summary = '';
  for (const d of new Set([dtype.wasm, dtype.webgpu])) {
    const embedder = await loadNodeEmbedder(dir, { dtype: d });
    dim = embedder.dim;
    summary = describeRecipe(embedder.recipe);
    references[d] = [];
    for (const probe of PROBE_TEXTS) {
      const v = await embedder.embed([probe.text], { role: probe.role });
      references[d].push(Array.from(v));
    }
    await embedder.dispose();
    log(`probes computed with ${d}`);
  }
  recipeJson.summary = summary;
  writeJson(join(dir, 'recipe.json'), recipeJson);
  const probes: ProbesFile = { dim, probes: PROBE_TEXTS, references, backends: { wasm: dtype.wasm, webgpu: dtype.webgpu } };
  writeJson(join(dir, 'probes.json'), probes);

  const sharedBytes = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).reduce((n, f) => n + statSync(join(dir, f)).size, 0)
    + moduleFolders(dir).reduce((n, f) => n + folderSize(join(dir, f)), 0);
  const entry: ModelEntry = {
    id,
    name: recipeJson.name!,
    languages: recipeJson.languages!,
    dim,
    sizeBytes: sharedBytes + (variants[onnxFileName(dtype.wasm)] ?? 0),
    recipeSummary: summary,
    isDefault: false,
  };
  if (options.indexFile !== null) updateIndex(options.indexFile ?? join(outDir, 'index.json'), entry, options.isDefault ?? false);
  return { dir, entry, recipe: recipeJson };
}

function checkExport(src: string): void {
  if (!existsSync(src) || !statSync(src).isDirectory()) throw new Error(`not a folder: ${src}`);
  const missing = ['config.json', 'tokenizer.json'].filter((f) => !existsSync(join(src, f)));
  if (onnxFiles(src).length === 0) missing.push('model.onnx (at the root or in onnx/)');
  if (missing.length) {
    throw new Error(`${src} is not an ONNX export (optimum-cli export onnx --task feature-extraction): missing ${missing.join(', ')}`);
  }
}

/** model*.onnx and their external-data files, from the root and from onnx/. */
function onnxFiles(src: string): { from: string; name: string }[] {
  const found = new Map<string, string>();
  for (const folder of [src, join(src, 'onnx')]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      if (/^model(_[a-z0-9]+)?\.onnx(_data(_\d+)?)?$/.test(name) && !found.has(name)) found.set(name, join(folder, name));
    }
  }
  return [...found].map(([name, from]) => ({ name, from }));
}

function dtypeOfFile(name: string): string | undefined {
  const m = /^model(_[a-z0-9]+)?\.onnx$/.exec(name);
  return m ? DTYPE_BY_SUFFIX[m[1] ?? ''] : undefined;
}

function moduleFolders(src: string): string[] {
  if (!existsSync(join(src, 'modules.json'))) return [];
  const modules = JSON.parse(readFileSync(join(src, 'modules.json'), 'utf8')) as { path: string }[];
  return modules.map((m) => m.path.replace(/\/$/, '')).filter((p) => p && existsSync(join(src, p)));
}

function folderSize(path: string): number {
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

/** name / language from a Hugging Face model card's YAML front matter (simple list forms only). */
function readCardFrontMatter(src: string): { name?: string; languages?: string[] } {
  const path = join(src, 'README.md');
  if (!existsSync(path)) return {};
  const m = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path, 'utf8'));
  if (!m) return {};
  const yaml = m[1];
  const inline = /^language:\s*\[([^\]]*)\]/m.exec(yaml);
  const single = /^language:\s*([a-z]{2,3})\s*$/m.exec(yaml);
  const block = /^language:\s*\n((?:\s*-\s*\S+\n?)+)/m.exec(yaml);
  const languages = inline ? inline[1].split(',').map((s) => s.trim().replace(/['"]/g, '')).filter(Boolean)
    : block ? block[1].split('\n').map((s) => s.replace(/^\s*-\s*/, '').trim()).filter(Boolean)
    : single ? [single[1]] : undefined;
  const name = /^model_name:\s*(.+)$/m.exec(yaml)?.[1].trim().replace(/^['"]|['"]$/g, '');
  return { name, languages };
}

/** Adds or replaces the entry in index.json (an array of ModelEntry); keeps exactly one default. */
export function updateIndex(indexFile: string, entry: ModelEntry, makeDefault: boolean): ModelEntry[] {
  const existing: ModelEntry[] = existsSync(indexFile) ? JSON.parse(readFileSync(indexFile, 'utf8')) : [];
  if (!Array.isArray(existing)) throw new Error(`${indexFile} is not a JSON array of models`);
  const previous = existing.find((e) => e.id === entry.id);
  const models = existing.filter((e) => e.id !== entry.id);
  models.push({ ...entry, isDefault: makeDefault || (previous?.isDefault ?? false) });
  if (makeDefault) for (const m of models) m.isDefault = m.id === entry.id;
  if (!models.some((m) => m.isDefault)) models[0].isDefault = true;
  models.sort((a, b) => a.id.localeCompare(b.id));
  writeJson(indexFile, models);
  return models;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 1) + '\n');
}
