/**
 * Shared steps for the ESCO search tests: the engine harness page (e2e/harness/engine.html)
 * pointed at the app's real model folder, so the worker loads public/models/esco-static-v1 with
 * its prebuilt indexes and the ESCO data under public/data/esco.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import type { Hit, LoadedModel, ProgressEvent } from '../../workers/api';

export const MODEL_ID = 'esco-static-v1';
export const PUBLIC_DIR = join(process.cwd(), 'public');

/** ESCO URI of an occupation from its English preferred label, read from public/data/esco. */
export function occupationUri(preferredLabel: string): string {
  const core = JSON.parse(readFileSync(join(PUBLIC_DIR, 'data/esco/core.json'), 'utf8')) as {
    uriPrefix: { occupations: string };
    occupations: { id: string[] };
  };
  const labels = JSON.parse(readFileSync(join(PUBLIC_DIR, 'data/esco/labels.en.json'), 'utf8')) as { occupations: string[][] };
  const found = labels.occupations.flatMap((names, i) => (names[0] === preferredLabel ? [core.occupations.id[i]] : []));
  if (found.length !== 1) throw new Error(`expected one occupation labelled "${preferredLabel}", found ${found.length}`);
  return core.uriPrefix.occupations + found[0];
}

/** A page of its own (one worker) opened on the harness with the app's models. */
export async function openSearchHarness(browser: Browser, testInfo: TestInfo): Promise<Page> {
  const page = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto('/e2e/harness/engine.html?models=/models/');
  await expect(page.locator('#status')).toHaveText('ready');
  return page;
}

/**
 * Loads the default model on the device asked for, then embeds a few texts on it, collecting
 * stage events: a WebGPU failure while embedding makes the engine switch to WASM with a
 * "fallback" stage event, which the search API does not forward (it only reports work progress).
 */
export async function loadOn(page: Page, device: 'webgpu' | 'wasm'): Promise<{ loaded: LoadedModel; stages: ProgressEvent[] }> {
  return page.evaluate(async ({ id, device }) => {
    const { client } = window.engine;
    const stages: ProgressEvent[] = [];
    const onProgress = (event: ProgressEvent) => {
      if (event.status === 'stage') stages.push(event);
    };
    const loaded = await client.loadModel(id, { device, onProgress });
    await client.embed(['Softwareentwickler', 'enfermera', 'registered nurse on a surgical ward'], { role: 'query', onProgress });
    return { loaded, stages };
  }, { id: MODEL_ID, device });
}

/** Fails, saying why, unless the model runs on the backend that was asked for. */
export function expectBackend(result: { loaded: LoadedModel; stages: ProgressEvent[] }, device: 'webgpu' | 'wasm'): void {
  const fallbacks = result.stages.filter((e) => e.status === 'stage' && e.stage === 'fallback');
  expect(result.loaded.fallbackReason, `asked for ${device}, engine fell back: ${result.loaded.fallbackReason}`).toBeUndefined();
  expect(fallbacks, `asked for ${device}, engine fell back while embedding`).toEqual([]);
  expect(result.loaded.backend).toBe(device);
  expect(result.loaded.id).toBe(MODEL_ID);
  // Search scores run on onnxruntime's WASM kernels, not the JavaScript fallback loop.
  expect(result.loaded.scoring, `scoring fell back: ${result.loaded.scoringFallbackReason}`).toBe('onnxruntime');
}

export type SearchOptions = { target: 'occupations' | 'skills'; k: number; lang?: 'en' | 'de' | 'es' | 'fr' | 'nl' | 'pt'; mode?: 'hybrid' | 'dense' | 'lexical' };

export function search(page: Page, queries: string[], options: SearchOptions): Promise<Hit[][]> {
  return page.evaluate(({ queries, options }) => window.engine.client.search(queries, options), { queries, options });
}

/** English preferred labels of occupations, by URI. */
export async function englishLabels(page: Page, ids: string[]): Promise<string[]> {
  const entries = await page.evaluate((ids) => window.engine.client.describe(ids, 'occupations', 'en'), ids);
  return entries.map((e) => e.label);
}
