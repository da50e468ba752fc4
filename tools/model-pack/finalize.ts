/**
 * The last step of `npm run train`: turns the trainer's export folder into the shipped default
 * package (packModel: recipe.json with the weights fingerprint, probes.json, public/models/index.json)
 * and rebuilds the prebuilt ESCO indexes, whose manifests are tied to that fingerprint.
 *   npx tsx tools/model-pack/finalize.ts <exportDir>   (re-run by hand on an existing export)
 */
import { resolve } from 'node:path';
import { ensureModelIndexes } from '../index/build';
import { packModel, type PackResult } from './packModel';

export const DEFAULT_MODEL = {
  id: 'esco-static-v1',
  name: 'ESCO static multilingual (default)',
  languages: ['en', 'de', 'es', 'fr', 'nl', 'pt'],
} as const;

export async function finalizeDefaultModel(
  exportDir: string,
  options: { outDir?: string; log?: (line: string) => void } = {},
): Promise<PackResult> {
  const log = options.log ?? (() => {});
  const outDir = resolve(options.outDir ?? 'public/models');
  const packed = await packModel(exportDir, {
    id: DEFAULT_MODEL.id,
    outDir,
    isDefault: true,
    name: DEFAULT_MODEL.name,
    languages: [...DEFAULT_MODEL.languages],
    log,
  });
  // packModel recreated the folder, so the indexes are always rebuilt here.
  const reason = await ensureModelIndexes({ modelId: DEFAULT_MODEL.id, modelDir: packed.dir, log });
  log(reason ? `indexes rebuilt (${reason})` : 'indexes up to date');
  return packed;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const exportDir = process.argv[2];
  if (!exportDir) {
    console.error('usage: npx tsx tools/model-pack/finalize.ts <exportDir>');
    process.exit(2);
  }
  finalizeDefaultModel(exportDir, { log: (line) => console.log(line) }).catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
