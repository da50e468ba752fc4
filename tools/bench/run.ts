// `npm run bench [-- --quick] [-- --only=embedding,search,similarity,cold,sgemm]`
// Builds the bench harness (the app's Vite config plus e2e/bench-harness/), serves it with vite
// preview (COOP/COEP), drives headless Debian chromium, and writes bench/results.json and
// docs/BENCHMARKS.md. Never part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, launchChromium, openHarness, startPreview } from './browser';
import { readBenchCorpus } from './corpus';
import { machineInfo } from './machine';
import { benchPlan, DEFAULT_MODEL_ID } from './plan';
import { REF_MODELS, writeRefModel } from './refModels/generate';
import { writeReport } from './report';
import { computeBars, computeSpeedups } from './bars';
import type { BenchResults } from './results';
import { measureMlasSgemm } from './mlasSgemm';
import { measureOpenBlasSgemm, nativePeak } from './sgemm';
import { summarize } from './stats';
import { callBench } from './workloads/call';
import { runColdStart } from './workloads/coldStart';
import { runEmbedding, runProfiles, type Backend } from './workloads/embedding';
import { runSearch } from './workloads/search';
import { runSimilarity } from './workloads/similarity';
import { runCeiling } from './workloads/ceiling';
import { readCpuTimes, stealPercent } from './steal';
import { ceilingWasm } from './wasmCeiling';
import { measureAppShell } from './workloads/appShell';

const REPO = join(import.meta.dirname, '../..');
/** Generated stand-in for the default model when public/models/esco-static-v1/ is missing. */
const STAND_IN = 'ref-static-256';
const TMP = join(REPO, 'bench/tmp');
const SECTIONS = ['sgemm', 'embedding', 'profile', 'search', 'similarity', 'cold', 'app'] as const;
type Section = (typeof SECTIONS)[number];

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  console.log('npm run bench [-- --quick] [-- --only=sgemm,embedding,profile,search,similarity,cold,app] [-- --backends=wasm,webgpu]');
  process.exit(0);
}
const quick = argv.includes('--quick');
const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = new Set<Section>((onlyArg ? onlyArg.split(',') : SECTIONS) as Section[]);
const backendsArg = argv.find((a) => a.startsWith('--backends='))?.slice('--backends='.length);
const backends = (backendsArg ? backendsArg.split(',') : ['wasm', 'webgpu']) as Backend[];
const started = Date.now();
const log = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';

