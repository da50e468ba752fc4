// Workload 5: cold start — page load → app's matcher worker → default model → first ranked result,
// with an empty cache (a fresh browser context) and a warm one (the same context, reloaded).
// Bytes come from the browser's network events (page and its workers; cache hits count 0), memory
// from performance.measureUserAgentSpecificMemory (the page is cross-origin isolated).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { summarize, type Summary } from '../stats';
import { CHROMIUM, CHROMIUM_ARGS, forwardErrors } from '../browser';
import type { Backend } from './embedding';

export interface ColdRun {
  cache: 'empty' | 'warm';
  firstResultMs: number;
  modelReadyMs: number;
  /** The first skills search, right after the first result (its BM25 and embedding indexes load then). */
  firstSkillsSearchMs: number;
  bytes: number;
  requests: number;
  workerMemoryBytes: number | null;
  pageMemoryBytes: number | null;
  backend: string;
  dtype: string;
  /** Load stages and file events with their time since navigation (ms). */
  timeline: { ms: number; event: string }[];
}

export interface ColdFigure {
  requested: Backend;
  backend: string;
  dtype: string;
  cache: 'empty' | 'warm';
  firstResultMs: Summary;
  modelReadyMs: Summary;
  firstSkillsSearchMs: Summary;
  bytes: Summary;
  requests: number;
  workerMemoryBytes: Summary | null;
  /** The timeline of the run with the median first-result time. */
  timeline: { ms: number; event: string }[];
}

interface MemoryBreakdown { bytes: number; attribution: { scope?: string; url?: string }[] }

async function measureMemory(page: Page): Promise<{ worker: number | null; page: number | null }> {
  return page.evaluate(async () => {
    const perf = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: MemoryBreakdown[] }> };
    if (!crossOriginIsolated || !perf.measureUserAgentSpecificMemory) return { worker: null, page: null };
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), 10_000));
    const m = await Promise.race([perf.measureUserAgentSpecificMemory(), timeout]);
    if (!m) return { worker: null, page: null };
    let worker = 0;
    for (const b of m.breakdown) if (b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')) worker += b.bytes;
    return { worker, page: m.bytes - worker };
  });
}

/**
 * How long a freshly launched browser is left alone before the navigation. A user's browser is
 * already running when they open the site; a browser launched just before it still builds its own
 * UI (a trace here showed ~400 chrome:// WebUI requests for the omnibox popup during the first
 * 1.6 s), which on 2 cores added 0.4–0.5 s to the page's cold start (A/B: 2.33 s against 1.84 s).
 */
export const BROWSER_SETTLE_MS = 3000;

/** Set after the first time measureUserAgentSpecificMemory gives nothing, so later runs do not wait for it again. */
let memoryUnavailable = false;

async function oneRun(page: Page, url: string, cache: 'empty' | 'warm'): Promise<ColdRun> {
  let bytes = 0;
  let requests = 0;
  const pending: Promise<void>[] = [];
  const onFinished = (req: import('playwright-core').Request) => {
    requests++;
    pending.push(req.sizes().then((s) => { bytes += s.responseBodySize + s.responseHeadersSize; }, () => {}));
  };
  page.on('requestfinished', onFinished);
  if (cache === 'warm') await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (window as unknown as { coldResult?: unknown }).coldResult, undefined, { timeout: 600_000 });
  const r = (await handle.jsonValue()) as Record<string, unknown>;
  page.off('requestfinished', onFinished);
  await Promise.all(pending);
  if (r.error) throw new Error(String(r.error));
  const memory = memoryUnavailable ? { worker: null, page: null } : await measureMemory(page);
  if (memory.worker === null) memoryUnavailable = true;
  return {
    cache, firstResultMs: Number(r.firstResultMs), modelReadyMs: Number(r.modelReadyMs), firstSkillsSearchMs: Number(r.firstSkillsSearchMs), bytes, requests,
    workerMemoryBytes: memory.worker, pageMemoryBytes: memory.page, backend: String(r.backend), dtype: String(r.dtype),
    timeline: (r.timeline as ColdRun['timeline'] | undefined) ?? [],
  };
}

export async function runColdStart(baseUrl: string, backends: Backend[], runs: number, log: (m: string) => void) {
  const figures: ColdFigure[] = [];
  const errors: { backend: string; error: string }[] = [];
  for (const requested of backends) {
    const url = `${baseUrl}/e2e/bench-harness/cold.html?device=${requested}`;
    const all: ColdRun[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        // A new profile on disk: empty HTTP cache, Cache API and IndexedDB, as on a first visit. A
        // disk profile (not an in-memory context) because the in-memory HTTP cache does not keep
        // files as large as the 27 MB WASM runtime, which a laptop's disk cache does.
        const profile = mkdtempSync(join(tmpdir(), 'bench-cold-'));
        const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          forwardErrors(page, log);
          await new Promise((resolve) => setTimeout(resolve, BROWSER_SETTLE_MS));
          all.push(await oneRun(page, url, 'empty'));
          all.push(await oneRun(page, url, 'warm'));
        } finally {
          await context.close();
          rmSync(profile, { recursive: true, force: true });
        }
      }
    } catch (error) {
      errors.push({ backend: requested, error: String(error).split('\n')[0].slice(0, 300) });
      log(`  cold start on ${requested} failed: ${String(error).split('\n')[0]}`);
      continue;
    }
    for (const cache of ['empty', 'warm'] as const) {
      const rs = all.filter((r) => r.cache === cache);
      const mem = rs.map((r) => r.workerMemoryBytes).filter((x): x is number => x !== null);
      const fig: ColdFigure = {
        requested, backend: rs[0].backend, dtype: rs[0].dtype, cache,
        firstResultMs: summarize(rs.map((r) => r.firstResultMs)), modelReadyMs: summarize(rs.map((r) => r.modelReadyMs)),
        firstSkillsSearchMs: summarize(rs.map((r) => r.firstSkillsSearchMs)),
        bytes: summarize(rs.map((r) => r.bytes)), requests: rs[0].requests, workerMemoryBytes: mem.length ? summarize(mem) : null,
        timeline: [...rs].sort((a, b) => a.firstResultMs - b.firstResultMs)[Math.floor((rs.length - 1) / 2)].timeline,
      };
      figures.push(fig);
      log(`  cold start ${requested}→${fig.backend}, ${cache} cache: first result ${fig.firstResultMs.median.toFixed(0)} ms, ${(fig.bytes.median / 1e6).toFixed(2)} MB`);
      log(`    ${fig.timeline.map((t) => `${t.ms} ${t.event}`).join(' | ')}`);
    }
  }
  return { figures, errors };
}
