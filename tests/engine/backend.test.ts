import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packModel } from '../../tools/model-pack/packModel';
import { chooseDevice, isSoftwareAdapter, loadWithFallback, transformerLayers } from '../../workers/engine/backend/device';
import { checkParity, type ProbesFile } from '../../workers/engine/backend/parity';
import type { Embedder } from '../../workers/engine/embed/embedder';
import { loadNodeEmbedder } from '../../workers/engine/runtime/node.node.js';

describe('device choice', () => {
  const withAdapter = { requestAdapter: async () => ({}) };
  const noAdapter = { requestAdapter: async () => null };
  const throwing = { requestAdapter: async () => { throw new Error('blocked'); } };

  it('picks WebGPU only when an adapter exists, and says why not otherwise', async () => {
    expect(await chooseDevice('auto', withAdapter)).toEqual({ device: 'webgpu' });
    expect(await chooseDevice('auto', noAdapter)).toEqual({ device: 'wasm', reason: 'WebGPU found no GPU adapter' });
    expect(await chooseDevice('auto', undefined)).toMatchObject({ device: 'wasm', reason: expect.stringMatching(/not available/) });
    expect(await chooseDevice('webgpu', throwing)).toMatchObject({ device: 'wasm', reason: expect.stringMatching(/blocked/) });
    expect(await chooseDevice('wasm', withAdapter)).toEqual({ device: 'wasm' });
  });

  it('"auto" keeps a model without transformer layers on WASM; an explicit WebGPU choice is kept', async () => {
    const layersOf = (configJson: string | null) => async () => transformerLayers(configJson);
    expect(await chooseDevice('auto', withAdapter, layersOf('{"num_hidden_layers": 0}'))).toEqual({ device: 'wasm' });
    expect(await chooseDevice('auto', withAdapter, layersOf('{"num_hidden_layers": 12}'))).toEqual({ device: 'webgpu' });
    // Unknown shape (no field, no file, broken JSON): the GPU rule alone decides.
    for (const config of ['{}', null, '{broken']) expect(await chooseDevice('auto', withAdapter, layersOf(config))).toEqual({ device: 'webgpu' });
    expect(await chooseDevice('webgpu', withAdapter, layersOf('{"num_hidden_layers": 0}'))).toEqual({ device: 'webgpu' });
    let asked = false;
    await chooseDevice('wasm', withAdapter, async () => { asked = true; return 0; });
    expect(asked, 'an explicit choice does not wait for config.json').toBe(false);
  });

  it('"auto" keeps every model off a software adapter and says why; asked for explicitly, WebGPU runs on it', async () => {
    const software = { requestAdapter: async () => ({ info: { isFallbackAdapter: true, vendor: 'google', architecture: 'swiftshader' } }) };
    const olderSoftware = { requestAdapter: async () => ({ isFallbackAdapter: true }) };
    const hardware = { requestAdapter: async () => ({ info: { isFallbackAdapter: false } }) };
    const twelveLayers = async () => 12;
    for (const gpu of [software, olderSoftware]) {
      expect(await chooseDevice('auto', gpu, twelveLayers)).toEqual({ device: 'wasm', reason: expect.stringMatching(/software one.*slower than WASM/) });
      expect(await chooseDevice('webgpu', gpu)).toEqual({ device: 'webgpu', softwareAdapter: true });
    }
    expect(await chooseDevice('auto', hardware, twelveLayers)).toEqual({ device: 'webgpu' });
    expect(isSoftwareAdapter(null)).toBe(false);
  });

  it('falls back to WASM when loading on WebGPU fails, recording the error', async () => {
    const tried: string[] = [];
    const result = await loadWithFallback({ device: 'webgpu' }, async (device) => {
      tried.push(device);
      if (device === 'webgpu') throw new Error('unsupported op');
      return 'session';
    });
    expect(tried).toEqual(['webgpu', 'wasm']);
    expect(result).toEqual({ value: 'session', device: 'wasm', fallbackReason: expect.stringContaining('unsupported op') });
    expect(await loadWithFallback({ device: 'webgpu' }, async (d) => d)).toEqual({ value: 'webgpu', device: 'webgpu' });
  });
});

describe('parity probes', () => {
  let dir: string;
  let embedder: Embedder;
  let probes: ProbesFile;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-parity-'));
    const { dir: pkg } = await packModel(resolve('tests/fixtures/st-exports/tiny-xlmr-asym'), { outDir: dir, indexFile: null });
    probes = JSON.parse(readFileSync(join(pkg, 'probes.json'), 'utf8'));
    embedder = await loadNodeEmbedder(pkg);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('model:pack writes probes for both roles that the engine reproduces', async () => {
    expect(new Set(probes.probes.map((p) => p.role))).toEqual(new Set(['query', 'document']));
    const result = await checkParity(embedder, probes);
    expect(result.ok).toBe(true);
    expect(result.minCosine).toBeGreaterThan(0.9999);
  });

  it('fails on wrong reference vectors and names the worst probe; NaN fails too', async () => {
    const wrong = structuredClone(probes);
    wrong.references.fp32[2] = wrong.references.fp32[2].map((x) => -x);
    const result = await checkParity(embedder, wrong);
    expect(result.ok).toBe(false);
    expect(result.worstProbe).toBe(probes.probes[2].text);
    const nan = structuredClone(probes);
    nan.references.fp32[0] = nan.references.fp32[0].map(() => NaN);
    expect((await checkParity(embedder, nan)).ok).toBe(false);
  });

  it('skips, without failing, when the package has no reference for the loaded dtype', async () => {
    const other = { ...probes, references: { q8: probes.references.fp32 } };
    expect(await checkParity(embedder, other)).toMatchObject({ ok: true, skipped: expect.stringContaining('fp32') });
  });
});
