/**
 * Packs the tiny sentence-transformers fixtures into tests/fixtures/models/ for the browser tests,
 * plus two broken packages: one whose probes.json is deliberately wrong (the WebGPU parity check
 * must reject it) and one whose .onnx files are not ONNX. Run: npx tsx tools/model-pack/packFixtures.ts
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ProbesFile } from '../../workers/engine/backend/parity';
import { packModel, updateIndex } from './packModel';

const exportsDir = resolve('tests/fixtures/st-exports');
const outDir = resolve('tests/fixtures/models');
rmSync(outDir, { recursive: true, force: true });

const names = ['tiny-bert-mean', 'tiny-xlmr-cls', 'tiny-xlmr-e5', 'tiny-xlmr-asym'];
for (const name of names) {
  const { entry } = await packModel(join(exportsDir, name), { outDir, isDefault: name === 'tiny-bert-mean' });
  console.log(`${entry.id}: ${entry.recipeSummary}`);
}

// Wrong probes: every reference vector reversed, so the model's own output no longer matches.
const badProbes = join(outDir, 'tiny-bad-probes');
cpSync(join(outDir, 'tiny-bert-mean'), badProbes, { recursive: true });
const probes = JSON.parse(readFileSync(join(badProbes, 'probes.json'), 'utf8')) as ProbesFile;
for (const vectors of Object.values(probes.references)) for (const v of vectors) v.reverse();
writeFileSync(join(badProbes, 'probes.json'), JSON.stringify(probes, null, 1) + '\n');

// Corrupt weights: a valid package layout whose ONNX files are text.
const corrupt = join(outDir, 'tiny-corrupt-onnx');
cpSync(join(outDir, 'tiny-bert-mean'), corrupt, { recursive: true });
for (const file of ['model.onnx', 'model_quantized.onnx']) writeFileSync(join(corrupt, 'onnx', file), 'this is not an ONNX protobuf\n');
rmSync(join(corrupt, 'probes.json'));

// The broken packages stay out of index.json: they exist to be loaded by id in tests only.
const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8'));
updateIndex(join(outDir, 'index.json'), index.find((m: { id: string }) => m.id === 'tiny-bert-mean'), true);
console.log(`wrote ${outDir}`);
