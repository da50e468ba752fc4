/**
 * The engine in Chromium: fixture models packed with model:pack, loaded by the matcher worker on
 * WebGPU (SwiftShader here) and on WASM, must give the vectors Node computed for probes.json;
 * broken packages and bad input must give clear errors, after which the worker still serves calls.
 */
import { expect, test, type Page } from '@playwright/test';

const FIXTURES = ['tiny-bert-mean', 'tiny-xlmr-cls', 'tiny-xlmr-e5', 'tiny-xlmr-asym'];

async function openHarness(page: Page): Promise<void> {
  await page.goto('/e2e/harness/engine.html');
  await expect(page.locator('#status')).toHaveText('ready');
}

/**
 * Loads a model in the worker and returns the largest |difference| from the probes' reference
 * vectors, relative to the reference vector's length (= absolute for normalized models).
 */
async function probeDifference(page: Page, id: string, device: 'webgpu' | 'wasm') {
  return page.evaluate(async ({ id, device }) => {
    const { client, fetchJson } = window.engine;
    const loaded = await client.loadModel(id, { device });
    const probes = (await fetchJson(`${id}/probes.json`)) as {
      probes: { text: string; role: 'query' | 'document' }[];
      references: Record<string, number[][]>;
    };
    const reference = probes.references[loaded.dtype];
    let maxDiff = 0;
    for (let i = 0; i < probes.probes.length; i++) {
      // One text per call, as the reference was computed (int8 activations depend on batch-mates).
      const v = await client.embed([probes.probes[i].text], { role: probes.probes[i].role });
      const norm = Math.hypot(...reference[i]);
      for (let d = 0; d < v.length; d++) maxDiff = Math.max(maxDiff, Math.abs(v[d] - reference[i][d]) / norm);
    }
    return { loaded, maxDiff, count: probes.probes.length };
  }, { id, device });
}

