// The machine's native single-precision matrix-multiply peak, measured in the same run as the
// browser figures with two libraries on the same shapes: tools/bench/native/sgemm.c compiled against
// OpenBLAS (Debian libopenblas-dev), and onnxruntime-node's MLAS (mlasSgemm.ts). The peak the bars
// use is the better of the two; both libraries' figures stay in results.json and the report.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize, type Summary } from './stats';

export const OPENBLAS_INSTALL = 'apt-get install -y libopenblas-dev';

export interface SgemmShape {
  m: number;
  n: number;
  k: number;
}

export interface SgemmFigure extends SgemmShape {
  threads: number;
  gflops: Summary;
}

/** One library's figures: `name` is short (OpenBLAS, MLAS), `library` names the package and version. */
export type LibraryResult =
  | { ok: true; name: string; library: string; figures: SgemmFigure[]; peakGflops: number; peakSingleThreadGflops: number }
  | { ok: false; name: string; library: string; reason: string; command: string };

/**
 * The better library per thread count, and every library's own figures. `peakGflops` is the bars'
 * native peak: the best median with up to all cores, i.e. the all-cores figure unless one thread
 * did better (on a loaded machine two threads can lose to one; the peak must not drop because of that).
 */
export type SgemmResult =
  | {
      ok: true;
      libraries: LibraryResult[];
      peakGflops: number;
      peakLibrary: string;
      /** Threads of the figure that set peakGflops: all cores, or 1 when one thread did better. */
      peakThreads: number;
      /** Best median on exactly all cores. */
      allCoresGflops: number;
      allCoresLibrary: string;
      peakSingleThreadGflops: number;
      peakSingleThreadLibrary: string;
    }
  | { ok: false; libraries: LibraryResult[]; reason: string; command: string };

/** Combines the libraries measured: the peak on all cores and on one thread, each with the library that set it. */
export function nativePeak(libraries: LibraryResult[], cores: number): SgemmResult {
  const measured = libraries.filter((l): l is Extract<LibraryResult, { ok: true }> => l.ok);
  if (!measured.length) {
    const failed = libraries.filter((l): l is Extract<LibraryResult, { ok: false }> => !l.ok);
    return { ok: false, libraries, reason: failed.map((l) => `${l.name}: ${l.reason}`).join('; ') || 'not run', command: failed.map((l) => l.command).join(' ; ') || 'npm run bench' };
  }
  const all = measured.reduce((a, b) => (b.peakGflops > a.peakGflops ? b : a));
  const one = measured.reduce((a, b) => (b.peakSingleThreadGflops > a.peakSingleThreadGflops ? b : a));
  const oneWins = one.peakSingleThreadGflops > all.peakGflops;
  return {
    ok: true, libraries,
    peakGflops: oneWins ? one.peakSingleThreadGflops : all.peakGflops,
    peakLibrary: oneWins ? one.name : all.name,
    peakThreads: oneWins ? 1 : cores,
    allCoresGflops: all.peakGflops, allCoresLibrary: all.name,
    peakSingleThreadGflops: one.peakSingleThreadGflops, peakSingleThreadLibrary: one.name,
  };
}

function haveOpenBlasHeaders(): boolean {
  return ['/usr/include/cblas.h', '/usr/include/x86_64-linux-gnu/cblas.h', '/usr/include/openblas/cblas.h'].some(existsSync)
    || spawnSync('sh', ['-c', 'echo "#include <cblas.h>" | cc -E - >/dev/null 2>&1']).status === 0;
}

/** Installs libopenblas-dev with apt when running as root on Debian; otherwise leaves it to the user. */
function tryInstall(log: (m: string) => void): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  log(`  OpenBLAS headers missing: running "${OPENBLAS_INSTALL}"`);
  return spawnSync('sh', ['-c', `${OPENBLAS_INSTALL} >/dev/null 2>&1`], { stdio: 'inherit' }).status === 0;
}

