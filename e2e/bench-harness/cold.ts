/// <reference types="vite/client" />
// Cold start, measured as a user meets it: from navigation start (performance.now() is relative to
// it) through starting the app's matcher worker, loading the default model on the device given in
// ?device=, to the first ranked list for one query. Result left on window.coldResult.
import { proxy, wrap } from 'comlink';
import type { DeviceChoice, MatcherApi } from '../../workers/api';

const matcherWorkers = import.meta.glob<{ default: new () => Worker }>('../../workers/matcher.worker.ts', { query: '?worker' });

declare global {
  interface Window {
    coldResult?: Record<string, unknown>;
  }
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const device = (params.get('device') ?? 'auto') as DeviceChoice;
  const model = params.get('model') ?? 'esco-static-v1';
  const query = params.get('query') ?? 'software developer';
  const scriptStart = performance.now();
  const load = Object.values(matcherWorkers)[0];
  if (!load) throw new Error('workers/matcher.worker.ts does not exist yet');
  const matcher = wrap<MatcherApi>(new (await load()).default());
  // Where the time goes: each load stage and file event, stamped on arrival (ms since navigation).
  const timeline: { ms: number; event: string }[] = [{ ms: performance.now(), event: 'worker created' }];
  const onProgress = proxy((e: Record<string, unknown>) => {
    if (e.status === 'progress') return;
    timeline.push({ ms: performance.now(), event: [e.status, e.stage, e.message, e.file].filter(Boolean).join(' ') });
  });
  const loaded = await matcher.loadModel(model, { device }, onProgress);
  const modelReady = performance.now();
  const hits = await matcher.search([query], { target: 'occupations', k: 10 });
  const firstResult = performance.now();
  const skillsStart = performance.now();
  await matcher.search(['nurse'], { target: 'skills', k: 10 });
  const firstSkillsSearchMs = performance.now() - skillsStart;
  window.coldResult = {
    scriptStartMs: scriptStart,
    modelReadyMs: modelReady,
    firstResultMs: firstResult,
    firstSkillsSearchMs,
    backend: loaded.backend,
    dtype: loaded.dtype,
    fallbackReason: loaded.fallbackReason ?? null,
    topHit: hits[0]?.[0]?.id ?? null,
    timeline: timeline.map((t) => ({ ms: Math.round(t.ms), event: t.event })),
  };
}

main().catch((error: unknown) => {
  window.coldResult = { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
});
