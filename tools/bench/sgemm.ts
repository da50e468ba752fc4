// The machine's native single-precision matrix-multiply peak, measured in the same run as the
// browser figures: tools/bench/native/sgemm.c compiled against OpenBLAS (Debian libopenblas-dev).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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

export type SgemmResult =
  | { ok: true; library: string; figures: SgemmFigure[]; peakGflops: number; peakSingleThreadGflops: number }
  | { ok: false; reason: string; command: string };

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

export function measureSgemm(repoRoot: string, outDir: string, shapes: SgemmShape[], reps: number, log: (m: string) => void): SgemmResult {
  if (!haveOpenBlasHeaders() && !tryInstall(log)) {
    return { ok: false, reason: 'OpenBLAS (cblas.h, libopenblas) not installed', command: OPENBLAS_INSTALL };
  }
  mkdirSync(outDir, { recursive: true });
  const exe = join(outDir, 'sgemm');
  const source = join(repoRoot, 'tools/bench/native/sgemm.c');
  const cc = spawnSync('cc', ['-O2', '-o', exe, source, '-lopenblas'], { encoding: 'utf8' });
  if (cc.status !== 0) {
    return { ok: false, reason: `compiling sgemm.c failed: ${cc.stderr || cc.error?.message}`, command: `${OPENBLAS_INSTALL} && cc -O2 -o ${exe} ${source} -lopenblas` };
  }
  const figures: SgemmFigure[] = [];
  const cores = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  for (const threads of [...new Set([cores, 1])]) {
    for (const shape of shapes) {
      const out = execFileSync(exe, [shape.m, shape.n, shape.k, reps].map(String), {
        encoding: 'utf8',
        env: { ...process.env, OPENBLAS_NUM_THREADS: String(threads) },
      });
      const parsed = JSON.parse(out) as { threads: number; runs: { gflops: number }[] };
      figures.push({ ...shape, threads: parsed.threads, gflops: summarize(parsed.runs.map((r) => r.gflops)) });
    }
  }
  const library = spawnSync('sh', ['-c', "dpkg-query -W -f '${Package} ${Version}\\n' libopenblas0-pthread libopenblas0-openmp 2>/dev/null"], { encoding: 'utf8' })
    .stdout.split('\n').filter((l) => /\s\d/.test(l)).join(', ') || 'OpenBLAS';
  // Peak = the best median over shapes: the rate this machine sustains on a favourable shape.
  const best = (t: number) => Math.max(...figures.filter((f) => f.threads === t).map((f) => f.gflops.median));
  return { ok: true, library, figures, peakGflops: best(cores), peakSingleThreadGflops: best(1) };
}