function run(cmd: string, args: string[], env: Record<string, string> = {}): { ok: boolean; output: string } {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

async function main(): Promise<void> {
  const plan = benchPlan(quick);
  const notes: string[] = [];
  const load: BenchResults['meta']['load'] = [];
  const section = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const before = loadavg()[0];
    const cpuBefore = readCpuTimes();
    log(`== ${name}`);
    const value = await body();
    const steal = stealPercent(cpuBefore, readCpuTimes());
    load.push({ section: name, before, after: loadavg()[0], ...(steal !== undefined ? { stealPct: steal } : {}) });
    if (steal !== undefined) log(`  CPU steal during this section: ${steal.toFixed(1)} %`);
    return value;
  };

  mkdirSync(TMP, { recursive: true });
  const machine = machineInfo();
  log(`${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB${quick ? ' — QUICK run' : ''}`);

  const sgemm: BenchResults['sgemm'] = only.has('sgemm') || only.has('similarity')
    ? await section('native sgemm peak (OpenBLAS, onnxruntime MLAS)', async () => {
        const shapes = [
          { m: 2048, n: 2048, k: 2048 },
          { m: 1000, n: 13_896, k: 768 },
          { m: 1000, n: 1000, k: 256 },
        ];
        const openBlas = measureOpenBlasSgemm(REPO, join(TMP, 'native'), shapes, plan.sgemmReps, log);
        const mlas = await measureMlasSgemm(shapes, plan.sgemmReps, machine.cores);
        for (const l of [openBlas, mlas]) {
          if (l.ok) log(`  ${l.name}: ${l.peakGflops.toFixed(1)} GFLOP/s (${machine.cores} threads), ${l.peakSingleThreadGflops.toFixed(1)} GFLOP/s (1 thread) — ${l.library}`);
          else log(`  ${l.name} skipped: ${l.reason}. To measure it: ${l.command}`);
        }
        const r = nativePeak([openBlas, mlas], machine.cores);
        if (r.ok) log(`  native peak ${r.peakGflops.toFixed(1)} GFLOP/s (${r.peakLibrary}, ${r.peakThreads} thread${r.peakThreads > 1 ? 's' : ''}); ${machine.cores} threads best ${r.allCoresGflops.toFixed(1)} (${r.allCoresLibrary}); 1 thread best ${r.peakSingleThreadGflops.toFixed(1)} (${r.peakSingleThreadLibrary})`);
        return r;
      })
    : { ok: false, libraries: [], reason: 'not run (--only)', command: 'npm run bench' };

  // Texts and reference models (git-ignored, regenerated only when their spec changes).
  const corpus = readBenchCorpus(join(REPO, '../shared/esco/v1.2.0/occupations_en.csv'));
  writeFileSync(join(TMP, 'corpus.json'), JSON.stringify({ titles: corpus.titles, segments64: corpus.segments64, segments256: corpus.segments256 }));
  writeFileSync(join(TMP, 'wasm-ceiling.wasm'), await ceilingWasm());
  const resume = readFileSync(join(REPO, 'bench/fixtures/resume-600w.txt'), 'utf8');
  const hasDefaultModel = existsSync(join(REPO, 'public/models', DEFAULT_MODEL_ID, 'config.json'));
  if (!hasDefaultModel) {
    notes.push(`The default model public/models/${DEFAULT_MODEL_ID}/ did not exist at run time: embedding figures use ${STAND_IN}, a random-weight model of the same architecture (static 256-d int8 token table, mean pooled, WordPiece vocabulary of 30,522), and search and cold start (which need the real model and its ESCO indexes) are missing.`);
  }
  const defaultPath = hasDefaultModel ? `models/${DEFAULT_MODEL_ID}` : `bench-tmp/models/${STAND_IN}`;
  const defaultLabel = hasDefaultModel ? DEFAULT_MODEL_ID : `${STAND_IN} (stand-in for ${DEFAULT_MODEL_ID}, random weights)`;
  if (only.has('embedding') || only.has('profile')) {
    await section('reference-shape models (random weights)', async () => {
      const wanted = new Set([...plan.embedding.map((p) => p.path), ...plan.profiles.map((p) => `bench-tmp/models/${p.model}`)]);
      if (!hasDefaultModel) wanted.add(`bench-tmp/models/${STAND_IN}`);
      for (const spec of REF_MODELS) {
        if (wanted.has(`bench-tmp/models/${spec.id}`)) writeRefModel(spec, join(TMP, 'models'), corpus.allText, log);
      }
    });
  }

  await section('build (vite build with the bench harness pages)', async () => {
    const r = run('npx', ['vite', 'build', '--config', 'tools/bench/vite.bench.config.ts']);
    if (!r.ok) throw new Error(`harness build failed:\n${r.output.slice(-3000)}`);
  });
  const { server, url } = await startPreview(join(REPO, 'tools/bench/vite.bench.config.ts'));
  log(`serving ${url}`);
  const browser = await launchChromium();
  const context = await browser.newContext();
  let page = await openHarness(context, url, log);
  const pageEnv = await callBench(page, 'environment', machine.cores);
  log(`chromium ${browser.version()}, isolated=${pageEnv.crossOriginIsolated}, WASM threads ${pageEnv.wasmThreads}, GPU ${pageEnv.gpu ? `${pageEnv.gpu.vendor}/${pageEnv.gpu.architecture}` : 'none'}`);

  const results: BenchResults = {
    meta: {
      startedAt: new Date(started).toISOString(), finishedAt: '', durationS: 0, quick, machine,
      browser: { name: 'Chromium (Debian, headless)', version: browser.version(), args: CHROMIUM_ARGS },
      page: pageEnv, load, notes,
    },
    sgemm, embedding: null, speedups: [], profiles: [], search: null, similarity: null, wasmCeiling: null, coldStart: null, appShell: null, bars: [],
  };

  try {
    if (only.has('embedding')) {
      const plans = plan.embedding.map((p) => (p.path.endsWith(DEFAULT_MODEL_ID) ? { ...p, path: defaultPath, label: defaultLabel } : p));
      results.embedding = await section('embedding throughput + pipeline baseline', () => runEmbedding(page, plans, backends, log));
      results.speedups = computeSpeedups(results.embedding);
    }
    if (only.has('profile')) {
      const jobs = plan.profiles
        .filter((p) => backends.includes(p.backend))
        .map((p) => {
          const isDefault = p.model === 'default';
          const path = isDefault ? defaultPath : `bench-tmp/models/${p.model}`;
          const loaded = results.embedding?.loadMs.find((l) => l.model === defaultLabel && l.backend === p.backend);
          const dtype = p.dtype === 'recipe' ? loaded?.dtype ?? 'fp32' : p.dtype;
          return { path, label: isDefault ? defaultLabel : p.model, backend: p.backend, dtype, set: p.set, count: p.count, batchSize: p.batchSize };
        });
      const r = await section('stage profile (performance.now() around each stage)', () => runProfiles(page, jobs, log));
      results.profiles = r.profiles;
      results.embedding?.errors.push(...r.errors);
    }
    // A fresh page before the memory-heavy parts: the reference models leave WASM memory behind.
    await page.close();
    page = await openHarness(context, url, log);
    await callBench(page, 'environment', machine.cores);
    if (only.has('search') && hasDefaultModel) {
      results.search = await section('search through the app worker', () => runSearch(page, {
        modelId: DEFAULT_MODEL_ID,
        queries: corpus.titles.slice(0, plan.search.queries),
        queryReps: plan.search.queryReps,
        resume,
        resumeReps: plan.search.resumeReps,
        titles: corpus.titles.slice(0, plan.search.titles),
        titlesReps: plan.search.titlesReps,
      }, backends, log));
    }
    if (only.has('similarity')) {
      results.wasmCeiling = await section('WASM SIMD ceiling (register-only kernels)', () => runCeiling(page, machine.cores, plan.ceilingReps, log));
      results.similarity = await section('similarity matrix', () => runSimilarity(page, plan.similarity, log));
    }
    if (only.has('cold') && hasDefaultModel) {
      results.coldStart = await section('cold start', () => runColdStart(url, backends, plan.coldRuns, log));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (only.has('app')) {
    results.appShell = await section('app shell (npx vite build → vite preview → load event)', () => measureAppShell(REPO, plan.coldRuns, log));
  }

  results.bars = computeBars(results);
  results.meta.finishedAt = new Date().toISOString();
  results.meta.durationS = Math.round((Date.now() - started) / 1000);
  const busy = load.filter((l) => Math.max(l.before, l.after) > machine.cores * 1.5);
  if (busy.length) {
    notes.push(`Other processes competed for the CPU during: ${busy.map((b) => `${b.section} (load ${b.before.toFixed(1)} → ${b.after.toFixed(1)})`).join('; ')}. Absolute figures there are pessimistic; ratios measured side by side are less affected.`);
  }
  const out = join(REPO, quick ? 'bench/tmp/results.quick.json' : 'bench/results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 1)}\n`);
  log(`wrote ${out}`);
  const doc = join(REPO, quick ? 'bench/tmp/BENCHMARKS.quick.md' : 'docs/BENCHMARKS.md');
  await writeReport(results, doc, join(REPO, quick ? 'bench/tmp/charts' : 'bench/charts'));
  log(`wrote ${doc}`);
  for (const bar of results.bars) log(`${bar.pass === null ? 'N/A ' : bar.beside ? (bar.pass ? 'in  ' : 'over') : bar.pass ? 'PASS' : 'MISS'}  ${bar.name}: ${bar.measured} (${bar.beside ? 'beside the WASM bar' : 'bar'} ${bar.target})`);
  log(`done in ${summarize([results.meta.durationS]).median} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
