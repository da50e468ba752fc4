/**
 * npm run index -- --model <id> [--if-stale] [--targets occupations,skills]
 *                  [--template <preset>] [--occupations-template <preset>] [--skills-template <preset>]
 *                  [--encoding int8-rowscale|fp16] [--model-dir <dir>] [--out <dir>]
 *
 * Embeds every ESCO occupation and skill with a model through the engine (loadNodeEmbedder, the
 * same recipe → embed path as the browser) and writes public/models/<id>/index/{occupations,
 * skills}.bin + manifest.json. Deterministic: same model, data and template → same bytes.
 * With --if-stale, an index whose manifest still matches (model id, recipe hash, data version,
 * template, file size and sha-256) is left alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Target } from '../../workers/api';
import { EscoData } from '../../workers/engine/esco/store';
import { readRecipe } from '../../workers/engine/models/readRecipe';
import { fsModelFiles } from '../../workers/engine/runtime/node.node.js';
import { loadToolEmbedder } from './loadModel';
import { buildEmbeddingIndex } from '../../workers/engine/search/buildIndex';
import { decodeIndex, type IndexEncoding } from '../../workers/engine/search/indexFormat';
import { MANIFEST_FORMAT, manifestProblem, type IndexManifest } from '../../workers/engine/search/manifest';
import { resolveTemplate, type IndexTemplate } from '../../workers/engine/search/representation';
import { nodeDataFiles, PUBLIC_DIR } from '../data/nodeFiles';

export const TARGETS: Target[] = ['occupations', 'skills'];

/** Templates a prebuilt index gets unless told otherwise (see workers/engine/search/README.md). */
export const DEFAULT_TEMPLATES: Record<Target, string> = { occupations: 'labels-centroid', skills: 'labels-centroid' };

export interface IndexJob {
  modelId: string;
  /** Model package folder (default public/models/<id>). */
  modelDir?: string;
  /** Output folder (default <modelDir>/index). */
  outDir?: string;
  /** Public root holding data/esco (default public/). */
  publicDir?: string;
  targets?: Target[];
  templates?: Partial<Record<Target, IndexTemplate | string>>;
  encoding?: IndexEncoding;
  log?: (line: string) => void;
}

function paths(job: IndexJob) {
  const modelDir = resolve(job.modelDir ?? join(PUBLIC_DIR, 'models', job.modelId));
  const outDir = resolve(job.outDir ?? join(modelDir, 'index'));
  return { modelDir, outDir, manifestPath: join(outDir, 'manifest.json') };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha-256 over the ONNX files of a model folder (onnx/ or the root), in name order. */
export function weightsFingerprint(modelDir: string): string {
  const hash = createHash('sha256');
  for (const dir of [join(modelDir, 'onnx'), modelDir]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.onnx')).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  }
  return hash.digest('hex');
}

export function readManifest(path: string): IndexManifest | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as IndexManifest;
  } catch {
    return null;
  }
}

/** Templates for a job: flags, else the existing manifest's (a rebuild keeps its choice), else defaults. */
function templatesFor(job: IndexJob, previous: IndexManifest | null): Record<Target, IndexTemplate> {
  const out = {} as Record<Target, IndexTemplate>;
  for (const target of TARGETS) {
    const wanted = job.templates?.[target];
    out[target] = wanted ? resolveTemplate(wanted) : previous?.targets[target]?.template ?? resolveTemplate(DEFAULT_TEMPLATES[target]);
  }
  return out;
}

/** Why the index of a model is stale, or null when it is up to date. Reads the recipe only (no ONNX). */
export async function indexStaleness(job: IndexJob): Promise<string | null> {
  const { modelDir, outDir, manifestPath } = paths(job);
  if (!existsSync(join(modelDir, 'config.json'))) throw new Error(`model "${job.modelId}" not found: no config.json in ${modelDir}`);
  const recipe = await readRecipe(fsModelFiles(modelDir), `model "${job.modelId}"`);
  const data = await EscoData.open(nodeDataFiles(job.publicDir));
  const manifest = readManifest(manifestPath);
  const targets = job.targets ?? TARGETS;
  const templates = templatesFor(job, manifest);
  const problem = manifestProblem(manifest, { modelId: job.modelId, recipeHash: recipe.recipeHash, dataVersion: data.dataVersion, targets, templates });
  if (problem) return problem;
  if (manifest!.dim !== recipe.dim) return `manifest dim ${manifest!.dim}, model dim ${recipe.dim}`;
  if (manifest!.weights !== weightsFingerprint(modelDir)) return 'the model weights changed since the index was built';
  for (const target of targets) {
    const entry = manifest!.targets[target]!;
    const file = join(outDir, entry.file);
    if (!existsSync(file)) return `${entry.file} is missing`;
    const bytes = readFileSync(file);
    if (bytes.byteLength !== entry.bytes || sha256(bytes) !== entry.sha256) return `${entry.file} does not match its manifest`;
    if (entry.entries !== data.count(target)) return `${entry.file} has ${entry.entries} entries, the data ${data.count(target)}`;
  }
  return null;
}

