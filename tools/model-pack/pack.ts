/**
 * npm run model:pack -- <export dir> [--id <id>] [--out public/models] [--name "Name"] [--languages en,de] [--default]
 * Packs an optimum ONNX export + sentence-transformers files into public/models/<id>/ and updates index.json.
 */
import { parseArgs } from 'node:util';
import { packModel } from './packModel';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    id: { type: 'string' },
    out: { type: 'string', default: 'public/models' },
    name: { type: 'string' },
    languages: { type: 'string' },
    default: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length !== 1) {
  console.error('usage: npm run model:pack -- <export dir> [--id <id>] [--out public/models] [--name "Name"] [--languages en,de] [--default]');
  process.exit(values.help ? 0 : 2);
}

try {
  const { dir, entry, recipe } = await packModel(positionals[0], {
    id: values.id,
    outDir: values.out,
    name: values.name,
    languages: values.languages?.split(',').map((s) => s.trim()).filter(Boolean),
    isDefault: values.default,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`packed ${entry.id} → ${dir}`);
  console.log(`  ${entry.recipeSummary}; dim ${entry.dim}; WASM ${recipe.dtype?.wasm}, WebGPU ${recipe.dtype?.webgpu}; ${(entry.sizeBytes / 1e6).toFixed(1)} MB`);
} catch (error) {
  console.error(`model:pack: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
