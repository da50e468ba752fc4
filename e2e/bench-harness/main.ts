/// <reference types="vite/client" />
// Page side of the bench harness: one bench worker (engine classes, baselines) and, on demand, the
// app's own matcher worker (search, analyzeText) — both wrapped with comlink and left on `window`
// for tools/bench/run.ts to call through page.evaluate — and measureCeiling (the WASM SIMD
// ceiling on one worker per core, ./ceiling.ts).
import { wrap, type Remote } from 'comlink';
import type { MatcherApi } from '../../workers/api';
import type { BenchWorkerApi } from './bench.worker';
import { measureCeiling } from './ceiling';

// Globbed, so the harness builds before the app's worker exists (then `openMatcher` reports that).
const matcherWorkers = import.meta.glob<{ default: new () => Worker }>('../../workers/matcher.worker.ts', { query: '?worker' });

declare global {
  interface Window {
    bench: Remote<BenchWorkerApi>;
    openMatcher: () => Promise<Remote<MatcherApi>>;
    matcher?: Remote<MatcherApi>;
    benchReady: boolean;
    measureCeiling: typeof measureCeiling;
  }
}

window.bench = wrap<BenchWorkerApi>(new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }));
window.openMatcher = async () => {
  const load = Object.values(matcherWorkers)[0];
  if (!load) throw new Error('workers/matcher.worker.ts does not exist yet');
  const MatcherWorker = (await load()).default;
  window.matcher = wrap<MatcherApi>(new MatcherWorker());
  return window.matcher;
};
window.measureCeiling = measureCeiling;
window.benchReady = true;
