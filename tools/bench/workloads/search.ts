// Workload 3 and the product bars: search through the app's own matcher worker (text in → ranked
// list out), one query at a time against the ESCO skill and occupation indexes; a 600-word resume
// through analyzeText; 1,000 titles → ranked occupations in one call.
import type { Page } from 'playwright-core';
import { summarize, type Summary } from '../stats';
import { callMatcher } from './call';
import type { Backend } from './embedding';

export interface SearchFigure {
  backend: string;
  dtype: string;
  /** What was measured, e.g. "one query → skills (k=10)". */
  task: string;
  target?: string;
  /** Entries in the searched index, when known. */
  indexSize?: number;
  firstCallMs: number;
  ms: Summary;
}

export interface SearchResults {
  figures: SearchFigure[];
  errors: { backend: string; stage: string; error: string }[];
  loaded: { backend: string; requested: Backend; dtype: string; fallbackReason: string | null; loadMs: number }[];
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);
}

export interface SearchPlan {
  modelId: string;
  queries: string[];
  queryReps: number;
  resume: string;
  resumeReps: number;
  titles: string[];
  titlesReps: number;
}

export async function runSearch(page: Page, plan: SearchPlan, backends: Backend[], log: (m: string) => void): Promise<SearchResults> {
  const out: SearchResults = { figures: [], errors: [], loaded: [] };
  for (const requested of backends) {
    let backend: string = requested;
    let dtype = '?';
    try {
      await page.evaluate(async () => { await window.openMatcher(); });
      const { ms, result } = await callMatcher(page, 'loadModel', plan.modelId, { device: requested });
      backend = result.backend;
      dtype = result.dtype;
      out.loaded.push({ backend, requested, dtype, fallbackReason: result.fallbackReason ?? null, loadMs: ms });
      log(`  matcher: ${plan.modelId} on ${backend} (${dtype}) in ${(ms / 1000).toFixed(1)} s${result.fallbackReason ? ` — fallback: ${result.fallbackReason}` : ''}`);
    } catch (error) {
      out.errors.push({ backend, stage: 'loadModel', error: errorText(error) });
      log(`  matcher on ${requested}: loadModel failed: ${errorText(error)}`);
      continue;
    }
    const measure = async (task: string, reps: number, call: (i: number) => Promise<{ ms: number; size?: number }>, target?: string) => {
      try {
        const first = await call(0);
        const runs: number[] = [];
        for (let i = 1; i <= reps; i++) runs.push((await call(i)).ms);
        const fig: SearchFigure = { backend, dtype, task, target, indexSize: first.size, firstCallMs: first.ms, ms: summarize(runs) };
        out.figures.push(fig);
        log(`    ${task}: median ${fig.ms.median.toFixed(1)} ms (first call ${first.ms.toFixed(0)} ms)`);
      } catch (error) {
        out.errors.push({ backend, stage: task, error: errorText(error) });
        log(`    ${task}: failed: ${errorText(error)}`);
      }
    };
    for (const target of ['skills', 'occupations'] as const) {
      await measure(`one query → ${target} (k=10)`, plan.queryReps, async (i) => {
        const { ms, result } = await callMatcher(page, 'search', [plan.queries[i % plan.queries.length]], { target, k: 10 });
        if (!result[0]?.length) throw new Error('no hits returned');
        return { ms };
      }, target);
    }
    await measure('600-word resume → occupations + skills with evidence (k=10)', plan.resumeReps, async () => {
      const { ms, result } = await callMatcher(page, 'analyzeText', plan.resume, { k: 10 });
      if (!result.occupations.length || !result.skills.length) throw new Error('analyzeText returned no occupations or skills');
      return { ms };
    });
    // For the analysis: how much of analyzeText is embedding (the resume's sentences, one embed call).
    const sentences = plan.resume.split(/(?<=[.!?;])\s+|\n+/).map((x) => x.trim()).filter(Boolean);
    await measure(`embed the resume's ${sentences.length} sentences (one call)`, plan.resumeReps, async () => {
      const { ms } = await callMatcher(page, 'embed', sentences, { role: 'query' });
      return { ms };
    });
    await measure(`${plan.titles.length} titles → ranked occupations (k=10, one call)`, plan.titlesReps, async () => {
      const { ms, result } = await callMatcher(page, 'search', plan.titles, { target: 'occupations', k: 10 });
      if (result.length !== plan.titles.length) throw new Error(`got ${result.length} result lists`);
      return { ms };
    }, 'occupations');
    // A fresh matcher worker per backend: the next loadModel must not reuse this one's state.
    await page.reload();
    await page.waitForFunction(() => window.benchReady === true);
  }
  return out;
}