test.describe('engine in the browser', () => {
  test.beforeEach(async ({ page }) => openHarness(page));

  for (const id of FIXTURES) {
    test(`${id}: WebGPU and WASM vectors equal the Node reference within 1e-3`, async ({ page }) => {
      const gpu = await probeDifference(page, id, 'webgpu');
      expect(gpu.loaded.backend).toBe('webgpu');
      expect(gpu.loaded.fallbackReason).toBeUndefined();
      expect(gpu.maxDiff).toBeLessThan(1e-3);
      const wasm = await probeDifference(page, id, 'wasm');
      expect(wasm.loaded.backend).toBe('wasm');
      expect(wasm.maxDiff).toBeLessThan(1e-3);
      expect(gpu.count).toBeGreaterThanOrEqual(5);
      console.log(`${id}: max relative difference WebGPU ${gpu.loaded.dtype} ${gpu.maxDiff.toExponential(2)}, WASM ${wasm.loaded.dtype} ${wasm.maxDiff.toExponential(2)}`);
    });
  }

  test('forcing WebGPU off loads on WASM and says so; the q8 file is used there', async ({ page }) => {
    const loaded = await page.evaluate(() => window.engine.client.loadModel('tiny-bert-mean', { device: 'wasm' }));
    expect(loaded).toMatchObject({ id: 'tiny-bert-mean', backend: 'wasm', dtype: 'q8', dim: 32 });
    expect(loaded.fallbackReason).toBeUndefined();
  });

  test('a worker that started on WASM (the WASM-only runtime) loads on WebGPU next, as after a settings change', async ({ page }) => {
    const wasm = await probeDifference(page, 'tiny-bert-mean', 'wasm');
    expect(wasm.loaded.backend).toBe('wasm');
    const gpu = await probeDifference(page, 'tiny-bert-mean', 'webgpu');
    expect(gpu.loaded.backend).toBe('webgpu');
    expect(gpu.loaded.fallbackReason).toBeUndefined();
    expect(gpu.maxDiff).toBeLessThan(1e-3);
    // and back on WASM (now on the WebGPU build's WASM backend)
    const again = await probeDifference(page, 'tiny-bert-mean', 'wasm');
    expect(again.loaded.backend).toBe('wasm');
    expect(again.maxDiff).toBeLessThan(1e-3);
  });

  test('a package whose probes disagree falls back from WebGPU to WASM with the reason', async ({ page }) => {
    const loaded = await page.evaluate(() => window.engine.client.loadModel('tiny-bad-probes', { device: 'webgpu' }));
    expect(loaded.backend).toBe('wasm');
    expect(loaded.fallbackReason).toMatch(/WebGPU results differ from the reference.*< 0\.99.*using WASM/);
    const v = await page.evaluate(async () => Array.from(await window.engine.client.embed(['nurse'], { role: 'query' })));
    expect(v).toHaveLength(32);
  });

  test('the model list comes from index.json', async ({ page }) => {
    const models = await page.evaluate(() => window.engine.client.listModels());
    expect(models.map((m) => m.id).sort()).toEqual([...FIXTURES].sort());
    expect(models.filter((m) => m.isDefault).map((m) => m.id)).toEqual(['tiny-bert-mean']);
    expect(models.find((m) => m.id === 'tiny-xlmr-asym')).toMatchObject({ dim: 48, recipeSummary: expect.stringContaining('Dense 32→48 tanh') });
  });

  test('missing model and corrupt .onnx give clear errors, then the worker serves the next call', async ({ page }) => {
    const errors = await page.evaluate(async () => {
      const { client } = window.engine;
      const message = (p: Promise<unknown>) => p.then(() => 'no error', (e: Error) => e.message);
      return {
        missing: await message(client.loadModel('no-such-model', { device: 'wasm' })),
        corrupt: await message(client.loadModel('tiny-corrupt-onnx', { device: 'wasm' })),
        notLoaded: await message(client.embed(['nurse'], { role: 'query' })),
      };
    });
    expect(errors.missing).toMatch(/Model "no-such-model" not found/);
    expect(errors.corrupt).toMatch(/could not load onnx\/model_quantized\.onnx on wasm/);
    expect(errors.notLoaded).toMatch(/No model is loaded/);
    const after = await page.evaluate(async () => {
      await window.engine.client.loadModel('tiny-xlmr-cls', { device: 'wasm' });
      return Array.from(await window.engine.client.embed(['nurse'], { role: 'query' }));
    });
    expect(after).toHaveLength(32);
  });

  test('empty list, non-string input and a 200,000-character text', async ({ page }) => {
    const result = await page.evaluate(async () => {
      const { client } = window.engine;
      await client.loadModel('tiny-xlmr-e5', { device: 'wasm' });
      const empty = await client.embed([], { role: 'query' });
      const bad = await client.embed(['nurse', 7 as unknown as string], { role: 'query' }).then(() => null, (e: Error) => `${e.name}: ${e.message}`);
      const long = await client.embed(['welder '.repeat(30_000).slice(0, 200_000), 'x'.repeat(200_000)], { role: 'document' });
      return { empty: empty.length, bad, longLength: long.length, longFinite: Array.from(long).every(Number.isFinite) };
    });
    expect(result.empty).toBe(0);
    expect(result.bad).toMatch(/TypeError: embed: texts\[1\] is number, not a string/);
    expect(result).toMatchObject({ longLength: 64, longFinite: true });
  });

  test('cancel in the middle of a batch run rejects with AbortError; the next call works', async ({ page }) => {
    const result = await page.evaluate(async () => {
      const { client } = window.engine;
      await client.loadModel('tiny-bert-mean', { device: 'wasm' });
      const controller = new AbortController();
      const texts = Array.from({ length: 400 }, (_, i) => `registered nurse on the night shift number ${i} `.repeat(6));
      let progressEvents = 0;
      const run = client.embed(texts, {
        role: 'query', signal: controller.signal,
        onProgress: (e) => { if (e.status === 'work' && ++progressEvents === 1) controller.abort(); },
      });
      const error = await run.then(() => null, (e: Error) => e.name);
      const next = await client.embed(['nurse'], { role: 'query' });
      return { error, progressEvents, next: next.length };
    });
    expect(result.error).toBe('AbortError');
    expect(result.progressEvents).toBeGreaterThanOrEqual(1);
    expect(result.progressEvents).toBeLessThan(400 / 16);
    expect(result.next).toBe(32);
  });

  test('onnxruntime runs on every core of the isolated page (up to 4), on one thread when asked, with the same results', async ({ page }) => {
    const run = () =>
      page.evaluate(async () => {
        const { client } = window.engine;
        const loaded = await client.loadModel('tiny-bert-mean', { device: 'wasm' });
        const a = Array.from({ length: 40 }, (_, i) => `software developer ${i}`);
        const m = await client.similarityMatrix(a, a.map((x) => `${x} nurse`));
        return { loaded, values: Array.from(m.values), cores: navigator.hardwareConcurrency, isolated: crossOriginIsolated };
      });
    const threaded = await run();
    expect(threaded.isolated).toBe(true);
    expect(threaded.loaded.wasmThreads).toBe(Math.min(threaded.cores, 4));
    await page.goto('/e2e/harness/engine.html?threads=1');
    await expect(page.locator('#status')).toHaveText('ready');
    const single = await run();
    expect(single.loaded.wasmThreads).toBe(1);
    expect(single.values).toHaveLength(40 * 40);
    const maxDiff = Math.max(...single.values.map((v, i) => Math.abs(v - threaded.values[i])));
    expect(maxDiff).toBeLessThan(1e-5);
  });

  /** The matrix of two lists on a device, and its largest difference from dot products of the normalized vectors. */
  const matrixAgainstDots = (page: Page, device: 'webgpu' | 'wasm', na: number, nb: number) =>
    page.evaluate(async ({ device, na, nb }) => {
      const { client } = window.engine;
      const loaded = await client.loadModel('tiny-bert-mean', { device });
      const a = Array.from({ length: na }, (_, i) => `software developer ${i}`);
      const b = Array.from({ length: nb }, (_, i) => `nurse ${i} welder`);
      const m = await client.similarityMatrix(a, b);
      const va = await client.embed(a, { role: 'query' });
      const vb = await client.embed(b, { role: 'document' });
      const dim = loaded.dim;
      const unit = (v: Float32Array, i: number) => {
        const row = v.subarray(i * dim, (i + 1) * dim);
        const n = Math.hypot(...row);
        return Array.from(row, (x) => x / n);
      };
      const vb1 = Array.from({ length: b.length }, (_, j) => unit(vb, j));
      let maxDiff = 0;
      for (let i = 0; i < a.length; i++) {
        const x = unit(va, i);
        for (let j = 0; j < b.length; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(m.values[i * b.length + j] - x.reduce((s, v, k) => s + v * vb1[j][k], 0)));
        }
      }
      return { rows: m.rows, cols: m.cols, maxDiff, loaded, cores: navigator.hardwareConcurrency };
    }, { device, na, nb });

  test('on WebGPU from a software adapter (SwiftShader here) the matrix of two lists runs on the CPU kernel, equal to the dot products', async ({ page }) => {
    const result = await matrixAgainstDots(page, 'webgpu', 70, 90);
    // Asked for explicitly, the model runs on WebGPU; matrices stay on the CPU, 100× faster here.
    expect(result).toMatchObject({ rows: 70, cols: 90, loaded: { backend: 'webgpu', matrixKernelThreads: Math.min(result.cores, 4) } });
    expect(result.loaded.matricesOnGpu).toBeUndefined();
    expect(result.maxDiff).toBeLessThan(1e-5);
  });

  test('on WASM the matrix runs on the relaxed-SIMD kernel on every core, equal to the dot products', async ({ page }) => {
    // 700 columns are 88 panels of 8, three work items: both threads take some (wasmGemm.ts).
    const threaded = await matrixAgainstDots(page, 'wasm', 37, 700);
    expect(threaded).toMatchObject({ rows: 37, cols: 700, loaded: { backend: 'wasm', matrixKernelThreads: Math.min(threaded.cores, 4) } });
    expect(threaded.maxDiff).toBeLessThan(1e-5);
    await page.goto('/e2e/harness/engine.html?threads=1');
    await expect(page.locator('#status')).toHaveText('ready');
    const single = await matrixAgainstDots(page, 'wasm', 37, 700);
    expect(single.loaded.matrixKernelThreads).toBe(1);
    expect(single.maxDiff).toBeLessThan(1e-5);
  });

  test('the WGSL cosine kernel equals the JS product, on partial tiles and in row chunks', async ({ page }) => {
    // 53 × 301: one row of 64 × 64 tiles, the last one partial; d = 77 ends inside a k slice of 16.
    const check = await page.evaluate(() => window.engine.gpuKernelCheck(53, 301, 77));
    expect(check).toMatchObject({ software: true, chunks: 1 });
    expect(check!.maxDiff).toBeLessThan(1e-4);
    // 130 rows in chunks of 50: chunks start inside a tile row (rows 50 and 100 of A).
    const chunked = await page.evaluate(() => window.engine.gpuKernelCheck(130, 70, 33, 50));
    expect(chunked).toMatchObject({ chunks: 3 });
    expect(chunked!.maxDiff).toBeLessThan(1e-4);
  });
});
