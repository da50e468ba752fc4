/**
 * npx tsx tools/index/ensure.ts [--model <id>]...   (called by npm run build)
 *
 * Makes sure the prebuilt indexes of the app's models are current: the default model of
 * public/models/index.json and every model that already has an index/ folder, or the models
 * named. A current index (manifest matches model, recipe, ESCO data, template and file hashes)
 * is left untouched, so a build without changes does no embedding work. The prebuilt BM25 index
 * (tools/index/lexical.ts) is checked as well.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ModelEntry } from '../../workers/api';
import { PUBLIC_DIR } from '../data/nodeFiles';
import { ensureModelIndexes } from './build';
import { ensureLexicalIndexes } from './lexical';

export function modelsToEnsure(publicDir = PUBLIC_DIR): string[] {
  const modelsDir = join(publicDir, 'models');
  const ids = new Set<string>();
  const indexFile = join(modelsDir, 'index.json');
  if (existsSync(indexFile)) {
    const models = JSON.parse(readFileSync(indexFile, 'utf8')) as ModelEntry[];
    for (const m of models) if (m.isDefault) ids.add(m.id);
  }
  if (existsSync(modelsDir)) {
    for (const name of readdirSync(modelsDir)) if (existsSync(join(modelsDir, name, 'index', 'manifest.json'))) ids.add(name);
  }
  return [...ids].sort();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { model: { type: 'string', multiple: true } }, strict: true });
  const lexical = await ensureLexicalIndexes();
  console.log(lexical.length ? `BM25 index rebuilt: ${lexical.join(', ')}` : 'BM25 index up to date');
  const ids = values.model?.length ? values.model : modelsToEnsure();
  if (!ids.length) console.log('no models with indexes to check');
  for (const modelId of ids) {
    const started = performance.now();
    const reason = await ensureModelIndexes({ modelId, log: (line) => console.log(`  ${line}`) });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(reason ? `${modelId}: index rebuilt (${reason}) in ${seconds} s` : `${modelId}: index up to date`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((error) => {
    console.error(`index ensure: ${(error as Error).message}`);
    process.exit(1);
  });
}