/** OpenBLAS cblas_sgemm (C = A·Bᵀ) with OPENBLAS_NUM_THREADS = all cores, then 1. */
export function measureOpenBlasSgemm(repoRoot: string, outDir: string, shapes: SgemmShape[], reps: number, log: (m: string) => void): LibraryResult {
  if (!haveOpenBlasHeaders() && !tryInstall(log)) {
    return { ok: false, name: 'OpenBLAS', library: 'OpenBLAS', reason: 'OpenBLAS (cblas.h, libopenblas) not installed', command: OPENBLAS_INSTALL };
  }
  mkdirSync(outDir, { recursive: true });
  const exe = join(outDir, 'sgemm');
  const source = join(repoRoot, 'tools/bench/native/sgemm.c');
  const cc = spawnSync('cc', ['-O2', '-o', exe, source, '-lopenblas'], { encoding: 'utf8' });
  if (cc.status !== 0) {
    return { ok: false, name: 'OpenBLAS', library: 'OpenBLAS', reason: `compiling sgemm.c failed: ${cc.stderr || cc.error?.message}`, command: `${OPENBLAS_INSTALL} && cc -O2 -o ${exe} ${source} -lopenblas` };
  }
  const figures: SgemmFigure[] = [];
  const cores = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  const kernelOf = (env: NodeJS.ProcessEnv) =>
    /Core:\s*(\S+)/.exec(spawnSync(exe, ['8', '8', '8', '1'], { encoding: 'utf8', env: { ...env, OPENBLAS_VERBOSE: '2' } }).stderr ?? '')?.[1];
  // An OpenBLAS build older than the CPU falls back to an old generic kernel (Debian's 0.3.21 runs
  // "Prescott", SSE3, on AVX-512 CPUs: ~15 instead of ~130 GFLOP/s here). The peak is the machine's,
  // so the kernel for the CPU's vector width is forced then, and the report says so.
  const picked = kernelOf(process.env);
  const flags = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const oldKernel = !!picked && /^(Prescott|Core2|Penryn|Dunnington|Nehalem|Atom|Katmai|Coppermine|Northwood|Banias|Yonah)$/i.test(picked);
  const forced = process.env.OPENBLAS_CORETYPE ?? (oldKernel ? (/\bavx512f\b/.test(flags) ? 'SkylakeX' : /\bavx2\b/.test(flags) ? 'Haswell' : undefined) : undefined);
  const env = forced ? { ...process.env, OPENBLAS_CORETYPE: forced } : process.env;
  for (const threads of [...new Set([cores, 1])]) {
    for (const shape of shapes) {
      const out = execFileSync(exe, [shape.m, shape.n, shape.k, reps].map(String), {
        encoding: 'utf8',
        env: { ...env, OPENBLAS_NUM_THREADS: String(threads) },
      });
      const parsed = JSON.parse(out) as { threads: number; runs: { gflops: number }[] };
      figures.push({ ...shape, threads: parsed.threads, gflops: summarize(parsed.runs.map((r) => r.gflops)) });
    }
  }
  const library = spawnSync('sh', ['-c', "dpkg-query -W -f '${Package} ${Version}\\n' libopenblas0-pthread libopenblas0-openmp 2>/dev/null"], { encoding: 'utf8' })
    .stdout.split('\n').filter((l) => /\s\d/.test(l)).join(', ') || 'OpenBLAS';
  const core = kernelOf(env);
  const why = process.env.OPENBLAS_CORETYPE ? ' (OPENBLAS_CORETYPE)' : forced ? ` (forced: the build picked ${picked} on this CPU)` : '';
  // Peak = the best median over shapes: the rate this machine sustains on a favourable shape.
  const best = (t: number) => Math.max(...figures.filter((f) => f.threads === t).map((f) => f.gflops.median));
  return { ok: true, name: 'OpenBLAS', library: core ? `${library}, kernel ${core}${why}` : library, figures, peakGflops: best(cores), peakSingleThreadGflops: best(1) };
}
