import { describe, expect, it } from 'vitest';
import { nativePeak, type LibraryResult } from './sgemm';

function lib(name: string, allCores: number, oneThread: number): LibraryResult {
  const figure = (threads: number, gflops: number) => ({ m: 8, n: 8, k: 8, threads, gflops: { median: gflops, min: gflops, max: gflops, n: 1 } });
  return { ok: true, name, library: `${name} test`, figures: [figure(2, allCores), figure(1, oneThread)], peakGflops: allCores, peakSingleThreadGflops: oneThread };
}

describe('nativePeak', () => {
  it('judges against the faster library and names it, per thread count', () => {
    const r = nativePeak([lib('OpenBLAS', 20, 15), lib('MLAS', 60, 40)], 2);
    expect(r.ok && [r.peakGflops, r.peakLibrary, r.peakThreads]).toEqual([60, 'MLAS', 2]);
    expect(r.ok && [r.peakSingleThreadGflops, r.peakSingleThreadLibrary]).toEqual([40, 'MLAS']);
  });

  it('does not let a slow all-cores figure (shared cores) lower the peak below one thread', () => {
    const r = nativePeak([lib('OpenBLAS', 18, 23), lib('MLAS', 24, 47)], 2);
    expect(r.ok && [r.peakGflops, r.peakLibrary, r.peakThreads, r.allCoresGflops]).toEqual([47, 'MLAS', 1, 24]);
  });

  it('keeps the one library that ran when the other could not', () => {
    const missing: LibraryResult = { ok: false, name: 'OpenBLAS', library: 'OpenBLAS', reason: 'not installed', command: 'apt-get install -y libopenblas-dev' };
    const r = nativePeak([missing, lib('MLAS', 30, 20)], 2);
    expect(r.ok && r.peakLibrary).toBe('MLAS');
    expect(r.libraries).toHaveLength(2);
  });

  it('reports why there is no peak when no library ran', () => {
    const missing: LibraryResult = { ok: false, name: 'OpenBLAS', library: 'OpenBLAS', reason: 'not installed', command: 'apt-get install -y libopenblas-dev' };
    const r = nativePeak([missing], 2);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('not installed');
  });
});