export interface IndexReport {
  target: Target;
  bytes: number;
  rows: number;
  texts: number;
  seconds: number;
}

export async function buildModelIndexes(job: IndexJob): Promise<IndexReport[]> {
  const log = job.log ?? (() => {});
  const { modelDir, outDir, manifestPath } = paths(job);
  const previous = readManifest(manifestPath);
  const templates = templatesFor(job, previous);
  const data = await EscoData.open(nodeDataFiles(job.publicDir));
  const embedder = await loadToolEmbedder(modelDir);
  const targets = job.targets ?? TARGETS;
  const manifest: IndexManifest = {
    format: MANIFEST_FORMAT,
    modelId: job.modelId,
    recipeHash: embedder.recipe.recipeHash,
    dim: embedder.dim,
    dataVersion: data.dataVersion,
    weights: weightsFingerprint(modelDir),
    targets: {},
  };
  // Targets not rebuilt now keep their entry when it still belongs to this model, recipe and data.
  if (previous && previous.weights === manifest.weights && !manifestProblem(previous, { ...manifest, targets: [] })) {
    for (const target of TARGETS) if (!targets.includes(target) && previous.targets[target]) manifest.targets[target] = previous.targets[target];
  }
  mkdirSync(outDir, { recursive: true });
  const reports: IndexReport[] = [];
  for (const target of targets) {
    const started = performance.now();
    let lastLog = 0;
    const built = await buildEmbeddingIndex(data, target, embedder, {
      template: templates[target],
      encoding: job.encoding ?? 'int8-rowscale',
      onProgress: (e) => {
        if (e.status !== 'work' || performance.now() - lastLog < 5000) return;
        lastLog = performance.now();
        log(`  ${target}: ${e.done}/${e.total} texts`);
      },
    });
    decodeIndex(built.bytes, `${target}.bin`); // the file we write must read back
    const file = `${target}.bin`;
    writeFileSync(join(outDir, file), built.bytes);
    manifest.targets[target] = {
      file,
      encoding: job.encoding ?? 'int8-rowscale',
      entries: built.entries,
      rows: built.rows,
      bytes: built.bytes.byteLength,
      sha256: sha256(built.bytes),
      template: templates[target],
      ids: `data/esco/core.json#${target}.id`,
    };
    const seconds = (performance.now() - started) / 1000;
    reports.push({ target, bytes: built.bytes.byteLength, rows: built.rows, texts: built.texts, seconds });
    log(`${target}: ${built.entries} entries, ${built.rows} rows from ${built.texts} texts, ${(built.bytes.byteLength / 1e6).toFixed(2)} MB, ${seconds.toFixed(1)} s`);
  }
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return reports;
}

/** Rebuilds when stale; returns the reason it rebuilt, or null when the index was current. */
export async function ensureModelIndexes(job: IndexJob): Promise<string | null> {
  const problem = await indexStaleness(job);
  if (!problem) return null;
  await buildModelIndexes(job);
  return problem;
}

function parseTargets(value: string | undefined): Target[] | undefined {
  if (!value) return undefined;
  const list = value.split(',').map((t) => t.trim());
  for (const t of list) if (t !== 'occupations' && t !== 'skills') throw new Error(`--targets: unknown target "${t}" (occupations, skills)`);
  return list as Target[];
}

export function jobFromArgs(argv: string[]): IndexJob & { ifStale: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      'model-dir': { type: 'string' },
      out: { type: 'string' },
      targets: { type: 'string' },
      template: { type: 'string' },
      'occupations-template': { type: 'string' },
      'skills-template': { type: 'string' },
      encoding: { type: 'string' },
      'if-stale': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.model) throw new Error('--model <id> is required (a folder under public/models/)');
  if (values.encoding && values.encoding !== 'int8-rowscale' && values.encoding !== 'fp16') {
    throw new Error(`--encoding must be int8-rowscale or fp16, got "${values.encoding}"`);
  }
  const templates: Partial<Record<Target, string>> = {};
  for (const target of TARGETS) {
    const t = values[`${target}-template`] ?? values.template;
    if (t) {
      resolveTemplate(t); // unknown preset → error now, not after loading the model
      templates[target] = t;
    }
  }
  return {
    modelId: values.model,
    modelDir: values['model-dir'],
    outDir: values.out,
    targets: parseTargets(values.targets),
    templates,
    encoding: values.encoding as IndexEncoding | undefined,
    ifStale: values['if-stale'] ?? false,
  };
}

async function main(): Promise<void> {
  const job = { ...jobFromArgs(process.argv.slice(2)), log: (line: string) => console.log(line) };
  if (job.ifStale) {
    const reason = await ensureModelIndexes(job);
    console.log(reason ? `index of ${job.modelId} rebuilt (${reason})` : `index of ${job.modelId} is up to date`);
    return;
  }
  await buildModelIndexes(job);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(`npm run index: ${(error as Error).message}`);
    process.exit(1);
  });
}
