// The product bars from the brief, judged on this run's figures (PASS / MISS / N/A when not measured).
import type { Bar, BenchResults } from './results';
import type { EmbeddingResults } from './workloads/embedding';

export function computeSpeedups(e: EmbeddingResults): BenchResults['speedups'] {
  const out: BenchResults['speedups'] = [];
  for (const b of e.baselines) {
    for (const f of e.figures) {
      if (f.model !== b.model || f.backend !== b.backend || f.dtype !== b.dtype || f.textSet !== 'titles') continue;
      out.push({ model: f.model, backend: f.backend, dtype: f.dtype, batchSize: f.batchSize, engine: f.textsPerSec, baseline: b.textsPerSec, ratio: f.textsPerSec.median / b.textsPerSec.median });
    }
  }
  return out;
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
/** The brief sets its bars on WASM; the same figures on WebGPU are shown beside them, not judged. */
const besideIf = (notWasm: boolean): Partial<Bar> => (notWasm ? { beside: true } : {});

export function computeBars(r: BenchResults): Bar[] {
  const bars: Bar[] = [];
  const backends = [...new Set([...(r.search?.loaded.map((l) => l.backend) ?? []), 'wasm'])];
  for (const backend of backends) {
    const resume = r.search?.figures.find((f) => f.backend === backend && f.task.startsWith('600-word'));
    bars.push({
      name: `600-word resume → occupations + skills with evidence, warm (${backend})`, target: '≤ 150 ms',
      measured: resume ? ms(resume.ms.median) : 'not measured', pass: resume ? resume.ms.median <= 150 : null,
      basis: 'median of warm analyzeText calls through the app worker, default model',
      ...besideIf(backend !== 'wasm'),
    });
    const titles = r.search?.figures.find((f) => f.backend === backend && f.task.includes('titles → ranked occupations'));
    bars.push({
      name: `1,000 titles → ranked occupations (${backend})`, target: '≤ 1 s',
      measured: titles ? ms(titles.ms.median) : 'not measured', pass: titles ? titles.ms.median <= 1000 : null,
      basis: 'median of warm search(1,000 titles) calls through the app worker, default model',
      ...besideIf(backend !== 'wasm'),
    });
  }
  for (const f of r.coldStart?.figures.filter((c) => c.cache === 'empty') ?? []) {
    bars.push({
      name: `cold start, empty cache, localhost (${f.requested}→${f.backend})`, target: '≤ 2 s',
      measured: ms(f.firstResultMs.median), pass: f.firstResultMs.median <= 2000,
      basis: 'navigation start → first ranked result (cold.html with the app worker)',
      ...besideIf(f.backend !== 'wasm'),
    });
  }
  if (!r.coldStart?.figures.length) bars.push({ name: 'cold start, empty cache, localhost', target: '≤ 2 s', measured: 'not measured', pass: null, basis: '' });
  const defaultSpeedups = r.speedups.filter((s) => (s.model.startsWith('esco-static') || s.model.startsWith('ref-static')) && s.batchSize === 32);
  for (const s of defaultSpeedups) {
    bars.push({
      name: `engine vs per-text pipeline, titles, batch 32 (${s.model}, ${s.backend}, ${s.dtype})`, target: '≥ 3×',
      measured: `${s.ratio.toFixed(2)}×`, pass: s.ratio >= 3,
      basis: 'median texts/s of Embedder.embed (batch 32) ÷ median texts/s of pipeline() one title per call',
      ...besideIf(s.backend !== 'wasm'),
    });
  }
  if (!defaultSpeedups.length) bars.push({ name: 'engine vs per-text pipeline, titles (default model)', target: '≥ 3×', measured: 'not measured', pass: null, basis: '' });
  const native = r.sgemm.ok ? r.sgemm : null;
  const gf = (x: number) => x.toFixed(x < 10 ? 2 : 1);
  const sims = r.similarity?.figures ?? [];
  for (const f of sims.filter((x) => x.path === 'engine-wasm')) {
    const same = (path: string) => sims.find((x) => x.path === path && x.n === f.n && x.m === f.m && x.d === f.d);
    const js = same('engine-js');
    const loop = same('plain-js-triple-loop');
    const ort = same('onnxruntime-wasm');
    const fma = r.wasmCeiling?.figures.find((c) => c.kernel === 'fma' && c.workers === r.meta.machine.cores);
    const ceiling = fma && native ? `; WASM SIMD ceiling (register-only FMA, ${fma.workers} workers) ${gf(fma.gflops.median)} GFLOP/s = ${((100 * fma.gflops.median) / native.peakGflops).toFixed(1)} %` : '';
    const beside = `onnxruntime MatMul ${ort ? `${gf(ort.gflops.median)} GFLOP/s` : 'n/a'}; engine-js fallback ${js ? `${gf(js.gflops.median)} GFLOP/s` : 'n/a'}; plain JS loop ${loop ? `${gf(loop.gflops.median)} GFLOP/s` : 'n/a'}${ceiling}`;
    bars.push({
      name: `WASM similarity path (engine-wasm: relaxed-SIMD kernel, ${f.threads ?? '?'} thread${(f.threads ?? 0) > 1 ? 's' : ''}) ${f.n}×${f.m}×${f.d} vs native sgemm peak`, target: '≥ 25 %',
      measured: native
        ? `${((100 * f.gflops.median) / native.peakGflops).toFixed(1)} % (${gf(f.gflops.median)} of ${gf(native.peakGflops)} GFLOP/s, ${native.peakLibrary} ${native.peakThreads} thread${native.peakThreads > 1 ? 's' : ''}); vs the 1-thread native peak (${native.peakSingleThreadLibrary}, ${gf(native.peakSingleThreadGflops)} GFLOP/s): ${((100 * f.gflops.median) / native.peakSingleThreadGflops).toFixed(1)} %; ${beside}`
        : `${gf(f.gflops.median)} GFLOP/s, no native peak; ${beside}`,
      pass: native ? f.gflops.median / native.peakGflops >= 0.25 : null,
      basis: 'median GFLOP/s of the app\'s CPU path (2·N·M·d per matrix; copying and packing both sides into the kernel\'s memory and copying the result out included) ÷ the native peak: best median sgemm GFLOP/s of OpenBLAS and onnxruntime MLAS using up to all cores, same run',
    });
  }
  if (!sims.some((x) => x.path === 'engine-wasm')) bars.push({ name: 'WASM similarity path (engine-wasm) vs native sgemm peak', target: '≥ 25 %', measured: 'not measured', pass: null, basis: '' });
  return bars;
}
