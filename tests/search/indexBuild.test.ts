import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModelIndexes, ensureModelIndexes, indexStaleness, type IndexJob } from '../../tools/index/build';
import { nodeDataFiles } from '../../tools/data/nodeFiles';
import { EscoData } from '../../workers/engine/esco/store';
import { loadToolEmbedder } from '../../tools/index/loadModel';
import { SearchEngine } from '../../workers/engine/search/engine';
import { manifestProblem, MANIFEST_FORMAT, type IndexManifest } from '../../workers/engine/search/manifest';
import { resolveTemplate } from '../../workers/engine/search/representation';

const TINY_MODEL = resolve(__dirname, '..', 'fixtures', 'models', 'tiny-bert-mean');

function job(): IndexJob & { outDir: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'index-'));
  return { modelId: 'tiny-bert-mean', modelDir: TINY_MODEL, root, outDir: join(root, 'tiny-bert-mean', 'index'), targets: ['occupations'], templates: { occupations: 'label' } };
}

describe('npm run index', () => {
  it('writes identical bytes when rebuilt, and a manifest describing them', async () => {
    const j = job();
    const [report] = await buildModelIndexes(j);
    const first = readFileSync(join(j.outDir, 'occupations.bin'));
    const manifest = JSON.parse(readFileSync(join(j.outDir, 'manifest.json'), 'utf8')) as IndexManifest;
    await buildModelIndexes(j);
    expect(Buffer.compare(readFileSync(join(j.outDir, 'occupations.bin')), first)).toBe(0);
    expect(manifest).toMatchObject({ modelId: 'tiny-bert-mean', dim: 32, targets: { occupations: { entries: report.rows, bytes: first.length, encoding: 'int8-rowscale' } } });
    expect(manifest.targets.occupations!.template).toEqual(resolveTemplate('label'));
    expect(await indexStaleness(j)).toBeNull();
  });

  it('detects a stale manifest and rebuilds it with --if-stale', async () => {
    const j = job();
    await buildModelIndexes(j);
    const path = join(j.outDir, 'manifest.json');
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.replace(/"recipeHash": "[^"]+"/, '"recipeHash": "0000"'));
    expect(await indexStaleness(j)).toMatch(/built with recipe 0000/);
    expect(await ensureModelIndexes(j)).toMatch(/built with recipe 0000/);
    expect(readFileSync(path, 'utf8')).toBe(good);
    expect(await ensureModelIndexes(j)).toBeNull(); // current now: nothing to do
    expect(await indexStaleness({ ...j, templates: { occupations: 'label-description' } })).toMatch(/another text template/);
    writeFileSync(path, good.replace(/"weights": "[^"]+"/, '"weights": "0000"'));
    expect(await indexStaleness(j)).toMatch(/model weights changed/);
  });

  it('reports a truncated index file, in the tool and when searching', async () => {
    const j = job();
    await buildModelIndexes(j);
    const bin = join(j.outDir, 'occupations.bin');
    const bytes = readFileSync(bin);
    writeFileSync(bin, bytes.subarray(0, bytes.length - 100));
    expect(await indexStaleness(j)).toMatch(/occupations\.bin does not match its manifest/);
    const data = await EscoData.open(nodeDataFiles());
    const engine = new SearchEngine({ data, modelFiles: nodeDataFiles(j.root) });
    const model = { id: 'tiny-bert-mean', embedder: await loadToolEmbedder(TINY_MODEL) };
    await expect(engine.search(model, ['cook'], { target: 'occupations', k: 3, mode: 'dense' })).rejects.toThrow(/truncated/);
  });
});

describe('manifestProblem', () => {
  const manifest: IndexManifest = {
    format: MANIFEST_FORMAT, modelId: 'm', recipeHash: 'r', dim: 4, dataVersion: 'd',
    targets: { skills: { file: 'skills.bin', encoding: 'fp16', entries: 1, rows: 1, bytes: 1, sha256: '', template: resolveTemplate('label'), ids: '' } },
  };
  const want = { modelId: 'm', recipeHash: 'r', dataVersion: 'd', targets: ['skills' as const] };
  it('accepts a matching manifest and names each kind of staleness', () => {
    expect(manifestProblem(manifest, want)).toBeNull();
    expect(manifestProblem(null, want)).toBe('no manifest');
    expect(manifestProblem(manifest, { ...want, modelId: 'x' })).toMatch(/built for model m, not x/);
    expect(manifestProblem(manifest, { ...want, recipeHash: 'x' })).toMatch(/recipe r/);
    expect(manifestProblem(manifest, { ...want, dataVersion: 'x' })).toMatch(/ESCO data d, the data is now x/);
    expect(manifestProblem(manifest, { ...want, targets: ['occupations'] })).toMatch(/no occupations index/);
  });
});
